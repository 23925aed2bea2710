"""Shared set-up of the Python suite: the schemas, built once per run.

`python -m boundwire build` compiles the example shop schema, the vector
schemas and the .proto export's "everything" schema into a scratch
folder, which goes on sys.path.  Run from the top of the source tree,
with top_builddir naming the build tree that holds compiler/bwc.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# Hypothesis keeps caches in .hypothesis/ under the current directory,
# whatever its settings: keep them out of the (maybe read-only) tree.
if "HYPOTHESIS_STORAGE_DIRECTORY" not in os.environ:
    _storage = tempfile.mkdtemp(prefix="boundwire-hypothesis-")
    atexit.register(shutil.rmtree, _storage, ignore_errors=True)
    os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = _storage

TOP_SRCDIR = Path(os.environ.get("top_srcdir") or
                  Path(__file__).resolve().parents[2]).resolve()
TOP_BUILDDIR = Path(os.environ.get("top_builddir") or TOP_SRCDIR).resolve()
BWC = TOP_BUILDDIR / "compiler" / "bwc"

# The package under test is the source tree's, not an installed one.
sys.path.insert(0, str(TOP_SRCDIR / "python"))

SCHEMAS = [
    TOP_SRCDIR / "examples" / "shop" / "shop.bw",
    TOP_SRCDIR / "tests" / "proto" / "schemas" / "everything.bw",
    *sorted((TOP_SRCDIR / "tests" / "vectors" / "schemas").glob("*.bw")),
]


def pytest_configure(config: pytest.Config) -> None:
    """No example database: the source tree may be read-only, and a run
    must not depend on what an earlier one found."""
    from hypothesis import HealthCheck, settings
    settings.register_profile(
        "boundwire", database=None, deadline=None,
        suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile("boundwire")


def build_env() -> dict[str, str]:
    """The environment `python -m boundwire` runs in: this tree's bwc and
    package."""
    env = dict(os.environ)
    env["BWC"] = str(BWC)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(TOP_SRCDIR / "python"), env.get("PYTHONPATH", "")])
    return env


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder holding every module built from SCHEMAS."""
    out = tmp_path_factory.mktemp("modules")
    cmd = [sys.executable, "-m", "boundwire", "build", "-o", str(out),
           "--keep-c", "-I", str(TOP_SRCDIR / "examples" / "shop"),
           *map(str, SCHEMAS)]
    done = subprocess.run(cmd, env=build_env(), capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    sys.path.insert(0, str(out))
    return out
