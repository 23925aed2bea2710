"""The Python benchmark: boundwire's generated types against their peers.

    bench.py --messages DIR [--rounds N] [--quick]

DIR holds M1.bin, M2.bin and M4.bin, the canonical bytes bench/messages.c
builds (bench/python/bwdump writes them).  boundwire decodes each; every
peer gets the same value in its own form (peers.py) and must decode its
own bytes back to a value equal to boundwire's before anything is timed.

A cell is one (message, operation, peer) timed over a fixed number of
operations, with the garbage collector on.  A round runs every cell
once, each peer's right after a boundwire cell of the same message and
operation, starting from a different cell each round.  A cell's figure
is its median time per operation over the rounds, with the quartiles; a
ratio is the median over the rounds of a peer's time over that of the
boundwire cell run just before it.
"""

from __future__ import annotations

import argparse
import gc
import pickle
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_record
import bench_tree
import bench_users
import peers
import record_pb2
import tree_pb2
import users_pb2
from msgspec import msgpack

MESSAGES = {
    "M1": (bench_record.Record, record_pb2.Record, peers.PdRecord,
           peers.MsRecord),
    "M2": (bench_users.UserBatch, users_pb2.UserBatch, peers.PdUserBatch,
           peers.MsUserBatch),
    "M4": (bench_tree.Tree, tree_pb2.Tree, peers.PdTree, peers.MsTree),
}
PEERS = ["boundwire", "pickle dataclass", "pickle dict", "msgspec",
         "protobuf (upb)", "pydantic"]
# Operations per cell: each cell takes a few milliseconds.
OPS = {"M1": 2000, "M2": 2, "M4": 20}


class Cell:
    """What one peer does with one message: decode and encode."""

    def __init__(self, decode: Callable[[], Any],
                 encode: Callable[[], Any]) -> None:
        self.decode = decode
        self.encode = encode


def make_cells(msg: str, data: bytes) -> dict[str, Cell]:
    """Every peer's cell for MSG, after checking that each decodes to the
    value boundwire decodes from DATA."""
    bw_t, pb_t, pd_t, ms_t = MESSAGES[msg]
    value = bw_t.decode(data)
    if value.encode() != data:
        sys.exit(f"{msg}: boundwire does not give back the same bytes")
    want = peers.plain_bw(value)

    dc = peers.to_dataclass(msg, want)
    dc_bytes = pickle.dumps(dc, protocol=5)
    dict_bytes = pickle.dumps(want, protocol=5)
    ms = peers.to_msgspec(msg, want)
    ms_enc, ms_dec = msgpack.Encoder(), msgpack.Decoder(ms_t)
    ms_bytes = ms_enc.encode(ms)
    pb = pb_t.FromString(data)
    pd = peers.to_pydantic(msg, want)
    pd_bytes = pd.model_dump_json().encode()

    decoded = {
        "boundwire": peers.plain_bw(bw_t.decode(data)),
        "pickle dataclass": peers.plain(pickle.loads(dc_bytes)),
        "pickle dict": pickle.loads(dict_bytes),
        "msgspec": peers.plain(ms_dec.decode(ms_bytes)),
        "protobuf (upb)": peers.plain_pb(pb_t.FromString(data)),
        "pydantic": peers.plain(pd_t.model_validate_json(pd_bytes)),
    }
    for name, got in decoded.items():
        if got != want:
            sys.exit(f"{msg}: {name} decodes to a different value")
    same_pb = pb.SerializeToString() == data

    cells = {
        "boundwire": Cell(lambda: bw_t.decode(data), value.encode),
        "pickle dataclass": Cell(lambda: pickle.loads(dc_bytes),
                                 lambda: pickle.dumps(dc, protocol=5)),
        "pickle dict": Cell(lambda: pickle.loads(dict_bytes),
                            lambda: pickle.dumps(want, protocol=5)),
        "msgspec": Cell(lambda: ms_dec.decode(ms_bytes),
                        lambda: ms_enc.encode(ms)),
        "protobuf (upb)": Cell(lambda: pb_t.FromString(data),
                               pb.SerializeToString),
        "pydantic": Cell(lambda: pd_t.model_validate_json(pd_bytes),
                         pd.model_dump_json),
    }
    sizes = {"boundwire": len(data), "pickle dataclass": len(dc_bytes),
             "pickle dict": len(dict_bytes), "msgspec": len(ms_bytes),
             "protobuf (upb)": len(data), "pydantic": len(pd_bytes)}
    print(f"{msg}: {len(data)} bytes; every peer decodes to the same "
          f"value; protobuf re-encodes the same bytes: "
          f"{'yes' if same_pb else 'no'}; sizes: "
          + ", ".join(f"{k} {v}" for k, v in sizes.items()))
    return cells


def time_op(fn: Callable[[], Any], n: int) -> float:
    """Seconds per call of FN, over N calls."""
    start = time.perf_counter_ns()
    for _ in range(n):
        fn()
    return (time.perf_counter_ns() - start) / n / 1e9


Times = dict[tuple[str, str, str], list[float]]


