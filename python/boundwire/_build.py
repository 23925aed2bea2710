"""The build helper: from schema files to importable extension modules.

``bwc --python-out`` writes, into a scratch folder, the C source and the
stub of one module per package and the C codecs they are built on.  Each
module is then compiled and linked with the compiler and flags this
Python was built with (through setuptools), together with the codecs,
libboundwire's sources and bwpy.c, so that it depends on nothing but
Python: no shared libboundwire to install.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

__all__ = ["BuildError", "build", "find_bwc", "find_runtime"]

_PACKAGE_DIR = Path(__file__).resolve().parent


class BuildError(Exception):
    """A schema that does not compile, or a missing tool."""


def find_bwc() -> str:
    """The bwc to run: $BWC, else one installed beside this package, else
    the first on PATH."""
    env = os.environ.get("BWC")
    if env:
        return env
    for candidate in (_PACKAGE_DIR / "bin" / "bwc",
                      _PACKAGE_DIR.parent / "bin" / "bwc"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("bwc")
    if found is None:
        raise BuildError("bwc not found: put it on PATH or name it in $BWC")
    return found


def find_runtime() -> Path:
    """The folder of libboundwire's sources: $BOUNDWIRE_RUNTIME, else the
    copy installed in this package, else the source tree's runtime/."""
    candidates = []
    env = os.environ.get("BOUNDWIRE_RUNTIME")
    if env:
        candidates.append(Path(env))
    candidates += [_PACKAGE_DIR / "runtime",
                   _PACKAGE_DIR.parent.parent / "runtime"]
    for c in candidates:
        if (c / "boundwire.h").is_file():
            return c
    raise BuildError("libboundwire's sources not found: install boundwire "
                     "with pip, or name runtime/ in $BOUNDWIRE_RUNTIME")


def _run_bwc(schemas: Sequence[str | os.PathLike[str]], out: Path,
             includes: Sequence[str | os.PathLike[str]],
             verbose: bool) -> None:
    cmd = [find_bwc(), "--python-out", str(out)]
    for d in includes:
        cmd += ["-I", str(d)]
    cmd += [str(s) for s in schemas]
    if verbose:
        print(" ".join(cmd), file=sys.stderr)
    try:
        done = subprocess.run(cmd, capture_output=True, text=True,
                              check=False)
    except OSError as e:
        raise BuildError(f"cannot run {cmd[0]}: {e}") from e
    if done.stderr:
        sys.stderr.write(done.stderr)
    if done.returncode == 1:
        raise BuildError("bwc found errors in the schema")
    if done.returncode != 0:
        raise BuildError(f"{cmd[0]} failed with status {done.returncode}")


@contextlib.contextmanager
def _quiet(verbose: bool) -> Iterator[None]:
    """setuptools prints every command; keep that for --verbose."""
    if verbose:
        yield
        return
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        try:
            yield
        except BaseException:
            sys.stderr.write(sink.getvalue())
            raise


def _compile(modules: list[str], gen: Path, out: Path,
             verbose: bool) -> None:
    from setuptools import (  # type: ignore[import-untyped]
        Distribution,
        Extension,
    )
    from setuptools.command.build_ext import (  # type: ignore[import-untyped]
        build_ext,
    )

    runtime = find_runtime()
    csrc = _PACKAGE_DIR / "csrc"
    common = sorted(str(p) for p in runtime.glob("*.c"))
    common += sorted(str(p) for p in gen.glob("*.bw.c"))
    common.append(str(csrc / "bwpy.c"))
    include_dirs = [str(gen), str(runtime), str(csrc)]

    class BuildExt(build_ext):  # type: ignore[misc]
        """Compiles the code all modules share once, then each module."""

        def build_extensions(self) -> None:
            objects = self.compiler.compile(
                common, output_dir=self.build_temp,
                include_dirs=include_dirs)
            for ext in self.extensions:
                ext.extra_objects = list(objects)
            super().build_extensions()

    exts = [Extension(name, [str(gen / f"{name}.c")],
                      include_dirs=include_dirs) for name in modules]
    attrs: dict[str, Any] = {"name": "boundwire-generated",
                             "ext_modules": exts}
    dist = Distribution(attrs)
    cmd = BuildExt(dist)
    cmd.build_lib = str(out)
    cmd.build_temp = str(gen / "build")
    cmd.parallel = os.cpu_count() or 1
    with _quiet(verbose):
        cmd.ensure_finalized()
        cmd.run()


def build(schemas: Sequence[str | os.PathLike[str]],
          out_dir: str | os.PathLike[str],
          includes: Sequence[str | os.PathLike[str]] = (),
          *, keep_c: bool = False, verbose: bool = False) -> list[str]:
    """Compiles SCHEMAS (and what they import) into one importable module
    per package, with its .pyi stub, in OUT_DIR; returns the module
    names.  Raises BuildError when bwc reports errors or a tool is
    missing."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="boundwire-") as tmp:
        gen = Path(tmp) / "gen"
        gen.mkdir()
        _run_bwc(schemas, gen, includes, verbose)
        modules = sorted(p.stem for p in gen.glob("*.c")
                         if not p.name.endswith(".bw.c"))
        try:
            _compile(modules, gen, out, verbose)
        except Exception as e:
            raise BuildError(f"compiling the modules failed: {e}") from e
        for name in modules:
            shutil.copy(gen / f"{name}.pyi", out / f"{name}.pyi")
        if keep_c:
            for p in gen.glob("*.[ch]"):
                shutil.copy(p, out / p.name)
    return modules
