"""The attack catalogue through the Python modules.

Every case of cases.tsv, and every case make_cases.py derives (its
output is named by $ATTACKS_GENERATED), must be refused with the code
and path it states, or decode to a value whose encoding decodes again to
the same bytes, exactly as run_attacks.c holds the C decoders to them.
README.md gives the format.  A last test times decodes of growing inputs
to show that the time grows linearly.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

TOP_SRCDIR = Path(os.environ.get("top_srcdir") or
                  Path(__file__).resolve().parents[2]).resolve()
TOP_BUILDDIR = Path(os.environ.get("top_builddir") or TOP_SRCDIR).resolve()
HERE = TOP_SRCDIR / "tests" / "attacks"
SCHEMAS = [*sorted((TOP_SRCDIR / "tests" / "vectors" / "schemas").glob(
    "*.bw")), HERE / "schemas" / "attacks.bw"]

sys.path.insert(0, str(TOP_SRCDIR / "python"))
sys.path.insert(0, str(TOP_SRCDIR / "tests" / "vectors"))
from wire import varint

import boundwire


class Case(NamedTuple):
    name: str
    type: str
    input: str
    verdict: str
    path: str


def read_cases(path: Path) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cases.append(Case(*line.split("\t")))
    return cases


def nest(key: bytes, levels: int, inner: bytes) -> bytes:
    """INNER inside LEVELS levels of KEY and a length, written outermost
    first from lengths worked out innermost first."""
    lens = [len(inner)]
    for _ in range(levels):
        lens.append(len(key) + len(varint(lens[-1])) + lens[-1])
    heads = [key + varint(n) for n in reversed(lens[:-1])]
    return b"".join(heads) + inner


def entries(key: bytes, count: int) -> bytes:
    return b"".join(key + varint(1 + len(varint(k))) + b"\x08" + varint(k)
                    for k in range(1, count + 1))


def build(spec: str) -> bytes:
    """The input a case's input field describes (README.md)."""
    tokens = spec.split()
    for i, tok in enumerate(tokens):
        if tok.startswith("nest:"):
            _, key, levels = tok.split(":")
            head = build(" ".join(tokens[:i]))
            inner = build(" ".join(tokens[i + 1:]))
            return head + nest(bytes.fromhex(key), int(levels), inner)
    out = []
    for tok in tokens:
        if tok == "-":
            continue
        if tok.startswith("entries:"):
            _, key, count = tok.split(":")
            out.append(entries(bytes.fromhex(key), int(count)))
            continue
        hexed, _, times = tok.partition("*")
        out.append(bytes.fromhex(hexed) * int(times or "1"))
    return b"".join(out)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("attack-modules")
    env = dict(os.environ, BWC=str(TOP_BUILDDIR / "compiler" / "bwc"),
               PYTHONPATH=str(TOP_SRCDIR / "python"))
    done = subprocess.run(
        [sys.executable, "-m", "boundwire", "build", "-o", str(out),
         "-I", str(TOP_SRCDIR / "tests" / "vectors" / "schemas"),
         *map(str, SCHEMAS)],
        env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    sys.path.insert(0, str(out))
    return out


def type_of(qualified: str) -> Any:
    package, _, name = qualified.rpartition(".")
    return getattr(importlib.import_module(package.replace(".", "_")), name)


def unmarked(path: str) -> str:
    """PATH without the leading "..." (and its dot) that marks a path
    whose outer segments were dropped; the C runtime's bw_error_path,
    which the catalogue's paths follow, leaves the mark out."""
    if path.startswith("...."):
        return path[4:]
    return path.removeprefix("...")


def outcome(case: Case) -> str | None:
    """None when CASE comes out as stated, else what came out."""
    cls = type_of(case.type)
    data = build(case.input)
    try:
        value = cls.decode(data)
    except boundwire.DecodeError as e:
        if (e.code, unmarked(e.path)) == (case.verdict, case.path):
            return None
        return f"{e.code} at '{e.path}': {e}"
    if case.verdict != "ok":
        return "decoded"
    again = cls.decode(value.encode(), strict=True)
    return None if again.encode() == value.encode() else "round trip"


def test_catalogue_is_there() -> None:
    assert len(read_cases(HERE / "cases.tsv")) > 80


@pytest.mark.parametrize("case", read_cases(HERE / "cases.tsv"),
                         ids=lambda c: c.name)
def test_case(built: Path, case: Case) -> None:
    assert outcome(case) is None, outcome(case)


def generated_families() -> Iterator[Any]:
    """The generated cases, one test per family and vector file."""
    path = os.environ.get("ATTACKS_GENERATED")
    if not path:
        pytest.fail("ATTACKS_GENERATED names no file: run the run script")
    families: dict[str, list[Case]] = {}
    for case in read_cases(Path(path)):
        family = case.name.split("@")[0].split(":")[0]
        families.setdefault(family, []).append(case)
    for family, cases in sorted(families.items()):
        yield pytest.param(cases, id=family)


@pytest.mark.parametrize("cases", list(generated_families()))
def test_generated(built: Path, cases: list[Case]) -> None:
    wrong = [(c.name, c.verdict, c.path, outcome(c)) for c in cases]
    assert [w for w in wrong if w[3] is not None] == []


# ---- Time ---------------------------------------------------------------

# Inputs that grow: N empty structs, N empty strings, N distinct map
# entries, N bools, one string of N bytes.
GROWING = {
    "empties": lambda n: b"\x0a\x00" * n,
    "words": lambda n: b"\x1a\x00" * n,
    "table": lambda n: entries(b"\x22", n),
    "flags": lambda n: b"\x12" + varint(n) + b"\x01" * n,
    "blob": lambda n: b"\x2a" + varint(n) + b"x" * n,
}
SMALL, FACTOR = 20_000, 8


def cpu_seconds(decode: Any, data: bytes) -> float:
    """The least CPU time of several decodes: the least is the one that
    other processes disturbed least."""
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        decode(data)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("field", sorted(GROWING))
def test_decode_time_is_linear(built: Path, field: str) -> None:
    """Eight times the input may take eight times as long, with room for
    a loaded machine, but not the 64 times of quadratic work.  CPU time,
    the least of five runs, over inputs of 40 KB and more, keeps this
    steady on a busy two-core machine; counting the C decoders' work
    exactly is run_attacks' job."""
    decode = type_of("attack.Crowd").decode
    small = cpu_seconds(decode, GROWING[field](SMALL))
    large = cpu_seconds(decode, GROWING[field](SMALL * FACTOR))
    assert large <= 3 * FACTOR * max(small, 1e-4), (small, large)
