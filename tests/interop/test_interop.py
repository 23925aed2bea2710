"""The vector corpus against the official protobuf runtime.

For every ok vector of tests/vectors:
- protobuf parses the vector's bytes into the vector's value;
- protobuf serializes the value, deterministically, into the vector's
  canonical bytes;
- the C runtime decodes what protobuf wrote, and re-encodes it into the
  canonical bytes: both the serialization of the value and that of the
  message protobuf parsed from the vector (unknown fields included).

Run from the top of the source tree, with top_builddir naming the build
tree that holds compiler/bwc and tests/vectors/run_vectors.
"""

import os
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pbcorpus import (
    Converter,
    Schemas,
    Vector,
    compile_schemas,
    load_ok_vectors,
)

TOP_SRCDIR = Path(os.environ.get("top_srcdir") or
                  Path(__file__).resolve().parents[2]).resolve()
TOP_BUILDDIR = Path(os.environ.get("top_builddir") or TOP_SRCDIR).resolve()
VECTOR_DIR = TOP_SRCDIR / "tests" / "vectors"
VECTORS = load_ok_vectors(VECTOR_DIR)

# Where protobuf for Python (upb) differs from boundwire on purpose or by
# a bug of its own.  Each is a strict expected failure: the exact check
# stays, and a protobuf that changes makes the test fail until this list
# is updated.
MAP_ORDER = (
    "protobuf's deterministic serialization does not write map entries in "
    "ascending key order: upb writes integer keys in descending order of "
    "their unsigned value, and string keys in bytewise order except that a "
    "key comes before its own prefix ('ab' before 'a'); boundwire's "
    "canonical order is ascending keys, by value or by UTF-8 bytes")
MAP_ENTRY_UNKNOWN = (
    "upb moves a map entry holding an unknown field out of the map, into "
    "the message's unknown fields; a map entry is a message of its own, "
    "and boundwire skips the unknown field and keeps the entry")
KNOWN_DIFFERENCES: dict[str, dict[str, str]] = {
    "parse": {
        "maps.json:tags entry with an unknown field": MAP_ENTRY_UNKNOWN,
    },
    "serialize": {
        "maps.json:tags prefix sorts first": MAP_ORDER,
        "maps.json:points": MAP_ORDER,
        "maps.json:points out of order": MAP_ORDER,
        "maps.json:deltas sorted as numbers": MAP_ORDER,
        "maps.json:colors": MAP_ORDER,
        "maps.json:Few 2": MAP_ORDER,
    },
}


def cases(check: str) -> list[Any]:
    """Every vector as a test case of CHECK, known differences marked."""
    known = KNOWN_DIFFERENCES.get(check, {})
    missing = set(known) - {v.id for v in VECTORS}
    assert not missing, f"known differences for no vector: {missing}"
    out = []
    for v in VECTORS:
        marks = []
        if v.id in known:
            marks.append(pytest.mark.xfail(strict=True, reason=known[v.id]))
        out.append(pytest.param(v, id=v.id, marks=marks))
    return out


@pytest.fixture(scope="session")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> Schemas:
    work = tmp_path_factory.mktemp("interop")
    bwc = TOP_BUILDDIR / "compiler" / "bwc"
    data = compile_schemas(bwc, VECTOR_DIR / "schemas", work)
    return Schemas(data)


@pytest.fixture(scope="session")
def convert(schemas: Schemas) -> Converter:
    return Converter(schemas)


def parse(schemas: Schemas, vector: Vector) -> Any:
    cls = schemas.message_class(vector.type)
    msg = cls()
    msg.ParseFromString(vector.data)
    return msg


def build(schemas: Schemas, convert: Converter, vector: Vector) -> Any:
    return convert.message_from_json(schemas.message_class(vector.type),
                                     vector.value)


def runner_command() -> list[str]:
    """run_vectors --reencode, under valgrind when VALGRIND names it."""
    runner = str(TOP_BUILDDIR / "tests" / "vectors" / "run_vectors")
    valgrind = os.environ.get("VALGRIND", "")
    prefix: list[str] = []
    if valgrind:
        prefix = [str(TOP_BUILDDIR / "libtool"), "--mode=execute",
                  *shlex.split(valgrind), "--quiet", "--error-exitcode=99",
                  "--leak-check=full"]
    return [*prefix, runner, "--reencode"]


@pytest.fixture(scope="session")
def c_results(schemas: Schemas, convert: Converter) -> dict[str, list[str]]:
    """What the C runtime makes of protobuf's bytes, for every vector:
    the answers of run_vectors --reencode to the serialization of the
    value and to that of the message parsed from the vector."""
    lines = []
    for v in VECTORS:
        built = build(schemas, convert, v).SerializeToString(
            deterministic=True)
        reparsed = parse(schemas, v).SerializeToString(deterministic=True)
        lines.append(f"{v.type}\t{built.hex()}\n")
        lines.append(f"{v.type}\t{reparsed.hex()}\n")
    done = subprocess.run(runner_command(), input="".join(lines),
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    answers = done.stdout.splitlines()
    assert len(answers) == 2 * len(VECTORS), done.stdout
    return {v.id: answers[2 * i:2 * i + 2] for i, v in enumerate(VECTORS)}


def test_corpus_has_ok_vectors() -> None:
    assert len(VECTORS) > 100


def test_every_type_is_exported(schemas: Schemas) -> None:
    for v in VECTORS:
        assert schemas.message_class(v.type).DESCRIPTOR.full_name == v.type


@pytest.mark.parametrize("vector", cases("parse"))
def test_protobuf_parses_the_value(schemas: Schemas, convert: Converter,
                                   vector: Vector) -> None:
    msg = parse(schemas, vector)
    desc = msg.DESCRIPTOR
    assert (convert.plain_from_message(msg) ==
            convert.plain_from_json(desc, vector.value))


@pytest.mark.parametrize("vector", cases("round trip"))
def test_value_round_trips_through_protobuf(schemas: Schemas,
                                            convert: Converter,
                                            vector: Vector) -> None:
    msg = build(schemas, convert, vector)
    assert (convert.plain_from_message(msg) ==
            convert.plain_from_json(msg.DESCRIPTOR, vector.value))


@pytest.mark.parametrize("vector", cases("serialize"))
def test_protobuf_writes_the_canonical_bytes(schemas: Schemas,
                                             convert: Converter,
                                             vector: Vector) -> None:
    msg = build(schemas, convert, vector)
    data = msg.SerializeToString(deterministic=True)
    assert data.hex() == vector.canonical.hex()


@pytest.mark.parametrize("vector", cases("c"))
def test_c_reads_what_protobuf_writes(c_results: dict[str, list[str]],
                                      vector: Vector) -> None:
    expected = f"ok\t{vector.canonical.hex()}"
    built, reparsed = c_results[vector.id]
    assert built == expected, "the serialization of the value"
    assert reparsed == expected, "the re-serialization of the vector"
