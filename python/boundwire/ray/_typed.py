"""Typed tasks: Ray tasks whose arguments travel as encoded bytes.

Ray sends a ``bytes`` value as it is (its RAW path: no pickle on either
side), so a typed task's caller encodes each argument, which validates
it, and the callee decodes each one, which checks every rule of the
schema again, before the task's body runs.  A return value whose type
is a boundwire type comes back the same way.
"""

from __future__ import annotations

import functools
import inspect
import sys
import typing
from collections.abc import Callable, Sequence
from typing import Any, overload

import boundwire
from boundwire.ray._guard import require_ray


def is_boundwire_type(t: object) -> bool:
    """Whether T is a type that bwc generated."""
    if not isinstance(t, type):
        return False
    module = sys.modules.get(t.__module__)
    decoder = getattr(module, "_decode_" + t.__name__, None)
    return callable(decoder) and callable(getattr(t, "decode", None))


def _argument_error(func: str, param: str,
                    e: boundwire.DecodeError) -> boundwire.DecodeError:
    return boundwire.DecodeError(
        f"{func}: argument '{param}': {e}", code=e.code, path=e.path,
        rule=e.rule, value=e.value, limit=e.limit, offset=e.offset)


def _decode_argument(func: str, param: str, t: type, value: object) -> Any:
    if not isinstance(value, bytes):
        raise TypeError(
            f"{func}: argument '{param}' must arrive as the encoded bytes "
            f"of {t.__module__}.{t.__qualname__}, not as "
            f"{type(value).__name__}")
    try:
        return getattr(t, "decode")(value)
    except boundwire.DecodeError as e:
        raise _argument_error(func, param, e) from None


class _Signature:
    """The parameters of a typed task and their boundwire types."""

    def __init__(self, func: Callable[..., Any]) -> None:
        self.name = getattr(func, "__qualname__", repr(func))
        self.signature = inspect.signature(func)
        hints = typing.get_type_hints(func)
        self.params: list[tuple[str, type]] = []
        for p in self.signature.parameters.values():
            self.params.append((p.name, self._param_type(p, hints)))
        returned = hints.get("return")
        self.returns = returned if is_boundwire_type(returned) else None

    def _param_type(self, p: inspect.Parameter,
                    hints: dict[str, Any]) -> type:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            raise TypeError(
                f"typed task {self.name}: *{p.name} cannot be typed; "
                "name each parameter")
        t = hints.get(p.name)
        if not is_boundwire_type(t):
            raise TypeError(
                f"typed task {self.name}: parameter '{p.name}' must be "
                f"annotated with a type bwc generated, not {t!r}")
        assert isinstance(t, type)
        return t

    def encode(self, args: Sequence[Any],
               kwargs: dict[str, Any]) -> list[Any]:
        """The arguments as the callee receives them: encoded bytes, or
        object references whose values are encoded bytes."""
        import ray
        bound = self.signature.bind(*args, **kwargs)
        bound.apply_defaults()
        out: list[Any] = []
        for name, t in self.params:
            value = bound.arguments[name]
            if isinstance(value, ray.ObjectRef):
                out.append(value)
            elif isinstance(value, t):
                out.append(getattr(value, "encode")())
            else:
                raise TypeError(
                    f"{self.name}: argument '{name}' must be "
                    f"{t.__module__}.{t.__qualname__}, not "
                    f"{type(value).__name__}")
        return out

    def decode(self, encoded: Sequence[Any]) -> list[Any]:
        """The callee's side of encode."""
        if len(encoded) != len(self.params):
            raise TypeError(
                f"{self.name}: takes {len(self.params)} encoded "
                f"arguments, got {len(encoded)}")
        return [_decode_argument(self.name, name, t, value)
                for (name, t), value in zip(self.params, encoded)]


def _callee(func: Callable[..., Any],
            sig: _Signature) -> Callable[..., Any]:
    """What the worker runs: decode, call FUNC, encode its result."""

    @functools.wraps(func)
    def run(*encoded: Any) -> Any:
        result = func(*sig.decode(encoded))
        if sig.returns is None:
            return result
        if not isinstance(result, sig.returns):
            raise TypeError(
                f"{sig.name} must return {sig.returns.__qualname__}, "
                f"not {type(result).__name__}")
        return getattr(result, "encode")()

    # Ray reads the signature to check calls: the worker's takes bytes.
    setattr(run, "__signature__", inspect.Signature(
        [p.replace(annotation=bytes) for p in sig.signature.parameters
         .values()]))
    setattr(run, "__annotations__", {})
    return run


class TypedTask:
    """A Ray task whose arguments (and boundwire return) travel as
    encoded bytes; made by ``typed_task``."""

    def __init__(self, func: Callable[..., Any], sig: _Signature,
                 remote_function: Any) -> None:
        self._func = func
        self._sig = sig
        #: The underlying Ray remote function, which takes the encoded
        #: arguments as bytes.
        self.remote_function = remote_function
        functools.update_wrapper(self, func)

    def remote(self, *args: Any, **kwargs: Any) -> Any:
        """Encodes the arguments (validating them) and starts the task;
        returns its ray.ObjectRef."""
        return self.remote_function.remote(*self._sig.encode(args, kwargs))

    def options(self, **ray_options: Any) -> TypedTask:
        """The same task with other Ray options, as RemoteFunction's."""
        return TypedTask(self._func, self._sig,
                         self.remote_function.options(**ray_options))

    def get(self, refs: Any, *, timeout: float | None = None) -> Any:
        """ray.get of REFS (one reference or a list), decoding results
        of a boundwire return type."""
        import ray
        values = ray.get(refs, timeout=timeout)
        returns = self._sig.returns
        if returns is None:
            return values
        decode = getattr(returns, "decode")
        if isinstance(refs, list):
            return [decode(v) for v in values]
        return decode(values)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(
            f"typed task {self._sig.name} cannot be called directly: use "
            f"{self._sig.name}.remote()")


@overload
def typed_task(func: Callable[..., Any], /) -> TypedTask: ...


@overload
def typed_task(**ray_options: Any) -> Callable[
    [Callable[..., Any]], TypedTask]: ...


def typed_task(func: Callable[..., Any] | None = None,
               **ray_options: Any) -> Any:
    """Decorator making FUNC a Ray task that takes boundwire values.

    Every parameter must be annotated with a type bwc generated.  Used
    bare (``@typed_task``) or with Ray's options
    (``@typed_task(num_cpus=1)``).
    """
    def wrap(f: Callable[..., Any]) -> TypedTask:
        ray = require_ray()
        sig = _Signature(f)
        callee = _callee(f, sig)
        remote = (ray.remote(**ray_options)(callee) if ray_options
                  else ray.remote(callee))
        return TypedTask(f, sig, remote)

    return wrap if func is None else wrap(func)
