"""Getting the guard and the built modules into every Ray worker.

A worker runs ``boundwire.ray.install_guard`` as its setup hook (Ray
calls it with no arguments), so what the hook needs travels as
environment variables of the runtime_env:

- BOUNDWIRE_RAY_ALLOW: allowlist entries, ``module:qualname``, comma
  separated;
- BOUNDWIRE_RAY_MODULES: the name of the folder of built modules that
  ``py_modules`` ships.  Ray unpacks a shipped folder inside a folder it
  puts on the path, so the folder's modules are not importable until the
  hook puts the folder itself on sys.path.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from boundwire.ray._policy import _STUB_BANNER, entry_of

ALLOW_ENV = "BOUNDWIRE_RAY_ALLOW"
MODULES_ENV = "BOUNDWIRE_RAY_MODULES"
SETUP_HOOK = "boundwire.ray.install_guard"


def _holds_bwc_stub(folder: Path) -> bool:
    for stub in folder.glob("*.pyi"):
        try:
            with stub.open(encoding="utf-8") as f:
                head = [f.readline() for _ in range(3)]
        except (OSError, UnicodeDecodeError):
            continue
        if any(line.startswith(_STUB_BANNER) for line in head):
            return True
    return False


def add_shipped_modules(environ: Mapping[str, str] = os.environ) -> None:
    """Puts the folder of modules named by BOUNDWIRE_RAY_MODULES on
    sys.path, wherever Ray unpacked it: inside a folder already on the
    path, and holding bwc's stubs, so that no unrelated folder of the
    same name is picked up."""
    name = environ.get(MODULES_ENV, "")
    if not name:
        return
    for entry in list(sys.path):
        folder = Path(entry or ".") / name
        if str(folder) in sys.path or not folder.is_dir():
            continue
        if _holds_bwc_stub(folder):
            sys.path.append(str(folder))


def _merged_env_vars(base: Mapping[str, Any], modules: Path | None,
                     allow: list[str]) -> dict[str, str]:
    env_vars = dict(base.get("env_vars") or {})
    if allow:
        known = env_vars.get(ALLOW_ENV, "")
        env_vars[ALLOW_ENV] = ",".join(filter(None, [known, *allow]))
    if modules is not None:
        env_vars[MODULES_ENV] = modules.name
    return env_vars


def _boundwire_folder() -> str:
    import boundwire
    return str(Path(boundwire.__file__).resolve().parent)


def runtime_env(modules: str | os.PathLike[str] | None = None, *,
                allow: Iterable[str | object] = (),
                base: Mapping[str, Any] | None = None,
                ship_boundwire: bool = True) -> dict[str, Any]:
    """A runtime_env for ray.init or .options that installs the guard in
    every worker and ships MODULES, the folder ``python -m boundwire
    build`` wrote.  ALLOW extends the workers' allowlist; BASE is a
    runtime_env to add to.  With SHIP_BOUNDWIRE the workers get this
    process's boundwire package too, so the cluster needs none of its
    own."""
    env = dict(base or {})
    hook = env.get("worker_process_setup_hook")
    if hook not in (None, SETUP_HOOK):
        raise ValueError(
            f"the runtime_env already has the setup hook {hook!r}: call "
            f"{SETUP_HOOK}() from it and leave it out of runtime_env()")
    folder = None if modules is None else Path(modules).resolve()
    if folder is not None and not _holds_bwc_stub(folder):
        raise ValueError(
            f"{folder} holds no module built by bwc: build it first with "
            "python -m boundwire build")
    py_modules = list(env.get("py_modules") or [])
    if ship_boundwire:
        py_modules.append(_boundwire_folder())
    if folder is not None:
        py_modules.append(str(folder))
    if py_modules:
        env["py_modules"] = py_modules
    env["env_vars"] = _merged_env_vars(env, folder,
                                       [entry_of(a) for a in allow])
    env["worker_process_setup_hook"] = SETUP_HOOK
    return env
