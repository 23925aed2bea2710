"""Without the guard, each attack of helpers.py runs its payload: the
control that makes test_guard's refusals meaningful."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import helpers

HERE = Path(__file__).resolve().parent


def test_every_attack_runs_without_the_guard(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(HERE), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(
        [sys.executable, str(HERE / "attack_driver.py"), str(tmp_path)],
        env=env, capture_output=True, text=True, timeout=150, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    results = dict(line.split() for line in done.stdout.splitlines())
    assert results == {name: "ran" for name in helpers.ATTACKS}
