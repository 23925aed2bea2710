"""Runs every attack of helpers.py on a local Ray WITHOUT the guard, and
prints, one per line, each attack's name and whether its marker file
appeared: the proof that the attacks work, so that their refusal under
the guard means something.  A separate process, since a guard once
installed stays for the life of the process.

    python attack_driver.py MARKER_DIR
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import helpers
import ray
from conftest import local_ray


def main(marker_dir: Path) -> None:
    env = {"py_modules": [helpers.__file__]}
    with local_ray(env):
        for name, attack in sorted(helpers.ATTACKS.items()):
            marker = marker_dir / name
            try:
                attack(str(marker))
            except ray.exceptions.RayError:
                pass  # what the payload's side effects leave behind
            time.sleep(0.2)
            print(name, "ran" if marker.exists() else "refused")


if __name__ == "__main__":
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    main(Path(sys.argv[1]))
