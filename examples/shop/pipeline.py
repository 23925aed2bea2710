"""The order service on Ray: orders and events travel between a driver,
tasks and an actor as boundwire values, and every receiver refuses bytes
that break the schema and pickles that carry code.

    python -m boundwire build -I examples/shop examples/shop/shop.bw \\
        -o examples/shop/python
    python examples/shop/pipeline.py [--modules examples/shop/python]

It starts a local Ray and stops it at the end, unless $RAY_ADDRESS
names a running cluster to join (docs/ray.md).  The tasks and the actor
are in shop_tasks.py.  The guard runs in the driver and in every worker,
so each of them refuses a pickle naming any global off its allowlist.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


class ForgedPickle:
    """What an attacker puts in the object store: unpickling it would
    call print, which stands for any code at all."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (print, ("pickled code ran",))


def start_ray(modules: Path, temp_dir: str) -> str:
    """Starts or joins Ray with the guard in every worker, the built
    modules and shop_tasks.py shipped to them; says where it runs."""
    import ray

    import boundwire.ray as bwray

    env = bwray.runtime_env(
        modules, base={"py_modules": [str(HERE / "shop_tasks.py")]})
    quiet: dict[str, Any] = {"runtime_env": env, "log_to_driver": False,
                                 "logging_level": logging.WARNING}
    address = os.environ.get("RAY_ADDRESS")
    if address:
        ray.init(address=address, **quiet)
        where = f"the Ray cluster at {address}"
    else:
        ray.init(address="local", num_cpus=2, include_dashboard=False,
                 _temp_dir=temp_dir, **quiet)
        where = "a local Ray"
    bwray.install_guard()
    # Ray logs every object it fails to unpickle, with a traceback; the
    # refusal below is on purpose, and its error is printed instead.
    logging.getLogger("ray._private.serialization").setLevel(logging.CRITICAL)
    return where


def run() -> None:
    import ray
    import shop_tasks

    import boundwire

    orders = shop_tasks.make_orders(5)
    checkout = shop_tasks.checkout
    events = checkout.get([checkout.remote(o) for o in orders])
    ledger = shop_tasks.Ledger.remote()  # type: ignore[attr-defined]
    recorded = ray.get([ledger.record.remote(e) for e in events])[-1]
    cents = ray.get(ledger.takings.remote())
    print(f"checkout: {len(events)} orders paid, {recorded} events in the "
          f"ledger, takings EUR {cents // 100}.{cents % 100:02d}")

    weight = ray.get(shop_tasks.total_weight.remote(ray.put(orders)))
    print(f"shipping: {weight:.2f} kg for the orders in the object store")

    # A storefront sends bytes that nothing has checked: here, the first
    # order with its one item's qty (field 2, tag 0x10) of 1 set to 0.
    data = orders[0].encode().replace(b"\x10\x01", b"\x10\x00", 1)
    try:
        ray.get(checkout.remote_function.remote(data))
    except ray.exceptions.RayTaskError as e:
        # The worker's error: the argument's boundwire.DecodeError.
        assert isinstance(e.cause, boundwire.DecodeError)
        print(f"tampered order refused in the worker: {e.cause}")
    else:
        raise SystemExit("pipeline: the tampered order was accepted")

    try:
        ray.get(ray.put(ForgedPickle()))
    except ray.exceptions.RaySystemError as e:
        print(f"pickled code refused: {e.client_exc}")
    else:
        raise SystemExit("pipeline: the forged pickle was loaded")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--modules", type=Path, default=HERE / "python",
                        help="the folder python -m boundwire build wrote")
    args = parser.parse_args()
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    modules = args.modules.resolve()
    sys.path[:0] = [str(modules), str(HERE)]
    try:
        import shop_v1  # noqa: F401
    except ImportError as e:
        raise SystemExit(f"pipeline: {e}: build the schema into {modules} "
                         "first with python -m boundwire build") from None

    import ray
    temp_dir = tempfile.mkdtemp(prefix="bw-pipeline-")
    try:
        print(f"ray: running on {start_ray(modules, temp_dir)}")
        run()
    finally:
        ray.shutdown()
        shutil.rmtree(temp_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
