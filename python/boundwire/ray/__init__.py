"""boundwire.ray: boundwire types on Ray, and pickle closed to the rest.

- Generated types need no registration: Ray pickles them through their
  ``__reduce__``, which carries only their encoded bytes, and unpickling
  decodes them, checking every rule of the schema.
- ``install_guard()`` makes Ray's unpickling of data objects and of task
  exceptions, in this process, refuse every global that is not on an
  allowlist (``RefusedGlobalError`` names it).  Workers install it
  through the runtime_env that ``runtime_env()`` makes.
- ``typed_task`` makes tasks whose arguments travel as encoded bytes,
  with no pickle at all, and are decoded and checked before the body.

Ray is imported only when one of these is used: the rest of boundwire
works without it.  docs/ray.md has the details and the limits.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from boundwire.ray._env import (
    ALLOW_ENV,
    MODULES_ENV,
    SETUP_HOOK,
    add_shipped_modules,
    runtime_env,
)
from boundwire.ray._guard import GuardError, check_ray, installed
from boundwire.ray._policy import (
    NUMPY,
    RefusedGlobalError,
    entry_of,
    parse_entries,
)
from boundwire.ray._typed import TypedTask, is_boundwire_type, typed_task

__all__ = [
    "ALLOW_ENV", "MODULES_ENV", "NUMPY", "SETUP_HOOK", "GuardError",
    "RefusedGlobalError", "TypedTask", "add_shipped_modules", "allowed",
    "check_ray", "entry_of", "install_guard", "is_boundwire_type",
    "parse_entries", "runtime_env", "typed_task",
]


def install_guard(allow: Iterable[str | object] = ()) -> None:
    """Installs the guard in this process; Ray's setup hook calls it with
    no arguments in every worker.

    The allowlist holds the decoders of boundwire modules, what Ray's
    data objects need (object references, actor handles), Ray's
    exception classes, builtin exceptions and plain-data builtins,
    boundwire's errors, the entries of $BOUNDWIRE_RAY_ALLOW, and ALLOW:
    ``"module:qualname"`` strings, or the classes and functions
    themselves.  A later call adds to the allowlist.  Raises GuardError,
    before changing anything, on a Ray whose internals moved.
    """
    entries = [entry_of(a) for a in allow]
    entries += parse_entries(os.environ.get(ALLOW_ENV, ""))
    add_shipped_modules()
    from boundwire.ray._guard import install
    install(entries)


def allowed() -> frozenset[str]:
    """The fixed entries of the guard installed in this process (empty
    when none is): the rules for decoders and exceptions come on top."""
    policy = installed()
    return frozenset() if policy is None else policy.entries