def run(cells: dict[str, dict[str, Cell]], rounds: int,
        ops_scale: float) -> tuple[Times, Times]:
    """Every cell's time per operation, one entry per round, and every
    peer's ratio to boundwire, one per round.  Each peer's cell runs
    right after a boundwire cell of the same message and operation, and
    the ratio is of that pair: the two are measured as close together as
    can be, which keeps most of a shared machine's drift out of it."""
    keys = [(m, op) for m in cells for op in ("decode", "encode")]
    others = PEERS[1:]
    times: Times = {(m, op, p): [] for m, op in keys for p in PEERS}
    rel: Times = {(m, op, p): [] for m, op in keys for p in others}
    gc.enable()
    for r in range(rounds + 1):
        for m, op in keys[r % len(keys):] + keys[:r % len(keys)]:
            n = max(1, int(OPS[m] * ops_scale))
            own = getattr(cells[m]["boundwire"], op)
            shift = r % len(others)
            bw_runs = []
            for p in others[shift:] + others[:shift]:
                bw = time_op(own, n)
                t = time_op(getattr(cells[m][p], op), n)
                bw_runs.append(bw)
                if r > 0:       # round 0 warms up
                    times[(m, op, p)].append(t)
                    rel[(m, op, p)].append(t / bw)
            if r > 0:
                times[(m, op, "boundwire")].append(
                    statistics.median(bw_runs))
    return times, rel


def quartiles(xs: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(xs, n=4, method="inclusive")
    return q[0], statistics.median(xs), q[2]


def fmt_time(s: float) -> str:
    if s < 1e-3:
        return f"{s * 1e6:9.2f} us"
    return f"{s * 1e3:9.3f} ms"


def print_table(times: Times, rel: Times, msgs: list[str]) -> None:
    print()
    print(f"{'msg':4} {'op':7} {'peer':17} {'median':>12} "
          f"{'q1..q3 (% of median)':>21} {'fastest':>12} "
          f"{'x boundwire':>11} {'q1..q3':>12}")
    for m in msgs:
        for op in ("decode", "encode"):
            for p in PEERS:
                q1, med, q3 = quartiles(times[(m, op, p)])
                lo, hi = (q1 / med - 1) * 100, (q3 / med - 1) * 100
                spread = f"{lo:+.1f}..{hi:+.1f}"
                if p == "boundwire":
                    rat, rspread = "1", ""
                else:
                    r1, rm, r3 = quartiles(rel[(m, op, p)])
                    rat, rspread = f"{rm:.2f}", f"{r1:.2f}..{r3:.2f}"
                best = fmt_time(min(times[(m, op, p)]))
                print(f"{m:4} {op:7} {p:17} {fmt_time(med):>12} "
                      f"{spread:>21} {best:>12} {rat:>11} {rspread:>12}")
        print()


def goal(rel: Times, m: str, op: str, peer: str, faster: float = 0.0,
         slower: float = 0.0) -> str:
    """One goal on the median ratio of PEER's time to boundwire's: at
    least FASTER, or (when SLOWER is given) at least 1 / SLOWER, that
    is boundwire's time at most SLOWER times PEER's."""
    r = statistics.median(rel[(m, op, peer)])
    if slower:
        ok = 1 / r <= slower
        text = (f"{m} {op} no slower than {slower:g}x {peer}: "
                f"{1 / r:.2f}x its time")
    else:
        ok = r >= faster
        text = f"{m} {op} at least {faster:g}x faster than {peer}: {r:.2f}x"
    return f"goal: {text}: {'met' if ok else 'missed'}"


GOALS = [("M1", "decode", "pickle dataclass", 5.0, 0.0),
         ("M1", "decode", "msgspec", 0.0, 1.15),
         ("M2", "decode", "pickle dataclass", 3.5, 0.0),
         ("M2", "decode", "msgspec", 0.0, 1.15),
         ("M4", "decode", "msgspec", 0.0, 1.15),
         ("M1", "encode", "pickle dataclass", 5.0, 0.0),
         ("M2", "encode", "pickle dataclass", 10.0, 0.0)]


def print_goals(rel: Times, msgs: list[str]) -> None:
    print("Goals (ratios are medians of per-round ratios):")
    for m, op, p, faster, slower in GOALS:
        if m in msgs:
            print(goal(rel, m, op, p, faster, slower))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", required=True, type=Path)
    ap.add_argument("--rounds", type=int, default=41)
    ap.add_argument("--only", choices=sorted(MESSAGES), action="append")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="multiply the operations per cell")
    args = ap.parse_args()
    msgs = args.only or list(MESSAGES)
    cells = {m: make_cells(m, (args.messages / f"{m}.bin").read_bytes())
             for m in msgs}
    print(f"Python {sys.version.split()[0]}, {args.rounds} rounds, "
          f"garbage collector on; times per operation")
    times, rel = run(cells, args.rounds, args.scale)
    print_table(times, rel, msgs)
    print_goals(rel, msgs)


if __name__ == "__main__":
    main()
