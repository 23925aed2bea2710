"""The .pyi stubs, checked by mypy --strict: a sample program that uses
every kind of field passes, and misuses are caught."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import TOP_SRCDIR

HERE = Path(__file__).resolve().parent


def mypy(built: Path, tmp: Path, *files: Path,
         path: tuple[Path, ...] = ()) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("mypy")
    env = dict(os.environ, MYPYPATH=os.pathsep.join(
        [str(built), str(TOP_SRCDIR / "python"), *map(str, path)]))
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
         "--cache-dir", str(tmp / "cache"), *map(str, files)],
        env=env, capture_output=True, text=True, check=False)


def test_sample_passes(built: Path, tmp_path: Path) -> None:
    done = mypy(built, tmp_path, HERE / "typing_sample.py")
    assert done.returncode == 0, done.stdout + done.stderr


def test_sample_runs(built: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(HERE / "typing_sample.py")],
        env=dict(os.environ, PYTHONPATH=os.pathsep.join(
            [str(built), str(TOP_SRCDIR / "python")])),
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


MISUSES = {
    "o.id = 'x'": "incompatible types in assignment",
    "shop_v1.Order(idd=1)": 'unexpected keyword argument "idd"',
    "o.note = 3": "incompatible types in assignment",
    "o.items = [1]": "list item 0 has incompatible type",
    "shop_v1.Event(created=o, cancelled=1)": "no overload variant",
    "o.status = 1": "incompatible types in assignment",
    "x: str = o.note": "incompatible types in assignment",
}


def test_misuses_are_caught(built: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import shop_v1\no = shop_v1.Order()\n" +
                   "\n".join(MISUSES) + "\n")
    out = mypy(built, tmp_path, bad).stdout.lower()
    for line, (code, message) in enumerate(MISUSES.items(), start=3):
        assert f"bad.py:{line}: error:" in out, (code, out)
        assert message in out, (code, out)


@pytest.mark.parametrize("cc", ["gcc", "clang"])
def test_generated_c_compiles_cleanly(built: Path, tmp_path: Path,
                                      cc: str) -> None:
    if shutil.which(cc) is None:
        pytest.skip(f"{cc} is not installed")
    modules = [p for p in built.glob("*.c") if not p.name.endswith(".bw.c")]
    assert modules
    sources = [*modules, TOP_SRCDIR / "python" / "boundwire" / "csrc" /
               "bwpy.c"]
    for src in sources:
        cmd = [cc, "-std=c11", "-Wall", "-Wextra", "-Werror", "-Wshadow",
               "-Wstrict-prototypes", "-Wmissing-prototypes", "-fPIC",
               "-I", sysconfig.get_paths()["include"],
               "-I", str(TOP_SRCDIR / "runtime"),
               "-I", str(TOP_SRCDIR / "python" / "boundwire" / "csrc"),
               "-I", str(built), "-c", str(src), "-o",
               str(tmp_path / "out.o")]
        done = subprocess.run(cmd, capture_output=True, text=True,
                              check=False)
        assert done.returncode == 0, done.stderr


def test_package_and_suite_pass_mypy(built: Path, tmp_path: Path) -> None:
    done = mypy(built, tmp_path, TOP_SRCDIR / "python" / "boundwire",
                *sorted(HERE.glob("*.py")))
    assert done.returncode == 0, done.stdout + done.stderr


def test_ray_suite_and_examples_pass_mypy(built: Path,
                                          tmp_path: Path) -> None:
    # Each file imports its neighbours as top-level modules.
    ray_suite = TOP_SRCDIR / "tests" / "ray"
    shop = TOP_SRCDIR / "examples" / "shop"
    done = mypy(built, tmp_path, *sorted(ray_suite.glob("*.py")),
                path=(ray_suite,))
    assert done.returncode == 0, done.stdout + done.stderr
    done = mypy(built, tmp_path, *sorted(shop.glob("*.py")), path=(shop,))
    assert done.returncode == 0, done.stdout + done.stderr


def test_python_of_the_tree_passes_ruff() -> None:
    # ruff is pinned in requirements.txt; its settings are ruff.toml.
    ruff = Path(sys.executable).parent / "ruff"
    done = subprocess.run(
        [str(ruff), "check", "--no-cache", "--config",
         str(TOP_SRCDIR / "ruff.toml"),
         *[str(TOP_SRCDIR / d)
           for d in ("python", "tests", "examples", "bench", "fuzz")]],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
