#!/usr/bin/env python3
"""Writes the attack catalogue's generated cases.

    make_cases.py RUN_VECTORS OUT.tsv

RUN_VECTORS is the vector runner of a build (tests/vectors/run_vectors);
the run scripts call this before each run, so the cases follow the
vectors.  The cases are not kept in the tree: their inputs alone come to
megabytes, every prefix of every vector.

Two families of cases, in the format of cases.tsv (see README.md):

- integer edges: every integer width of vec.ints.Widths at its minimum,
  its maximum and one beyond each, and at the extremes a varint holds;
  the expected verdict follows from the width alone.
- truncations: every vector of tests/vectors cut at every offset short
  of its end.  A cut's verdict depends on where it falls, so it is
  recorded from the C decoder (run_vectors --reencode) and then held to
  what the wire format says of a cut of a valid message, checked here
  with a field walker of our own: a cut inside a top-level field must
  fail as truncated or with a length past the end; a cut between fields
  leaves a valid prefix, which must decode or break a rule of the schema
  (a count too small, a union left empty), never fail as malformed.
  Cuts of error vectors are recorded as they come.  Both decoders are
  then held to the recording, so a change in either shows up here.
"""
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VECTORS = HERE.parent / "vectors"
sys.path.insert(0, str(VECTORS))
import wire

MALFORMED_CUT = {"truncated", "length_past_end"}
CONSTRAINT_CODES = {
    "below_minimum", "above_maximum", "too_short", "too_long", "too_few",
    "too_many", "unknown_enum", "not_finite", "union_several",
    "union_empty"}

# vec.ints.Widths: field name, number, signed, bits.
WIDTHS = [("i8", 1, True, 8), ("i16", 2, True, 16), ("i32", 3, True, 32),
          ("i64", 4, True, 64), ("u8", 5, False, 8), ("u16", 6, False, 16),
          ("u32", 7, False, 32), ("u64", 8, False, 64)]


def line(name, type_, data, code, path=""):
    hexed = data.hex() if data else "-"
    return f"{name}\t{type_}\t{hexed}\t{code}\t{path}"


def signed_edges(name, number, bits):
    lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    values = [(lo, "ok"), (hi, "ok"), (-1, "ok")]
    if bits < 64:
        values += [(lo - 1, "below_minimum"), (hi + 1, "above_maximum"),
                   (-(1 << 63), "below_minimum"),
                   ((1 << 63) - 1, "above_maximum")]
    for v, code in values:
        yield line(f"edge {name} {v}", "vec.ints.Widths",
                   wire.sint(number, v), code, "" if code == "ok" else name)


def unsigned_edges(name, number, bits):
    hi = (1 << bits) - 1
    values = [(0, "ok"), (1, "ok"), (hi, "ok")]
    if bits < 64:
        values += [(hi + 1, "above_maximum"),
                   (wire.U64_MAX, "above_maximum")]
    for v, code in values:
        yield line(f"edge {name} {v}", "vec.ints.Widths",
                   wire.uint(number, v), code, "" if code == "ok" else name)
    # One past 2^64 - 1 cannot be written: the tenth byte may only be 1.
    over = wire.key(number, wire.VARINT) + b"\xff" * 9 + b"\x02"
    yield line(f"edge {name} 2^64", "vec.ints.Widths", over,
               "varint_overflow", name)


def integer_edges():
    for name, number, signed, bits in WIDTHS:
        if signed:
            yield from signed_edges(name, number, bits)
        else:
            yield from unsigned_edges(name, number, bits)


def read_varint(data, pos):
    value = shift = 0
    while True:
        b = data[pos]
        value |= (b & 0x7F) << shift
        pos += 1
        shift += 7
        if b < 0x80:
            return value, pos


def field_bounds(data):
    """The offsets where the top-level fields of valid DATA start and
    end."""
    bounds, pos = {0}, 0
    while pos < len(data):
        tag, pos = read_varint(data, pos)
        wire_type = tag & 7
        if wire_type == wire.VARINT:
            _, pos = read_varint(data, pos)
        elif wire_type == wire.I64:
            pos += 8
        elif wire_type == wire.I32:
            pos += 4
        elif wire_type == wire.LEN:
            n, pos = read_varint(data, pos)
            pos += n
        else:
            raise ValueError(f"wire type {wire_type} in a valid vector")
        bounds.add(pos)
    return bounds


def load_vectors():
    for path in sorted(VECTORS.glob("*.json")):
        for v in json.loads(path.read_text())["vectors"]:
            yield path.name, v


def cuts():
    """(name, type, prefix, bounds or None) for every cut, once per type
    and prefix."""
    seen = set()
    for file, v in load_vectors():
        data = bytes.fromhex(v["bytes"])
        bounds = None if "error" in v else field_bounds(data)
        for cut in range(len(data)):
            if (v["type"], data[:cut]) in seen:
                continue
            seen.add((v["type"], data[:cut]))
            yield (f"cut {file}:{v['name']}@{cut}", v["type"], data[:cut],
                   bounds)


def record(runner, cases):
    """The C decoder's verdict on each case: (code, path)."""
    lines = "".join(f"{t}\t{data.hex()}\n" for _, t, data, _ in cases)
    out = subprocess.run([runner, "--reencode"], input=lines, text=True,
                         capture_output=True, check=True).stdout
    verdicts = []
    for result in out.splitlines():
        fields = result.split("\t")
        verdicts.append(("ok", "") if fields[0] == "ok"
                        else (fields[1], fields[2]))
    if len(verdicts) != len(cases):
        sys.exit("make_cases.py: the runner did not answer every case")
    return verdicts


def check_cut(name, data, bounds, code):
    """What the wire format says of a cut of a valid message."""
    if bounds is None:
        return
    if len(data) in bounds:
        if code != "ok" and code not in CONSTRAINT_CODES:
            sys.exit(f"{name}: a cut between fields fails with {code}")
    elif code not in MALFORMED_CUT:
        sys.exit(f"{name}: a cut inside a field gives {code}")


def truncations(runner):
    cases = list(cuts())
    for (name, type_, data, bounds), (code, path) in zip(
            cases, record(runner, cases)):
        check_cut(name, data, bounds, code)
        yield line(name, type_, data, code, path)


def render(runner):
    head = ["# Generated by make_cases.py from tests/vectors.",
            "# name\ttype\tinput\tverdict\tpath"]
    return "\n".join(head + list(integer_edges()) +
                     list(truncations(runner))) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    text = render(sys.argv[1])
    Path(sys.argv[2]).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
