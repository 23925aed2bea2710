"""The Ray benchmark: task round trips of M1 and M2, and the guard's cost.

    bench.py --messages DIR --modules DIR [--sessions 3] [--rounds 5]
        [--calls 200]

MESSAGES holds M1.bin and M2.bin (bench/python/bwdump writes them),
MODULES the modules python -m boundwire build makes of record.bw and
users.bw.

A round trip is ``ray.get(echo.remote(value))``: the value is pickled in
the driver, unpickled in a worker, returned, pickled there and unpickled
in the driver again.  Peers, each carrying the same message:

- boundwire: the generated type, which pickles as its encoded bytes and
  the name of its decoder;
- boundwire typed: a typed task (boundwire.ray.typed_task), whose value
  travels as raw bytes and is decoded and checked in the worker;
- dataclass: slots dataclasses of an importable module (peers.py, which
  the workers get through the runtime_env), pickled by reference;
- dataclass in __main__: the same classes (without slots) defined in
  the driver's __main__, which Ray's cloudpickle ships by value with
  every object.

Sessions alternate between Ray without the guard and Ray with it, in
the driver and in every worker; within a session the cells are run in
turn, round after round, starting from a different one each round.  A
cell's figure is the median time of a round trip over its rounds.  The
guard's cost is measured twice: end to end, as the difference between
the guarded and the unguarded sessions, which the machine's noise blurs;
and per object, as guarded against plain pickle.loads of the bytes Ray
sends, timed in this process.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import logging
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_record
import bench_users
import peers
import ray
import ray.cloudpickle

import boundwire.ray as bwray
from boundwire.ray import typed_task
from boundwire.ray._policy import Policy, guarded_loads

HERE = Path(__file__).resolve().parent
MESSAGES = {"M1": ("M1.bin", bench_record.Record),
            "M2": ("M2.bin", bench_users.UserBatch)}
PEERS = ["boundwire", "boundwire typed", "dataclass",
         "dataclass in __main__"]
# The guard refuses what cloudpickle rebuilds a class of __main__ with:
# code, by design.  That peer runs without the guard only.
UNGUARDED_ONLY = {"dataclass in __main__"}
# What the dataclasses pickle as, which the guarded sessions allow, as
# an application allows its own data classes.
ALLOW = [f"peers:{name}" for name in (
    "DcRecord", "DcAddress", "DcUser", "DcUserBatch", "Level", "Role",
    "AddressKind")]
GOAL_GUARD_SHARE = 0.05


@ray.remote
def echo(value: Any) -> Any:
    """Returns its argument, which Ray pickles back."""
    return value


@typed_task
def echo_record(value: bench_record.Record) -> bench_record.Record:
    return value


@typed_task
def echo_users(value: bench_users.UserBatch) -> bench_users.UserBatch:
    return value


TYPED = {"M1": echo_record, "M2": echo_users}


def main_copies() -> dict[type, type]:
    """A copy in __main__ of each dataclass of peers.py, with the same
    fields: cloudpickle pickles a class of __main__ by value.  Plain
    dataclasses, without slots: Ray 2.60's cloudpickle fails to unpickle
    a slots dataclass it pickled by value ("object has no attribute
    '__dict__'")."""
    main = sys.modules["__main__"]
    copies: dict[type, type] = {}
    for name in ("DcRecord", "DcAddress", "DcUser", "DcUserBatch"):
        cls = getattr(peers, name)
        fields = [(f.name, f.type) for f in dataclasses.fields(cls)]
        copy = dataclasses.make_dataclass(
            name, fields, namespace={"__module__": "__main__"})
        setattr(main, name, copy)
        copies[cls] = copy
    return copies


def rebuild(value: Any, copies: dict[type, type]) -> Any:
    """VALUE, a tree of peers' dataclasses, with each replaced by its
    __main__ copy."""
    if isinstance(value, list):
        return [rebuild(v, copies) for v in value]
    copy = copies.get(type(value))
    if copy is None:
        return value
    return copy(**{f.name: rebuild(getattr(value, f.name), copies)
                   for f in dataclasses.fields(value)})


def load_values(folder: Path) -> dict[str, dict[str, Any]]:
    """Each message as each peer carries it."""
    copies = main_copies()
    values: dict[str, dict[str, Any]] = {}
    for msg, (file, bw_type) in MESSAGES.items():
        value = bw_type.decode((folder / file).read_bytes())
        dc = peers.to_dataclass(msg, peers.plain_bw(value))
        values[msg] = {"boundwire": value, "boundwire typed": value,
                       "dataclass": dc,
                       "dataclass in __main__": rebuild(dc, copies)}
    return values


def trip(msg: str, peer: str, value: Any) -> Callable[[], Any]:
    if peer == "boundwire typed":
        task = TYPED[msg]
        return lambda: task.get(task.remote(value))
    return lambda: ray.get(echo.remote(value))


def check_trips(values: dict[str, dict[str, Any]], guarded: bool) -> None:
    """Every round trip gives back what it sent; under the guard, a class
    of __main__ is refused."""
    for msg, row in values.items():
        for peer, value in row.items():
            if guarded and peer in UNGUARDED_ONLY:
                try:
                    trip(msg, peer, value)()
                except ray.exceptions.RayError as e:
                    if "refused to unpickle" not in str(e):
                        raise
                    continue
                sys.exit(f"{msg} {peer}: the guard let a class through")
            back = trip(msg, peer, value)()
            same = (back.encode() == value.encode()
                    if peer.startswith("boundwire")
                    else peers.plain(back) == peers.plain(value))
            if not same:
                sys.exit(f"{msg} {peer}: the round trip changed the value")


def time_cell(fn: Callable[[], Any], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def least_time(fn: Callable[[], Any], calls: int) -> float:
    """The least time of FN over seven runs of CALLS calls: the run that
    other processes disturbed least."""
    return min(time_cell(fn, calls) for _ in range(7))


def session(guarded: bool, modules: Path, values: dict[str, dict[str, Any]],
            rounds: int, calls: int) -> dict[str, list[float]]:
    """One Ray session, with or without the guard: the time of a round
    trip of each cell ("M1/boundwire"), one figure per round.  Without
    the guard, the workers import what they need from $PYTHONPATH, which
    they inherit from this process; with it, they get it as users ship
    it, through boundwire.ray.runtime_env."""
    env = bwray.runtime_env(modules, allow=ALLOW) if guarded else {}
    temp = tempfile.mkdtemp(prefix="bw-bench-")
    times: dict[str, list[float]] = {}
    try:
        ray.init(address="local", num_cpus=2, include_dashboard=False,
                 runtime_env=env, log_to_driver=False,
                 logging_level=logging.WARNING, _temp_dir=temp)
        if guarded:
            bwray.install_guard(allow=ALLOW)
        check_trips(values, guarded)
        cells = [(m, p) for m in values for p in PEERS
                 if not (guarded and p in UNGUARDED_ONLY)]
        for r in range(rounds + 1):
            shift = r % len(cells)
            for msg, peer in cells[shift:] + cells[:shift]:
                n = calls if msg == "M1" else max(1, calls // 10)
                t = time_cell(trip(msg, peer, values[msg][peer]), n)
                if r > 0:  # the first round warms up
                    times.setdefault(f"{msg}/{peer}", []).append(t)
    finally:
        ray.shutdown()
        shutil.rmtree(temp, ignore_errors=True)
    return times


def run_session(guarded: bool, args: argparse.Namespace
                ) -> dict[str, list[float]]:
    """session() in a process of its own: a guard, once installed, stays
    for the life of its process."""
    cmd = [sys.executable, __file__, "--messages", str(args.messages),
           "--modules", str(args.modules), "--rounds", str(args.rounds),
           "--calls", str(args.calls),
           "--session", "guard" if guarded else "plain"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"bench session failed:\n{done.stderr[-4000:]}")
    times: dict[str, list[float]] = json.loads(done.stdout)
    return times


def loads_cost(values: dict[str, dict[str, Any]],
               repeat: int) -> dict[tuple[str, str], tuple[float, float]]:
    """Per object: the least time of pickle.loads and of the guard's loads
    of the bytes Ray's pickler makes of each value (the guarded run has
    its policy's cache warm, as in a worker after its first object)."""
    policy = Policy(ALLOW)
    out = {}
    for msg, row in values.items():
        for peer in ("boundwire", "dataclass"):
            data = ray.cloudpickle.dumps(row[peer], protocol=5)
            guarded_loads(policy, data)
            n = repeat if msg == "M1" else max(1, repeat // 100)
            plain = least_time(functools.partial(pickle.loads, data), n)
            guard = least_time(
                functools.partial(guarded_loads, policy, data), n)
            out[(msg, peer)] = (plain, guard)
    return out


def us(t: float) -> str:
    return f"{t * 1e6:9.1f}"


def report(plain: dict[str, list[float]], guarded: dict[str, list[float]],
           loads: dict[tuple[str, str], tuple[float, float]]) -> None:
    print("round trip: ray.get(task.remote(value)), microseconds, median")
    print(f"{'msg':4} {'peer':24} {'no guard':>9} {'guard':>9} "
          f"{'x boundwire':>11}  (no guard; above 1, slower)")
    for msg in MESSAGES:
        base = statistics.median(plain[f"{msg}/boundwire"])
        for peer in PEERS:
            a = statistics.median(plain[f"{msg}/{peer}"])
            if peer in UNGUARDED_ONLY:
                b_text = f"{'refused':>9}"
            else:
                b_text = us(statistics.median(guarded[f"{msg}/{peer}"]))
            print(f"{msg:4} {peer:24} {us(a)} {b_text} {a / base:11.2f}")
    print()
    print("guard per object: guarded loads against pickle.loads of the "
          "bytes Ray sends, microseconds, least of 7")
    print(f"{'msg':4} {'peer':24} {'loads':>9} {'guarded':>9} "
          f"{'cost':>9} {'% of trip':>9}")
    worst = 0.0
    for (msg, peer), (a, b) in loads.items():
        trip_time = statistics.median(guarded[f"{msg}/{peer}"])
        share = (b - a) / trip_time
        worst = max(worst, share)
        print(f"{msg:4} {peer:24} {us(a)} {us(b)} {us(b - a)} "
              f"{share * 100:8.2f}%")
    print()
    verdict = "met" if worst < GOAL_GUARD_SHARE else "MISSED"
    print(f"goal: the guard costs under {GOAL_GUARD_SHARE:.0%} of a round "
          f"trip per object: {verdict} (at most {worst:.2%})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", required=True, type=Path)
    ap.add_argument("--modules", required=True, type=Path)
    ap.add_argument("--sessions", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--calls", type=int, default=200)
    ap.add_argument("--session", choices=["plain", "guard"],
                    help=argparse.SUPPRESS)
    args = ap.parse_args()
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    values = load_values(args.messages)
    if args.session:
        print(json.dumps(session(args.session == "guard",
                                 args.modules.resolve(), values,
                                 args.rounds, args.calls)))
        return
    plain: dict[str, list[float]] = {}
    guarded: dict[str, list[float]] = {}
    for n in range(args.sessions):
        print(f"session {n + 1} of {args.sessions}: without the guard, "
              "then with it", file=sys.stderr)
        for guard, into in ((False, plain), (True, guarded)):
            for cell, ts in run_session(guard, args).items():
                into.setdefault(cell, []).extend(ts)
    report(plain, guarded, loads_cost(values, 20000))


if __name__ == "__main__":
    main()
