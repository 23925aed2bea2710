"""Shared set-up of the Ray suite: the shop schema built once, and local
Ray instances that are always shut down.

Run from the top of the source tree, with top_builddir naming the build
tree that holds compiler/bwc.  Each instance runs on loopback with two
CPUs, no dashboard and no usage reporting, keeps its session files in a
scratch folder removed afterwards, and never joins a cluster that
happens to be running ($RAY_ADDRESS is ignored).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
os.environ.pop("RAY_ADDRESS", None)

HERE = Path(__file__).resolve().parent
TOP_SRCDIR = Path(os.environ.get("top_srcdir") or HERE.parents[1]).resolve()
TOP_BUILDDIR = Path(os.environ.get("top_builddir") or TOP_SRCDIR).resolve()
BWC = TOP_BUILDDIR / "compiler" / "bwc"
SHOP = TOP_SRCDIR / "examples" / "shop"

# The package under test is the source tree's, not an installed one.
sys.path.insert(0, str(TOP_SRCDIR / "python"))
sys.path.insert(0, str(HERE))


def build_modules(out: Path) -> Path:
    """Builds the shop schema's modules into OUT with this tree's bwc;
    returns OUT."""
    from boundwire._build import build
    os.environ["BWC"] = str(BWC)
    build([SHOP / "shop.bw"], out, [SHOP])
    return out


@pytest.fixture(scope="session")
def modules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of the shop schema's modules, importable here; workers
    get it through the runtime_env."""
    out = build_modules(tmp_path_factory.mktemp("run") / "bwmodules")
    sys.path.insert(0, str(out))
    return out


@contextlib.contextmanager
def local_ray(runtime_env: dict[str, Any]) -> Iterator[None]:
    """A fresh local Ray instance for the block, shut down and its files
    removed however the block ends."""
    import ray
    temp_dir = tempfile.mkdtemp(prefix="bw-ray-")
    try:
        ray.init(address="local", num_cpus=2, include_dashboard=False,
                 _temp_dir=temp_dir, runtime_env=runtime_env,
                 log_to_driver=False)
        yield
    finally:
        ray.shutdown()
        shutil.rmtree(temp_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def guarded_ray(modules: Path) -> Iterator[None]:
    """Ray with the guard in this process and in every worker, whose
    workers get the modules, boundwire and helpers.py through the
    runtime_env alone, and allow numpy."""
    import boundwire.ray as bwray
    env = bwray.runtime_env(
        modules, allow=bwray.NUMPY,
        base={"py_modules": [str(HERE / "helpers.py")]})
    with local_ray(env):
        bwray.install_guard()
        yield
