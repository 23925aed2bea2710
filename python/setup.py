"""Installs the boundwire package with what its build helper compiles.

Besides the Python files, the package carries libboundwire's sources
(copied from the repository's runtime/ at build time, so that compiled
modules need no shared library) and, when $BWC names one at install
time, the bwc binary.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithRuntime(build_py):  # type: ignore[misc]
    """build_py, then the runtime's sources (and bwc) into the package."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "boundwire"
        runtime = HERE.parent / "runtime"
        if (runtime / "boundwire.h").is_file():
            (target / "runtime").mkdir(parents=True, exist_ok=True)
            for src in [*runtime.glob("*.c"), *runtime.glob("*.h")]:
                shutil.copy(src, target / "runtime" / src.name)
        bwc = os.environ.get("BWC")
        if bwc and Path(bwc).is_file():
            (target / "bin").mkdir(parents=True, exist_ok=True)
            shutil.copy(bwc, target / "bin" / "bwc")


setup(cmdclass={"build_py": BuildPyWithRuntime})
