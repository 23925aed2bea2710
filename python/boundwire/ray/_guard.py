"""The guard: Ray's unpickling of data objects and task exceptions, made
to refuse globals off the allowlist.

Ray unpickles a data object in SerializationContext._deserialize_pickle5_data
and a task's exception in RayError.from_ray_exception, both through the
name ``pickle`` of their module, which is ray.cloudpickle, whose loads is
the standard library's.  The guard gives each of those two modules its
own ``pickle``: ray.cloudpickle with a guarded loads.  Everything else
that name offers (dumps, the pickler classes) stays cloudpickle's.  The
loading of remote functions and actor classes, which is code by design,
goes through other modules and is left alone.
"""

from __future__ import annotations

import pickle
import threading
import traceback
import types
from collections.abc import Callable, Iterable
from typing import Any

from boundwire.ray._policy import RAY_INTERNALS, Policy, RefusedGlobalError
from boundwire.ray._policy import guarded_loads as _guarded_loads


class GuardError(RuntimeError):
    """The Ray installed is not the one the guard knows how to hook."""


class _GuardedCloudpickle:
    """ray.cloudpickle as one Ray module sees it, with a guarded loads."""

    def __init__(self, real: types.ModuleType,
                 loads: Callable[..., Any]) -> None:
        self.real = real
        self.loads = loads

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


_lock = threading.Lock()
_policy: Policy | None = None


def require_ray() -> types.ModuleType:
    """The ray module, or an ImportError saying what to install."""
    try:
        import ray
    except ImportError as e:
        raise ImportError(
            "boundwire.ray needs Ray: pip install 'ray>=2.60'") from e
    return ray


def _names_used(func: object) -> tuple[str, ...]:
    code = getattr(func, "__code__", None)
    return tuple(getattr(code, "co_names", ()))


def _expect(ok: bool, what: str) -> None:
    if not ok:
        import ray
        raise GuardError(
            f"boundwire.ray cannot guard Ray {ray.__version__}: {what}; "
            "this boundwire knows the layout of Ray 2.60")


def _resolve(entry: str) -> object:
    import importlib
    module, _, name = entry.partition(":")
    try:
        found: object = importlib.import_module(module)
    except ImportError:
        return None
    for part in name.split("."):
        found = getattr(found, part, None)
    return found


def _check_pickle_name(module: types.ModuleType, cloudpickle: object) -> None:
    name = getattr(module, "pickle", None)
    if isinstance(name, _GuardedCloudpickle):
        name = name.real
    _expect(name is cloudpickle,
            f"{module.__name__}.pickle is no longer ray.cloudpickle")


def check_ray() -> None:
    """Checks that the Ray internals the guard hooks are where it expects
    them; raises GuardError naming the first one that moved."""
    require_ray()
    from ray import cloudpickle, exceptions
    from ray._private import serialization

    _expect(getattr(cloudpickle, "loads", None) is pickle.loads,
            "ray.cloudpickle.loads is not the standard pickle.loads")
    for module in (serialization, exceptions):
        _check_pickle_name(module, cloudpickle)
    context = getattr(serialization, "SerializationContext", None)
    loader = getattr(context, "_deserialize_pickle5_data", None)
    _expect({"pickle", "loads"} <= set(_names_used(loader)),
            "SerializationContext._deserialize_pickle5_data no longer "
            "calls pickle.loads")
    msgpack = getattr(context, "_deserialize_msgpack_data", None)
    _expect("_deserialize_pickle5_data" in _names_used(msgpack),
            "SerializationContext._deserialize_msgpack_data no longer "
            "unpickles through _deserialize_pickle5_data")
    rayerror = getattr(exceptions, "RayError", None)
    from_exc = getattr(rayerror, "from_ray_exception", None)
    _expect({"pickle", "loads"} <= set(_names_used(from_exc)),
            "RayError.from_ray_exception no longer calls pickle.loads")
    _expect(isinstance(getattr(exceptions, "RaySystemError", None), type),
            "ray.exceptions.RaySystemError is gone")
    for entry in RAY_INTERNALS:
        _expect(callable(_resolve(entry)), f"{entry} is gone")


def _exception_loads(policy: Policy) -> Callable[..., Any]:
    """The loads of ray.exceptions.  Ray turns any failure there into an
    UnserializableException carrying the sender's own text, which would
    hide the refusal; the refusal comes back instead as a RaySystemError
    value, which ray.get raises."""
    from ray.exceptions import RaySystemError

    def loads(data: Any, **kwargs: Any) -> Any:
        try:
            return _guarded_loads(policy, data, **kwargs)
        except RefusedGlobalError as e:
            return RaySystemError(  # type: ignore[no-untyped-call]
                e, traceback.format_exc())

    return loads


def _data_loads(policy: Policy) -> Callable[..., Any]:
    def loads(data: Any, **kwargs: Any) -> Any:
        return _guarded_loads(policy, data, **kwargs)

    return loads


def _patch(policy: Policy) -> None:
    from ray import cloudpickle, exceptions
    from ray._private import serialization

    data = _GuardedCloudpickle(cloudpickle, _data_loads(policy))
    errors = _GuardedCloudpickle(cloudpickle, _exception_loads(policy))
    setattr(serialization, "pickle", data)
    setattr(exceptions, "pickle", errors)


def install(entries: Iterable[str]) -> Policy:
    """Installs the guard in this process, allowing ENTRIES too; a second
    call only adds entries."""
    global _policy
    with _lock:
        if _policy is not None:
            _policy.add(entries)
            return _policy
        check_ray()
        policy = Policy(entries)
        _patch(policy)
        _policy = policy
        return policy


def installed() -> Policy | None:
    """The policy of the guard installed in this process, if any."""
    return _policy
