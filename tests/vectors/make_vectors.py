#!/usr/bin/env python3
"""Writes the JSON vector corpus of tests/vectors from the cases below.

    python3 tests/vectors/make_vectors.py          rewrite the JSON files
    python3 tests/vectors/make_vectors.py --check  fail if one would change

Bytes come from wire.py, an encoder written apart from the C runtime.
Error messages are spelt out here from the formats boundwire.h and
runtime/error.c document, not taken from a run of the C code, so that
the two can disagree.  README.md in this folder describes the JSON.

The output is deterministic: the same script always writes the same
files, so the JSON is the corpus and this script how it was made.
scalars.json is written by hand and left alone.
"""

import json
import math
import os
import sys
from collections.abc import Callable
from typing import Any

import wire as W

HERE = os.path.dirname(os.path.abspath(__file__))

MAX_FIELD = (1 << 29) - 1
U64_MAX = (1 << 64) - 1
I64_MIN = -(1 << 63)
I64_MAX = (1 << 63) - 1
F32_MAX = W.f32_from_bits(0x7F7FFFFF)
F32_TRUE_MIN = W.f32_from_bits(0x00000001)
F32_NAN = 0x7FC00000
F64_NAN = 0x7FF8000000000000
F32_INF = 0x7F800000
F32_NEG_INF = 0xFF800000
F64_INF = 0x7FF0000000000000
F64_NEG_INF = 0xFFF0000000000000

Json = Any


# ---- JSON values --------------------------------------------------------

def jint(v: int) -> Json:
    """An integer as the corpus writes it: a number when JavaScript can
    hold it exactly, a decimal string beyond 2^53 - 1."""
    return v if abs(v) < 1 << 53 else str(v)


def jfloat(v: float) -> Json:
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


# ---- Error messages -----------------------------------------------------

def num(v: Any) -> str:
    """A number as bw_error_format shows it: floats as Python's repr."""
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    return str(v)


Error = dict[str, str]


def error(code: str, path: str, text: str, at: int | None) -> Error:
    """An error; AT is the byte offset that malformed-wire errors show."""
    if at is not None:
        text = f"{text} at byte {at}"
    message = f"{path}: {text}" if path else text
    return {"code": code, "path": path, "message": message}


def truncated(path: str, at: int) -> Error:
    return error("truncated", path, "input ends inside a value", at)


def varint_too_long(path: str, at: int) -> Error:
    return error("varint_too_long", path, "varint longer than 10 bytes", at)


def varint_overflow(path: str, at: int) -> Error:
    return error("varint_overflow", path, "varint does not fit in 64 bits",
                 at)


def not_minimal(path: str, at: int) -> Error:
    return error("varint_not_minimal", path,
                 "varint is not minimally encoded", at)


def bad_field_number(path: str, number: int, at: int) -> Error:
    return error("bad_field_number", path,
                 f"field number {number} is outside 1..{MAX_FIELD}", at)


def group_wire_type(path: str, wt: int, at: int) -> Error:
    return error("group_wire_type", path,
                 f"wire type {wt} (group) is not supported", at)


def bad_wire_type(path: str, wt: int, at: int) -> Error:
    return error("bad_wire_type", path, f"wire type {wt} does not exist", at)


def wrong_wire_type(path: str, got: int, want: int, at: int) -> Error:
    return error("wrong_wire_type", path,
                 f"wire type {got} where {want} was expected", at)


def past_end(path: str, declared: int, left: int, at: int) -> Error:
    return error("length_past_end", path,
                 f"length {declared} runs past the end ({left} bytes remain)",
                 at)


def duplicate_field(path: str, number: int, at: int) -> Error:
    return error("duplicate_field", path,
                 f"field {number} appears more than once", at)


def invalid_utf8(path: str, at: int) -> Error:
    return error("invalid_utf8", path, "invalid UTF-8", at)


def invalid_bool(path: str, value: int, at: int) -> Error:
    return error("invalid_bool", path, f"bool encoded as {value}", at)


def packed_length(path: str, n: int, size: int, at: int) -> Error:
    return error("bad_packed_length", path,
                 f"packed length {n} is not a multiple of {size}", at)


def duplicate_key(path: str, at: int) -> Error:
    return error("duplicate_key", path, "key appears more than once", at)


def below(path: str, v: Any, limit: Any) -> Error:
    return error("below_minimum", path,
                 f"{num(v)} is below the minimum {num(limit)}", None)


def above(path: str, v: Any, limit: Any) -> Error:
    return error("above_maximum", path,
                 f"{num(v)} is above the maximum {num(limit)}", None)


def too_short(path: str, n: int, limit: int) -> Error:
    return error("too_short", path,
                 f"length {n} is below the minimum {limit}", None)


def too_long(path: str, n: int, limit: int) -> Error:
    return error("too_long", path,
                 f"length {n} is above the maximum {limit}", None)


def too_few(path: str, n: int, limit: int) -> Error:
    return error("too_few", path,
                 f"count {n} is below the minimum {limit}", None)


def too_many(path: str, n: int, limit: int) -> Error:
    return error("too_many", path,
                 f"count {n} is above the maximum {limit}", None)


def unknown_enum(path: str, v: int) -> Error:
    return error("unknown_enum", path, f"{v} is not a value of the enum",
                 None)


def not_finite(path: str, v: float) -> Error:
    return error("not_finite", path, f"{num(v)} is not finite", None)


def union_several(path: str) -> Error:
    return error("union_several", path, "union holds more than one member",
                 None)


def union_empty(path: str) -> Error:
    return error("union_empty", path, "union holds no member", None)


def too_deep(path: str, depth: int, limit: int) -> Error:
    return error("too_deep", path,
                 f"nesting depth {depth} is above the maximum {limit}", None)


def too_large(size: int, limit: int) -> Error:
    return error("message_too_large", "",
                 f"message of {size} bytes is above the maximum {limit}",
                 None)


# ---- A corpus file ------------------------------------------------------

class Corpus:
    """The vectors of one JSON file, all for the schema SCHEMA."""

    def __init__(self, schema: str, package: str) -> None:
        self.schema = schema
        self.package = package
        self.vectors: list[dict[str, Any]] = []
        self.names: set[str] = set()

    def _add(self, vector: dict[str, Any]) -> None:
        if vector["name"] in self.names:
            raise ValueError(f"{self.schema}: two vectors named "
                             f"{vector['name']!r}")
        self.names.add(vector["name"])
        self.vectors.append(vector)

    def ok(self, name: str, type_: str, data: bytes, value: Json,
           canonical: bytes | None = None) -> None:
        """DATA decodes to VALUE and encodes back to itself, or to
        CANONICAL when DATA is valid but not canonical."""
        vector = {"name": name, "type": f"{self.package}.{type_}",
                  "bytes": data.hex(), "value": value}
        if canonical is not None:
            if canonical == data:
                raise ValueError(f"{name}: canonical equals the bytes")
            vector["canonical"] = canonical.hex()
        self._add(vector)

    def err(self, name: str, type_: str, data: bytes, e: Error) -> None:
        self._add({"name": name, "type": f"{self.package}.{type_}",
                   "bytes": data.hex(), "error": e})


def cat(*parts: bytes) -> bytes:
    return b"".join(parts)


# ---- vec.ints -----------------------------------------------------------

def ints() -> Corpus:
    c = Corpus("ints.bw", "vec.ints")
    widths = [("i8", 1, 8, True), ("i16", 2, 16, True), ("i32", 3, 32, True),
              ("i64", 4, 64, True), ("u8", 5, 8, False),
              ("u16", 6, 16, False), ("u32", 7, 32, False),
              ("u64", 8, 64, False)]
    for name, field, bits, signed in widths:
        if signed:
            lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
            enc: Callable[[int, int], bytes] = W.sint
        else:
            lo, hi = 0, (1 << bits) - 1
            enc = W.uint
        if lo != 0:
            c.ok(f"{name} min", "Widths", enc(field, lo), {name: jint(lo)})
        else:
            c.ok(f"{name} min", "Widths", enc(field, lo), {}, canonical=b"")
        c.ok(f"{name} max", "Widths", enc(field, hi), {name: jint(hi)})
        if bits < 64:
            if signed:
                c.err(f"{name} min-1", "Widths", enc(field, lo - 1),
                      below(name, lo - 1, lo))
            c.err(f"{name} max+1", "Widths", enc(field, hi + 1),
                  above(name, hi + 1, hi))
    c.ok("i8 -1", "Widths", W.sint(1, -1), {"i8": -1})
    # 2^64 needs a 65th bit: the tenth byte of its varint is 2.
    c.err("u64 max+1", "Widths", cat(W.key(8, 0), b"\x80" * 9 + b"\x02"),
          varint_overflow("u64", 1))
    c.err("i64 max+1", "Widths", cat(W.key(4, 0), b"\x80" * 9 + b"\x02"),
          varint_overflow("i64", 1))
    c.ok("every width at its maximum", "Widths",
         cat(W.sint(1, 127), W.sint(2, 32767), W.sint(3, 2**31 - 1),
             W.sint(4, I64_MAX), W.uint(5, 255), W.uint(6, 65535),
             W.uint(7, 2**32 - 1), W.uint(8, U64_MAX)),
         {"i8": 127, "i16": 32767, "i32": 2**31 - 1, "i64": jint(I64_MAX),
          "u8": 255, "u16": 65535, "u32": 2**32 - 1, "u64": jint(U64_MAX)})
    c.ok("every signed width at its minimum", "Widths",
         cat(W.sint(1, -128), W.sint(2, -32768), W.sint(3, -2**31),
             W.sint(4, I64_MIN)),
         {"i8": -128, "i16": -32768, "i32": -2**31, "i64": jint(I64_MIN)})
    # A writer that sends -1 as a plain int32 varint (ten bytes) instead
    # of zigzag: read as zigzag, it is the most negative 64-bit number.
    c.err("i32 written as int32 -1", "Widths",
          cat(W.key(3, 0), W.varint(U64_MAX)),
          below("i32", I64_MIN, -2**31))
    c.err("i8 written as int32 -1", "Widths",
          cat(W.key(1, 0), W.varint(U64_MAX)),
          below("i8", I64_MIN, -128))
    c.err("u32 max+1 in ten bytes", "Widths", W.uint(7, U64_MAX),
          above("u32", U64_MAX, 2**32 - 1))
    # The shortest and longest value of each varint length.
    for n in range(1, 11):
        for v in sorted({1 << 7 * (n - 1), min((1 << 7 * n) - 1, U64_MAX)}):
            if n == 1 and v == 1:
                v = 0
            c.ok(f"u64 {v} in {n} bytes", "Widths", W.uint(8, v),
                 {"u64": jint(v)} if v else {},
                 canonical=b"" if v == 0 else None)

    ranges = [
        ("small", 1, True, -5, 5, None),
        ("wide", 2, True, -100000, 100000, None),
        ("open_lo", 3, True, -32768, 100, "lo"),
        ("open_hi", 4, True, -1000, I64_MAX, "hi"),
        ("named", 5, True, -40, 2048, None),
        ("sized", 6, False, 0, 4096, "lo"),
        ("scaled", 7, True, -2048, 2048 * 1024, None),
        ("big", 8, False, 0, U64_MAX - 1, "lo"),
        ("inner64", 9, True, I64_MIN + 1, I64_MAX - 1, None),
    ]
    for name, field, signed, lo, hi, open_end in ranges:
        enc = W.sint if signed else W.uint
        if lo == 0:
            c.ok(f"{name} at its minimum 0", "Ranges", enc(field, lo), {},
                 canonical=b"")
        else:
            c.ok(f"{name} at its minimum {lo}", "Ranges", enc(field, lo),
                 {name: jint(lo)})
        c.ok(f"{name} at its maximum {hi}", "Ranges", enc(field, hi),
             {name: jint(hi)})
        # An open end is the type's own limit, where one more does not
        # encode (i64) or is the type's own error (i16).
        if signed and lo - 1 >= I64_MIN:
            c.err(f"{name} below its minimum", "Ranges", enc(field, lo - 1),
                  below(name, lo - 1, lo))
        if hi + 1 <= (I64_MAX if signed else U64_MAX):
            c.err(f"{name} above its maximum", "Ranges", enc(field, hi + 1),
                  above(name, hi + 1, hi))
    c.err("small far above its maximum", "Ranges", W.sint(1, 128),
          above("small", 128, 5))
    c.ok("every range at once", "Ranges",
         cat(W.sint(1, -5), W.sint(2, 7), W.sint(3, -1), W.sint(4, 9),
             W.sint(5, 2048), W.uint(6, 4096), W.sint(7, -2048),
             W.uint(8, 1), W.sint(9, -1)),
         {"small": -5, "wide": 7, "open_lo": -1, "open_hi": 9,
          "named": 2048, "sized": 4096, "scaled": -2048, "big": 1,
          "inner64": -1})

    for type_, name, lo, hi in [("Qty", "qty", 1, 1000),
                                ("Negative", "n", -300, -3),
                                ("Exact", "n", 7, 7),
                                ("Top", "n", U64_MAX, U64_MAX),
                                ("Kibi", "n", 1024, 2048)]:
        enc = W.sint if lo < 0 else W.uint
        c.ok(f"{type_} at its minimum", type_, enc(1, lo), {name: jint(lo)})
        if hi != lo:
            c.ok(f"{type_} at its maximum", type_, enc(1, hi),
                 {name: jint(hi)})
        c.err(f"{type_} below its minimum", type_, enc(1, lo - 1),
              below(name, lo - 1, lo))
        if hi < U64_MAX:
            c.err(f"{type_} above its maximum", type_, enc(1, hi + 1),
                  above(name, hi + 1, hi))
        missing = below(name, 0, lo) if lo > 0 else above(name, 0, hi)
        c.err(f"{type_} missing", type_, b"", missing)
    c.err("Qty written as 0", "Qty", W.uint(1, 0), below("qty", 0, 1))
    return c


# ---- vec.floats ---------------------------------------------------------

def next_up(v: float) -> float:
    return math.nextafter(v, math.inf)


def next_down(v: float) -> float:
    return math.nextafter(v, -math.inf)


def f32_next(v: float, up: bool) -> float:
    """The f32 next to the f32 V, away from zero when UP for positive V."""
    bits = W.f32_bits(v)
    return W.f32_from_bits(bits + (1 if up else -1))


def floats() -> Corpus:
    c = Corpus("floats.bw", "vec.floats")
    f32_min_normal = W.f32_from_bits(0x00800000)
    for name, v in [("max", F32_MAX), ("-max", -F32_MAX),
                    ("smallest subnormal", F32_TRUE_MIN),
                    ("smallest normal", f32_min_normal), ("1.5", 1.5)]:
        c.ok(f"f32 {name}", "Plain", W.f32(1, v), {"f32": v})
    for name, v in [("max", sys.float_info.max),
                    ("-max", -sys.float_info.max),
                    ("smallest subnormal", 5e-324),
                    ("smallest normal", sys.float_info.min),
                    ("0.1", 0.1)]:
        c.ok(f"f64 {name}", "Plain", W.f64(2, v), {"f64": v})
    c.ok("f32 -0.0 is written", "Plain", W.f32(1, -0.0), {"f32": -0.0})
    c.ok("f64 -0.0 is written", "Plain", W.f64(2, -0.0), {"f64": -0.0})
    c.ok("f32 0.0 written", "Plain", W.f32(1, 0.0), {}, canonical=b"")
    c.ok("f64 0.0 written", "Plain", W.f64(2, 0.0), {}, canonical=b"")
    for bits32, bits64, v in [(F32_NAN, F64_NAN, math.nan),
                              (F32_INF, F64_INF, math.inf),
                              (F32_NEG_INF, F64_NEG_INF, -math.inf)]:
        c.err(f"f32 {num(v)} refused", "Plain", W.f32_raw(1, bits32),
              not_finite("f32", v))
        c.err(f"f64 {num(v)} refused", "Plain", W.f64_raw(2, bits64),
              not_finite("f64", v))
        c.ok(f"f32 {num(v)} under nonfinite", "Loose", W.f32_raw(1, bits32),
             {"f32": jfloat(v)})
        c.ok(f"f64 {num(v)} under nonfinite", "Loose", W.f64_raw(2, bits64),
             {"f64": jfloat(v)})
    # Every NaN decodes under nonfinite and encodes as the quiet NaN.
    for name, bits in [("signalling", 0x7F800006), ("negative", 0xFFC00000),
                       ("payload", 0x7FC12345)]:
        c.ok(f"f32 {name} nan encodes as the quiet nan", "Loose",
             W.f32_raw(1, bits), {"f32": "nan"},
             canonical=W.f32_raw(1, F32_NAN))
    for name, bits in [("signalling", 0x7FF0000000000006),
                       ("negative", 0xFFF8000000000000),
                       ("payload", 0x7FF8000012345678)]:
        c.ok(f"f64 {name} nan encodes as the quiet nan", "Loose",
             W.f64_raw(2, bits), {"f64": "nan"},
             canonical=W.f64_raw(2, F64_NAN))
    c.err("f32 signalling nan refused", "Plain", W.f32_raw(1, 0x7F800001),
          not_finite("f32", math.nan))
    c.err("f64 negative nan refused", "Plain",
          W.f64_raw(2, 0xFFF8000000000000), not_finite("f64", math.nan))
    c.err("f32 as fixed64", "Plain", W.f64(1, 1.0),
          wrong_wire_type("f32", 1, 5, 0))
    c.err("f64 as fixed32", "Plain", W.f32(2, 1.0),
          wrong_wire_type("f64", 5, 1, 0))
    c.err("f32 as varint", "Plain", W.uint(1, 1),
          wrong_wire_type("f32", 0, 5, 0))
    c.err("f32 cut short", "Plain", cat(W.key(1, W.I32), b"\x00\x00\x80"),
          truncated("f32", 1))
    c.err("f64 cut short", "Plain", cat(W.key(2, W.I64), b"\x00" * 7),
          truncated("f64", 1))

    # f32(-0.1..0.1): the bounds are the f32s nearest to -0.1 and 0.1.
    tenth32 = W.f32_round(0.1)
    c.ok("f32 at the f32 nearest 0.1", "Tenths", W.f32(1, tenth32),
         {"f32": tenth32})
    c.ok("f32 at the f32 nearest -0.1", "Tenths", W.f32(1, -tenth32),
         {"f32": -tenth32})
    up = f32_next(tenth32, True)
    c.err("f32 one f32 above 0.1", "Tenths", W.f32(1, up),
          above("f32", up, tenth32))
    c.err("f32 one f32 below -0.1", "Tenths", W.f32(1, -up),
          below("f32", -up, -tenth32))
    c.ok("f32 one f32 below 0.1", "Tenths",
         W.f32(1, f32_next(tenth32, False)),
         {"f32": f32_next(tenth32, False)})
    c.ok("f64 at 0.1", "Tenths", W.f64(2, 0.1), {"f64": 0.1})
    c.ok("f64 at -0.1", "Tenths", W.f64(2, -0.1), {"f64": -0.1})
    c.err("f64 one double above 0.1", "Tenths", W.f64(2, next_up(0.1)),
          above("f64", next_up(0.1), 0.1))
    c.err("f64 one double below -0.1", "Tenths", W.f64(2, next_down(-0.1)),
          below("f64", next_down(-0.1), -0.1))
    # The f32 nearest 0.1, as a double, is above the f64 bound 0.1.
    c.err("f64 at the f32 nearest 0.1", "Tenths", W.f64(2, tenth32),
          above("f64", tenth32, 0.1))
    c.err("f32 nan in a range", "Tenths", W.f32_raw(1, F32_NAN),
          not_finite("f32", math.nan))

    c.ok("ints at -1", "Bounds", W.f64(1, -1.0), {"ints": -1.0})
    c.ok("ints at TOP", "Bounds", W.f64(1, 3.0), {"ints": 3.0})
    c.err("ints below -1", "Bounds", W.f64(1, next_down(-1.0)),
          below("ints", next_down(-1.0), -1.0))
    c.err("ints above TOP", "Bounds", W.f64(1, next_up(3.0)),
          above("ints", next_up(3.0), 3.0))
    c.ok("lo_open at -max", "Bounds", W.f64(2, -sys.float_info.max),
         {"lo_open": -sys.float_info.max})
    c.ok("lo_open at 2.5", "Bounds", W.f64(2, 2.5), {"lo_open": 2.5})
    c.err("lo_open above 2.5", "Bounds", W.f64(2, next_up(2.5)),
          above("lo_open", next_up(2.5), 2.5))
    c.err("lo_open -inf is not finite", "Bounds", W.f64_raw(2, F64_NEG_INF),
          not_finite("lo_open", -math.inf))
    c.ok("hi_open at f32 max", "Bounds", W.f32(3, F32_MAX),
         {"hi_open": F32_MAX})
    c.ok("hi_open at -2.5", "Bounds", W.f32(3, -2.5), {"hi_open": -2.5})
    c.err("hi_open below -2.5", "Bounds", W.f32(3, f32_next(-2.5, True)),
          below("hi_open", f32_next(-2.5, True), -2.5))
    c.err("hi_open inf is not finite", "Bounds", W.f32_raw(3, F32_INF),
          not_finite("hi_open", math.inf))
    c.ok("units at 1 KiB", "Bounds", W.f64(4, 1024.0), {"units": 1024.0})
    c.err("units above 1 KiB", "Bounds", W.f64(4, next_up(1024.0)),
          above("units", next_up(1024.0), 1024.0))
    # 2^53 + 1 is no double: the bound is 2^53, the nearest.
    c.ok("huge at 2^53", "Bounds", W.f64(5, 2.0**53), {"huge": 2.0**53})
    c.err("huge at 2^53 + 2", "Bounds", W.f64(5, 2.0**53 + 2),
          above("huge", 2.0**53 + 2, 2.0**53))
    large = W.f32_round(1e38)
    c.ok("large at the f32 nearest 1e38", "Bounds", W.f32(6, large),
         {"large": large})
    c.err("large one f32 above 1e38", "Bounds",
          W.f32(6, f32_next(large, True)),
          above("large", f32_next(large, True), large))
    c.err("large at f32 max", "Bounds", W.f32(6, F32_MAX),
          above("large", F32_MAX, large))

    c.err("Positive missing", "Positive", b"", below("x", 0.0, 0.5))
    c.err("Positive -0.0", "Positive", W.f64(1, -0.0),
          below("x", -0.0, 0.5))
    c.ok("Positive at 0.5", "Positive", W.f64(1, 0.5), {"x": 0.5})
    c.ok("Positive at 1.5", "Positive", W.f64(1, 1.5), {"x": 1.5})
    c.err("Positive below 0.5", "Positive", W.f64(1, next_down(0.5)),
          below("x", next_down(0.5), 0.5))
    c.err("Positive above 1.5", "Positive", W.f64(1, next_up(1.5)),
          above("x", next_up(1.5), 1.5))
    return c


# ---- vec.strings --------------------------------------------------------

def strings() -> Corpus:
    c = Corpus("strings.bw", "vec.strings")
    for name, s in [("ascii", "hello"), ("8 ascii", "abcdefgh"),
                    ("8 two-byte", "é" * 8), ("8 three-byte", "€" * 8),
                    ("8 four-byte", "😀" * 8), ("mixed", "aé€😀"),
                    ("nul", "\x00"), ("U+007F U+0080 U+07FF", "\x7f\x80߿"),
                    ("U+0800 U+D7FF U+E000 U+FFFF", "\u0800\ud7ff\ue000\uffff"),
                    ("U+10000 U+10FFFF", "\U00010000\U0010ffff")]:
        c.ok(f"Text {name}", "Text", W.text(1, s), {"s": s})
    c.ok("Text empty written", "Text", W.text(1, ""), {}, canonical=b"")
    for name, s in [("9 ascii", "abcdefghi"), ("9 two-byte", "é" * 9),
                    ("9 four-byte", "😀" * 9)]:
        c.err(f"Text {name}", "Text", W.text(1, s), too_long("s", 9, 8))
    invalid = [
        ("overlong 2-byte C0 80", b"\xc0\x80", 0),
        ("overlong 2-byte C1 BF", b"\xc1\xbf", 0),
        ("overlong 3-byte E0 80 80", b"\xe0\x80\x80", 0),
        ("overlong 3-byte E0 9F BF", b"\xe0\x9f\xbf", 0),
        ("overlong 4-byte F0 80 80 80", b"\xf0\x80\x80\x80", 0),
        ("overlong 4-byte F0 8F BF BF", b"\xf0\x8f\xbf\xbf", 0),
        ("surrogate U+D800", b"\xed\xa0\x80", 0),
        ("surrogate U+DFFF", b"\xed\xbf\xbf", 0),
        ("surrogate pair as CESU-8", b"\xed\xa0\xbd\xed\xb8\x80", 0),
        ("above U+10FFFF F4 90", b"\xf4\x90\x80\x80", 0),
        ("above U+10FFFF F5", b"\xf5\x80\x80\x80", 0),
        ("five-byte form", b"\xf8\x88\x80\x80\x80", 0),
        ("byte FE", b"a\xfe", 1),
        ("byte FF", b"\xff", 0),
        ("stray continuation", b"\x80", 0),
        ("stray continuation after ascii", b"ab\xbf", 2),
        ("continuation after a complete sequence", "é".encode() + b"\x80", 2),
        ("truncated 2-byte at the end", b"a\xc3", 1),
        ("truncated 3-byte at the end", b"\xe2\x82", 0),
        ("truncated 4-byte at the end", b"\xf0\x9f\x98", 0),
        ("truncated 3-byte before ascii", b"\xe2\x82A", 0),
        ("truncated 2-byte before a lead", b"\xc3\xc3\xa9", 0),
        ("after eight ascii bytes", b"abcdefgh\x80", 8),
    ]
    for name, payload, bad in invalid:
        data = W.length(1, payload)
        c.err(f"Text {name}", "Text", data,
              invalid_utf8("s", len(data) - len(payload) + bad))
    c.err("Text as varint", "Text", W.uint(1, 1),
          wrong_wire_type("s", 0, 2, 0))
    c.err("Text length past the end", "Text",
          cat(W.key(1, W.LEN), W.varint(5), b"ab"), past_end("s", 5, 2, 1))

    c.err("Sized missing", "Sized", b"", too_short("s", 0, 2))
    c.err("Sized one ascii", "Sized", W.text(1, "a"), too_short("s", 1, 2))
    c.err("Sized one two-byte char", "Sized", W.text(1, "é"),
          too_short("s", 1, 2))
    c.err("Sized one four-byte char", "Sized", W.text(1, "😀"),
          too_short("s", 1, 2))
    for name, s in [("two ascii", "ab"), ("two three-byte", "日本"),
                    ("three mixed", "été"), ("three four-byte", "😀" * 3)]:
        c.ok(f"Sized {name}", "Sized", W.text(1, s), {"s": s})
    c.err("Sized four ascii", "Sized", W.text(1, "abcd"),
          too_long("s", 4, 3))
    c.err("Sized four mixed", "Sized", W.text(1, "été!"),
          too_long("s", 4, 3))

    c.ok("Blob 8 bytes", "Blob", W.length(1, bytes(range(8))),
         {"b": bytes(range(8)).hex()})
    c.ok("Blob invalid UTF-8 is fine", "Blob", W.length(1, b"\xc0\x80\xff"),
         {"b": "c080ff"})
    c.ok("Blob empty written", "Blob", W.length(1, b""), {}, canonical=b"")
    c.err("Blob 9 bytes", "Blob", W.length(1, bytes(9)), too_long("b", 9, 8))
    c.err("Blob as fixed32", "Blob", W.f32(1, 0.0),
          wrong_wire_type("b", 5, 2, 0))
    c.ok("SizedBlob 2 bytes of one char", "SizedBlob",
         W.length(1, "é".encode()), {"b": "c3a9"})
    c.ok("SizedBlob 3 bytes", "SizedBlob", W.length(1, b"\x00\x00\x00"),
         {"b": "000000"})
    c.err("SizedBlob 1 byte", "SizedBlob", W.length(1, b"\x00"),
          too_short("b", 1, 2))
    c.err("SizedBlob 4 bytes of one char", "SizedBlob",
          W.length(1, "😀".encode()), too_long("b", 4, 3))
    c.err("SizedBlob missing", "SizedBlob", b"", too_short("b", 0, 2))

    for n in [7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65]:
        payload = b"x" * n + b"\x80"
        c.err(f"Units bad byte after {n} ascii", "Units", W.length(1, payload),
              invalid_utf8("s", 2 + n))
        text = "x" * n + "é" + "y" * (70 - n)
        c.ok(f"Units two-byte char after {n} ascii", "Units", W.text(1, text),
             {"s": text})
    cut = "x" * 62 + "€"
    c.err("Units three-byte char cut by the end", "Units",
          W.length(1, cut.encode()[:-1]), invalid_utf8("s", 64))
    kib = "x" * 1024
    c.ok("Units 1 KiB code points", "Units", W.text(1, kib), {"s": kib})
    c.err("Units 1 KiB + 1 code points", "Units", W.text(1, kib + "x"),
          too_long("s", 1025, 1024))
    c.ok("Units 1 KiB two-byte chars", "Units", W.text(1, "é" * 1024),
         {"s": "é" * 1024})
    c.err("Units 1 KiB + 1 two-byte chars", "Units", W.text(1, "é" * 1025),
          too_long("s", 1025, 1024))
    c.ok("Units 1 KiB bytes", "Units", W.length(2, bytes(1024)),
         {"b": bytes(1024).hex()})
    c.err("Units 1 KiB + 1 bytes", "Units", W.length(2, bytes(1025)),
          too_long("b", 1025, 1024))
    return c


# ---- vec.lists ----------------------------------------------------------

def lists() -> Corpus:
    c = Corpus("lists.bw", "vec.lists")

    def item(sku: str, qty: int) -> bytes:
        return W.message(8, W.text(1, sku), W.uint(2, qty))

    c.ok("nums", "Lists", W.packed_uints(1, [0, 1, 1000, 300]),
         {"nums": [0, 1, 1000, 300]})
    c.ok("nums empty written", "Lists", W.packed_uints(1, []), {},
         canonical=b"")
    c.err("nums 5", "Lists", W.packed_uints(1, [1] * 5),
          too_many("nums", 5, 4))
    c.err("nums element above 1000", "Lists", W.packed_uints(1, [1, 1001]),
          above("nums[1]", 1001, 1000))
    c.err("nums in two chunks", "Lists",
          cat(W.packed_uints(1, [1]), W.packed_uints(1, [2])),
          duplicate_field("nums", 1, 3))
    c.err("nums unpacked", "Lists", cat(W.uint(1, 1), W.uint(1, 2)),
          wrong_wire_type("nums", 0, 2, 0))
    # The last varint of the payload does not end: the item at fault is
    # that varint, which starts at byte 3.
    c.err("nums last varint cut", "Lists", W.length(1, b"\x01\x80"),
          truncated("nums", 3))
    c.err("nums varint not minimal", "Lists", W.length(1, b"\x80\x00"),
          not_minimal("nums[0]", 2))
    c.err("nums payload past the end", "Lists",
          cat(W.key(1, W.LEN), W.varint(3), b"\x01"), past_end("nums", 3, 1, 1))
    zigs = [-2**31, -1, 0, 2**31 - 1]
    c.ok("zigs", "Lists", W.packed_sints(2, zigs), {"zigs": zigs})
    c.err("zigs element above i32", "Lists", W.packed_sints(2, [0, 2**31]),
          above("zigs[1]", 2**31, 2**31 - 1))
    c.ok("flags", "Lists", W.packed_uints(3, [1, 0, 1]),
         {"flags": [True, False, True]})
    c.err("flags element 2", "Lists", W.packed_uints(3, [0, 2]),
          invalid_bool("flags[1]", 2, 3))
    c.ok("singles", "Lists", W.packed_f32(4, [0.0, 0.5, 1.0, -0.0]),
         {"singles": [0.0, 0.5, 1.0, -0.0]})
    c.err("singles 5 bytes", "Lists", W.length(4, bytes(5)),
          packed_length("singles", 5, 4, 2))
    c.err("singles 20 bytes", "Lists", W.length(4, bytes(20)),
          too_many("singles", 5, 4))
    c.err("singles element above 1", "Lists", W.packed_f32(4, [0.25, 1.5]),
          above("singles[1]", 1.5, 1.0))
    c.err("singles element nan", "Lists",
          W.length(4, W.fixed32(F32_NAN)), not_finite("singles[0]", math.nan))
    c.err("singles as fixed32", "Lists", W.f32(4, 0.5),
          wrong_wire_type("singles", 5, 2, 0))
    c.ok("doubles", "Lists", W.packed_f64(5, [1e308, -5e-324]),
         {"doubles": [1e308, -5e-324]})
    c.err("doubles 7 bytes", "Lists", W.length(5, bytes(7)),
          packed_length("doubles", 7, 8, 2))
    c.err("doubles 12 bytes", "Lists", W.length(5, bytes(12)),
          packed_length("doubles", 12, 8, 2))
    c.err("doubles element -inf", "Lists",
          W.length(5, W.fixed64(0) + W.fixed64(F64_NEG_INF)),
          not_finite("doubles[1]", -math.inf))
    names = ["a", "abcd", "日本"]
    c.ok("names", "Lists", cat(*(W.text(6, n) for n in names)),
         {"names": names})
    c.err("names empty element", "Lists", W.text(6, ""),
          too_short("names[0]", 0, 1))
    c.err("names 4", "Lists", cat(*(W.text(6, "a") for _ in range(4))),
          too_many("names", 4, 3))
    c.err("names element too long", "Lists",
          cat(W.text(6, "ab"), W.text(6, "abcde")),
          too_long("names[1]", 5, 4))
    c.err("names element invalid UTF-8", "Lists",
          cat(W.text(6, "ab"), W.length(6, b"a\xff")),
          invalid_utf8("names[1]", 7))
    c.ok("names apart on the wire", "Lists",
         cat(W.text(6, "a"), W.packed_uints(1, [5]), W.text(6, "b")),
         {"nums": [5], "names": ["a", "b"]},
         canonical=cat(W.packed_uints(1, [5]), W.text(6, "a"),
                       W.text(6, "b")))
    c.ok("blobs", "Lists",
         cat(W.length(7, b""), W.length(7, b"\x00\xff"), W.length(7, b"abcd")),
         {"blobs": ["", "00ff", "61626364"]})
    c.err("blobs element 5 bytes", "Lists", W.length(7, bytes(5)),
          too_long("blobs[0]", 5, 4))
    c.ok("items", "Lists", cat(item("a", 1), item("b", 1000)),
         {"items": [{"sku": "a", "qty": 1}, {"sku": "b", "qty": 1000}]})
    c.err("items element without qty", "Lists",
          cat(item("a", 1), W.message(8, W.text(1, "b"))),
          below("items[1].qty", 0, 1))
    c.err("items element qty 1001", "Lists",
          cat(item("a", 1), item("b", 2), item("c", 1001)),
          above("items[2].qty", 1001, 1000))
    c.err("items empty element", "Lists", W.message(8),
          too_short("items[0].sku", 0, 1))
    c.err("items 4", "Lists", cat(*(item("a", 1) for _ in range(4))),
          too_many("items", 4, 3))
    c.err("items as varint", "Lists", W.uint(8, 1),
          wrong_wire_type("items[0]", 0, 2, 0))
    first = item("a", 1)
    c.err("items element with a duplicate field", "Lists",
          cat(first, W.message(8, W.text(1, "b"), W.uint(2, 1),
                               W.uint(2, 2))),
          duplicate_field("items[1].qty", 2, len(first) + 7))
    c.ok("colors", "Lists", W.packed_uints(9, [0, 2, 1]),
         {"colors": ["red", "blue", "green"]})
    c.err("colors element 3", "Lists", W.packed_uints(9, [0, 3]),
          unknown_enum("colors[1]", 3))
    c.ok("wides", "Lists", W.packed_uints(10, [U64_MAX, 0]),
         {"wides": [jint(U64_MAX), 0]})
    c.err("wides element of 11 bytes", "Lists",
          W.length(10, b"\xff" * 10 + b"\x01"), varint_too_long("wides[0]", 2))
    c.err("wides element over 64 bits", "Lists",
          W.length(10, b"\xff" * 9 + b"\x02"), varint_overflow("wides[0]", 2))

    c.err("AtLeast missing", "AtLeast", b"", too_few("nums", 0, 2))
    c.err("AtLeast 1", "AtLeast", W.packed_uints(1, [1]),
          too_few("nums", 1, 2))
    c.ok("AtLeast 2", "AtLeast", W.packed_uints(1, [1, 0]),
         {"nums": [1, 0]})
    c.ok("AtLeast 3", "AtLeast", W.packed_uints(1, [255, 0, 7]),
         {"nums": [255, 0, 7]})
    c.err("AtLeast 4", "AtLeast", W.packed_uints(1, [1] * 4),
          too_many("nums", 4, 3))
    c.err("AtLeast element 256", "AtLeast", W.packed_uints(1, [256, 1]),
          above("nums[0]", 256, 255))
    c.err("AtLeast empty written", "AtLeast", W.packed_uints(1, []),
          too_few("nums", 0, 2))
    one = W.message(1, W.text(1, "a"), W.uint(2, 1))
    c.err("SomeItems missing", "SomeItems", b"", too_few("items", 0, 1))
    c.ok("SomeItems 1", "SomeItems", one,
         {"items": [{"sku": "a", "qty": 1}]})
    c.err("SomeItems 3", "SomeItems", one * 3, too_many("items", 3, 2))
    return c


# ---- vec.maps -----------------------------------------------------------

def maps() -> Corpus:
    c = Corpus("maps.bw", "vec.maps")

    def tag(k: str, v: str) -> bytes:
        return W.entry(1, W.text(1, k), W.text(2, v))

    def note(k: str, v: int) -> bytes:
        return W.entry(5, W.text(1, k), W.uint(2, v))

    c.ok("tags", "Maps", cat(tag("a", "x"), tag("b", "")),
         {"tags": {"a": "x", "b": ""}})
    c.ok("tags out of order", "Maps", cat(tag("b", "y"), tag("a", "x")),
         {"tags": {"a": "x", "b": "y"}},
         canonical=cat(tag("a", "x"), tag("b", "y")))
    c.ok("tags in UTF-8 byte order", "Maps",
         cat(tag("é", "1"), tag("a", "2"), tag("B", "3")),
         {"tags": {"B": "3", "a": "2", "é": "1"}},
         canonical=cat(tag("B", "3"), tag("a", "2"), tag("é", "1")))
    c.ok("tags prefix sorts first", "Maps", cat(tag("ab", "1"), tag("a", "2")),
         {"tags": {"a": "2", "ab": "1"}},
         canonical=cat(tag("a", "2"), tag("ab", "1")))
    c.ok("tags value missing", "Maps", W.entry(1, W.text(1, "a"), b""),
         {"tags": {"a": ""}}, canonical=tag("a", ""))
    c.ok("tags value before key", "Maps",
         W.entry(1, W.text(2, "x"), W.text(1, "a")), {"tags": {"a": "x"}},
         canonical=tag("a", "x"))
    c.ok("tags entry with an unknown field", "Maps",
         W.entry(1, W.text(1, "a"), W.text(2, "x") + W.uint(3, 9)),
         {"tags": {"a": "x"}}, canonical=tag("a", "x"))
    c.ok("tags apart on the wire", "Maps",
         cat(tag("b", "2"), W.entry(6, W.sint(1, 1), W.uint(2, 1)),
             tag("a", "1")),
         {"tags": {"a": "1", "b": "2"}, "tiny": [[1, True]]},
         canonical=cat(tag("a", "1"), tag("b", "2"),
                       W.entry(6, W.sint(1, 1), W.uint(2, 1))))
    first = tag("a", "x")
    c.err("tags duplicate key", "Maps", cat(first, tag("a", "y")),
          duplicate_key('tags["a"]', len(first)))
    # The second "a" is at fault, not the entry after it.
    c.err("tags duplicate key before another", "Maps",
          cat(first, tag("a", "y"), tag("b", "z")),
          duplicate_key('tags["a"]', len(first)))
    c.err("tags 4", "Maps",
          cat(tag("a", ""), tag("b", ""), tag("c", ""), tag("d", "")),
          too_many("tags", 4, 3))
    c.err("tags key missing", "Maps", W.entry(1, b"", W.text(2, "x")),
          too_short("tags[0].key", 0, 1))
    c.err("tags key too long", "Maps", cat(first, tag("abcdefghi", "x")),
          too_long("tags[1].key", 9, 8))
    c.err("tags value too long", "Maps", cat(first, tag("k", "abcdefghi")),
          too_long('tags["k"]', 9, 8))
    bad_value = W.entry(1, W.text(1, "k"), W.length(2, b"\xe2\x82"))
    c.err("tags value invalid UTF-8", "Maps", bad_value,
          invalid_utf8('tags["k"]', 7))
    c.err("tags key invalid UTF-8", "Maps",
          W.entry(1, W.length(1, b"\xc0\x80"), W.text(2, "x")),
          invalid_utf8("tags[0].key", 4))
    c.err("tags entry as varint", "Maps", W.uint(1, 1),
          wrong_wire_type("tags", 0, 2, 0))
    c.err("tags key as varint", "Maps", W.entry(1, W.uint(1, 5), b""),
          wrong_wire_type("tags[0].key", 0, 2, 2))
    c.err("tags key twice", "Maps",
          W.entry(1, W.text(1, "a"), W.text(1, "b")),
          duplicate_field("tags[0].key", 1, 5))
    c.err("tags value twice", "Maps",
          W.entry(1, W.text(1, "a"), W.text(2, "b") + W.text(2, "c")),
          duplicate_field('tags["a"]', 2, 8))
    c.err("tags key past the end of its entry", "Maps",
          cat(W.length(1, cat(W.key(1, W.LEN), W.varint(5), b"a")),
              b"bcdefgh"),
          past_end("tags[0].key", 5, 1, 3))
    c.err("tags entry field number 0", "Maps", W.entry(1, b"\x00\x00", b""),
          bad_field_number("tags", 0, 2))

    def point(k: int, *fields: bytes) -> bytes:
        return W.entry(2, W.uint(1, k), W.message(2, *fields))

    c.ok("points", "Maps",
         cat(point(1, W.sint(1, 1), W.sint(2, 2)), point(1 << 63)),
         {"points": [[1, {"x": 1, "y": 2}], [jint(1 << 63), {}]]})
    c.ok("points out of order", "Maps",
         cat(point(1 << 63), point(0, W.sint(1, -1))),
         {"points": [[0, {"x": -1}], [jint(1 << 63), {}]]},
         canonical=cat(point(0, W.sint(1, -1)), point(1 << 63)))
    c.ok("points value missing", "Maps", W.entry(2, W.uint(1, 5), b""),
         {"points": [[5, {}]]}, canonical=point(5))
    c.ok("points key missing", "Maps",
         W.entry(2, b"", W.message(2, W.sint(1, 3))),
         {"points": [[0, {"x": 3}]]},
         canonical=point(0, W.sint(1, 3)))
    c.err("points value breaks a rule", "Maps",
          cat(point(1), point(7, W.sint(2, 101))),
          above("points[7].y", 101, 100))
    c.err("points duplicate key", "Maps", cat(point(1), point(1)),
          duplicate_key("points[1]", 6))

    def delta(k: int, v: int) -> bytes:
        return W.entry(3, W.sint(1, k), W.uint(2, v))

    # Zigzag puts 0, -1, 1 in that order; keys sort as numbers.
    c.ok("deltas sorted as numbers", "Maps",
         cat(delta(1, 2), delta(0, 1), delta(-1, 5)),
         {"deltas": [[-1, 5], [0, 1], [1, 2]]},
         canonical=cat(delta(-1, 5), delta(0, 1), delta(1, 2)))
    c.ok("deltas at the key bounds", "Maps", cat(delta(-10, 1), delta(10, 1)),
         {"deltas": [[-10, 1], [10, 1]]})
    c.err("deltas key above 10", "Maps", cat(delta(1, 1), delta(11, 1)),
          above("deltas[1].key", 11, 10))
    c.err("deltas key below -10", "Maps", delta(-11, 1),
          below("deltas[0].key", -11, -10))
    c.err("deltas value missing", "Maps", W.entry(3, W.sint(1, -3), b""),
          below("deltas[-3]", 0, 1))
    c.ok("deltas key missing", "Maps", W.entry(3, b"", W.uint(2, 4)),
         {"deltas": [[0, 4]]}, canonical=delta(0, 4))
    c.err("deltas duplicate key", "Maps",
          cat(delta(5, 1), delta(-5, 1), delta(5, 2)),
          duplicate_key("deltas[5]", 12))

    def color(k: int, v: str) -> bytes:
        return W.entry(4, W.uint(1, k), W.text(2, v))

    c.ok("colors", "Maps", cat(color(2, "b"), color(0, "r")),
         {"colors": [["red", "r"], ["blue", "b"]]},
         canonical=cat(color(0, "r"), color(2, "b")))
    c.err("colors key not a member", "Maps", color(3, "x"),
          unknown_enum("colors[0].key", 3))
    c.err("colors value too long", "Maps", cat(color(0, ""), color(2, "abcde")),
          too_long("colors[2]", 5, 4))

    c.err("notes key with a quote and a backslash", "Maps",
          note('a"b\\c', 10), above('notes["a\\"b\\\\c"]', 10, 9))
    c.err("notes key with control bytes", "Maps", note("\x01\x7f", 10),
          above('notes["\\x01\\x7F"]', 10, 9))
    c.err("notes key of 40 bytes", "Maps", note("k" * 40, 10),
          above('notes["' + "k" * 32 + '..."]', 10, 9))
    c.err("notes key cut before a two-byte char", "Maps",
          note("k" * 31 + "é", 10),
          above('notes["' + "k" * 31 + '..."]', 10, 9))
    c.err("notes key of 32 bytes is whole", "Maps", note("k" * 32, 10),
          above('notes["' + "k" * 32 + '"]', 10, 9))
    c.err("notes key not ascii", "Maps", note("été", 10),
          above('notes["été"]', 10, 9))
    c.ok("notes key missing", "Maps", W.entry(5, b"", W.uint(2, 3)),
         {"notes": {"": 3}}, canonical=note("", 3))
    c.ok("notes empty entry", "Maps", W.entry(5, b"", b""),
         {"notes": {"": 0}}, canonical=note("", 0))

    def tiny(k: int, v: int) -> bytes:
        return W.entry(6, W.sint(1, k), W.uint(2, v))

    c.ok("tiny", "Maps", cat(tiny(127, 0), tiny(-128, 1)),
         {"tiny": [[-128, True], [127, False]]},
         canonical=cat(tiny(-128, 1), tiny(127, 0)))
    c.err("tiny key 128", "Maps", tiny(128, 1), above("tiny[0].key", 128, 127))
    c.err("tiny value 2", "Maps", tiny(-1, 2), invalid_bool("tiny[-1]", 2, 5))

    def few(k: int) -> bytes:
        return W.entry(1, W.uint(1, k), W.uint(2, k))

    c.err("Few missing", "Few", b"", too_few("m", 0, 2))
    c.err("Few 1", "Few", few(1), too_few("m", 1, 2))
    c.ok("Few 2", "Few", cat(few(1), few(65535)),
         {"m": [[1, 1], [65535, 65535]]})
    c.err("Few 4", "Few", cat(few(1), few(2), few(3), few(4)),
          too_many("m", 4, 3))
    c.err("Few duplicates count", "Few", cat(few(1), few(1), few(1), few(1)),
          too_many("m", 4, 3))
    return c


# ---- vec.unions ---------------------------------------------------------

def unions() -> Corpus:
    c = Corpus("unions.bw", "vec.unions")
    c.ok("circle", "Shape", W.uint(1, 5), {"circle": 5})
    c.ok("circle at 100", "Shape", W.uint(1, 100), {"circle": 100})
    c.err("circle 0", "Shape", W.uint(1, 0), below("circle", 0, 1))
    c.err("circle 101", "Shape", W.uint(1, 101), above("circle", 101, 100))
    c.ok("point", "Shape", W.message(2, W.sint(1, 1), W.sint(2, -1)),
         {"point": {"x": 1, "y": -1}})
    c.ok("point default is written", "Shape", W.message(2),
         {"point": {}})
    c.ok("label empty is written", "Shape", W.text(3, ""), {"label": ""})
    c.ok("label", "Shape", W.text(3, "hello"), {"label": "hello"})
    c.ok("flag false is written", "Shape", W.boolean(4, False),
         {"flag": False})
    c.ok("ratio 0.0 is written", "Shape", W.f64(5, 0.0), {"ratio": 0.0})
    c.ok("ratio -0.0", "Shape", W.f64(5, -0.0), {"ratio": -0.0})
    c.ok("color red is written", "Shape", W.uint(6, 0), {"color": "red"})
    c.ok("member and an unknown field", "Shape",
         cat(W.uint(9, 1), W.uint(1, 5)), {"circle": 5},
         canonical=W.uint(1, 5))
    c.err("empty", "Shape", b"", union_empty(""))
    c.err("only an unknown field", "Shape", W.uint(9, 1), union_empty(""))
    c.err("two members", "Shape", cat(W.uint(1, 5), W.text(3, "x")),
          union_several("label"))
    c.err("two members, second default", "Shape",
          cat(W.text(3, "x"), W.boolean(4, False)), union_several("flag"))
    c.err("one member twice", "Shape", cat(W.uint(1, 5), W.uint(1, 6)),
          duplicate_field("circle", 1, 2))
    c.err("circle as LEN", "Shape", W.text(1, "x"),
          wrong_wire_type("circle", 2, 0, 0))
    c.err("point breaks a rule", "Shape", W.message(2, W.sint(1, 2**31)),
          above("point.x", 2**31, 2**31 - 1))
    c.err("color not a member", "Shape", W.uint(6, 2),
          unknown_enum("color", 2))

    c.ok("Holder", "Holder", cat(W.message(1, W.uint(1, 1)), W.uint(2, 7)),
         {"shape": {"circle": 1}, "id": 7})
    c.err("Holder without shape", "Holder", W.uint(2, 7), union_empty("shape"))
    c.err("Holder with an empty shape", "Holder", W.message(1),
          union_empty("shape"))
    c.err("Holder shape with two members", "Holder",
          W.message(1, W.uint(1, 1), W.text(3, "a")),
          union_several("shape.label"))
    c.ok("Maybe absent", "Maybe", b"", {})
    c.ok("Maybe flag false", "Maybe", W.message(1, W.boolean(4, False)),
         {"shape": {"flag": False}})
    c.err("Maybe empty shape", "Maybe", W.message(1), union_empty("shape"))

    c.ok("shapes", "Shapes",
         cat(W.message(1, W.uint(1, 1)), W.message(1, W.text(3, ""))),
         {"shapes": [{"circle": 1}, {"label": ""}]})
    c.err("shapes empty element", "Shapes",
          cat(W.message(1, W.uint(1, 1)), W.message(1)),
          union_empty("shapes[1]"))
    c.ok("by_name", "Shapes",
         W.entry(2, W.text(1, "a"), W.message(2, W.boolean(4, True))),
         {"by_name": {"a": {"flag": True}}})
    c.err("by_name value missing", "Shapes", W.entry(2, W.text(1, "a"), b""),
          union_empty('by_name["a"]'))
    c.err("by_name value with two members", "Shapes",
          W.entry(2, W.text(1, "a"),
                  W.message(2, W.uint(1, 1), W.text(3, "b"))),
          union_several('by_name["a"].label'))
    return c


# ---- vec.nested ---------------------------------------------------------

def nested() -> Corpus:
    c = Corpus("nested.bw", "vec.nested")
    c.ok("Wrapper", "Wrapper", W.message(1, W.uint(1, 1)),
         {"leaf": {"n": 1}})
    c.err("Wrapper missing leaf", "Wrapper", b"", below("leaf.n", 0, 1))
    c.err("Wrapper empty leaf", "Wrapper", W.message(1),
          below("leaf.n", 0, 1))
    c.err("Wrapper leaf 101", "Wrapper", W.message(1, W.uint(1, 101)),
          above("leaf.n", 101, 100))

    def leaf(n: int) -> bytes:
        return W.message(2, W.uint(1, n))

    c.ok("Tree empty", "Tree", b"", {})
    c.ok("branches", "Tree",
         cat(W.message(1, W.text(1, "a"), leaf(1), leaf(2)), W.message(1)),
         {"branches": [{"label": "a", "leaves": [{"n": 1}, {"n": 2}]}, {}]})
    c.err("branches[1].leaves[2] empty", "Tree",
          cat(W.message(1), W.message(1, leaf(1), leaf(1), W.message(2))),
          below("branches[1].leaves[2].n", 0, 1))
    c.ok("by_name", "Tree", W.entry(2, W.text(1, "x"), W.message(2, leaf(5))),
         {"by_name": {"x": {"leaves": [{"n": 5}]}}})
    c.err("by_name leaf 0", "Tree",
          W.entry(2, W.text(1, "x"), W.message(2, leaf(0))),
          below('by_name["x"].leaves[0].n', 0, 1))
    c.err("main.extra 200", "Tree",
          W.message(3, W.message(3, W.uint(1, 200))),
          above("main.extra.n", 200, 100))
    c.err("main.label too long", "Tree", W.message(3, W.text(1, "abcde")),
          too_long("main.label", 5, 4))
    c.err("main.leaves[0] cut inside a varint", "Tree",
          W.message(3, W.message(2, cat(W.key(1, 0), b"\x80"))),
          truncated("main.leaves[0].n", 5))
    c.err("main.leaves[1] past its end", "Tree",
          W.message(3, leaf(1), cat(W.key(2, W.LEN), W.varint(9), b"\x08")),
          past_end("main.leaves[1]", 9, 1, 7))
    c.ok("main with a default label written", "Tree",
         W.message(3, W.text(1, ""), leaf(1)),
         {"main": {"leaves": [{"n": 1}]}},
         canonical=W.message(3, leaf(1)))
    c.ok("main present and empty", "Tree", W.message(3), {"main": {}})
    c.ok("main.extra present", "Tree", W.message(3, W.message(3, W.uint(1, 1))),
         {"main": {"extra": {"n": 1}}})
    c.err("main.extra present and empty", "Tree",
          W.message(3, W.message(3)), below("main.extra.n", 0, 1))
    return c


# ---- vec.limited --------------------------------------------------------

def chain(depth: int) -> bytes:
    """A Chain DEPTH levels deep counting itself: each level holds the
    next one, the last holds nothing."""
    inner = b""
    for _ in range(depth - 1):
        inner = W.message(1, inner)
    return inner


def chain_value(depth: int) -> Json:
    value: Json = {}
    for _ in range(depth - 1):
        value = {"next": value}
    return value


def link(depth: int) -> bytes:
    inner = W.boolean(1, True)
    for _ in range(depth - 1):
        inner = W.message(2, inner)
    return inner


def link_value(depth: int) -> Json:
    value: Json = {"end": True}
    for _ in range(depth - 1):
        value = {"next": value}
    return value


def limited() -> Corpus:
    c = Corpus("limited.bw", "vec.limited")
    c.ok("Chain 4 deep", "Chain", chain(4), chain_value(4))
    c.err("Chain 5 deep", "Chain", chain(5),
          too_deep("next.next.next.next", 5, 4))
    c.err("Chain 20 deep", "Chain", chain(20),
          too_deep("next.next.next.next", 5, 4))
    pad62 = W.length(2, bytes(62))
    c.ok("Chain of 64 bytes", "Chain", pad62, {"pad": bytes(62).hex()})
    c.err("Chain of 65 bytes", "Chain", W.length(2, bytes(63)),
          too_large(65, 64))
    c.err("65 bytes of garbage", "Chain", b"\xff" * 65, too_large(65, 64))
    # Both limits broken: the size is checked before anything is read.
    c.err("Chain too deep and too large", "Chain", chain(5) + pad62,
          too_large(8 + 64, 64))
    # Depth counts messages: Box 1, each Chain 2, its next 3, and so on.
    # Lists and map entries add nothing of their own.
    c.ok("Box chain 3 deep in a list", "Box", W.message(1, chain(3)),
         {"chains": [chain_value(3)]})
    c.err("Box chain 4 deep in a list", "Box",
          cat(W.message(1), W.message(1, chain(4))),
          too_deep("chains[1].next.next.next", 5, 4))
    c.ok("Box chain 3 deep in a map", "Box",
         W.entry(2, W.uint(1, 1), W.message(2, chain(3))),
         {"by_id": [[1, chain_value(3)]]})
    c.err("Box chain 4 deep in a map", "Box",
          W.entry(2, W.uint(1, 1), W.message(2, chain(4))),
          too_deep("by_id[1].next.next.next", 5, 4))
    c.ok("Link 4 deep", "Link", link(4), link_value(4))
    c.err("Link 5 deep", "Link", link(5),
          too_deep("next.next.next.next", 5, 4))
    return c


# ---- vec.enums ----------------------------------------------------------

def enums() -> Corpus:
    c = Corpus("enums.bw", "vec.enums")
    c.ok("Paint empty", "Paint", b"", {})
    c.ok("Paint", "Paint",
         cat(W.uint(1, 1), W.uint(2, 2**31 - 1), W.uint(3, 2)),
         {"color": "green", "sparse": "top", "weather": "heavy_rain"})
    c.ok("Paint two-word member", "Paint", W.uint(3, 1),
         {"weather": "partlyCloudy"})
    c.ok("Paint red written", "Paint", W.uint(1, 0), {}, canonical=b"")
    c.err("Paint reserved value 3", "Paint", W.uint(1, 3),
          unknown_enum("color", 3))
    c.err("Paint 2^31", "Paint", W.uint(1, 2**31), unknown_enum("color", 2**31))
    c.err("Paint int32 -1", "Paint", W.uint(1, U64_MAX),
          unknown_enum("color", U64_MAX))
    c.err("Paint beside top", "Paint", W.uint(2, 2**31 - 2),
          unknown_enum("sparse", 2**31 - 2))
    c.err("Paint color as LEN", "Paint", W.text(1, ""),
          wrong_wire_type("color", 2, 0, 0))
    c.err("Paint color not minimal", "Paint", cat(W.key(1, 0), b"\x81\x00"),
          not_minimal("color", 1))
    c.err("Alarm missing", "Alarm", b"", unknown_enum("level", 0))
    c.err("Alarm written as 0", "Alarm", W.uint(1, 0), unknown_enum("level", 0))
    c.ok("Alarm low", "Alarm", W.uint(1, 1), {"level": "low"})
    c.ok("Alarm high", "Alarm", W.uint(1, 2), {"level": "high"})
    c.ok("Palette", "Palette",
         cat(W.packed_uints(1, [0, 2, 1, 0]), W.packed_uints(2, [1, 2])),
         {"colors": ["red", "blue", "green", "red"], "levels": ["low", "high"]})
    c.err("Palette color 7", "Palette", W.packed_uints(1, [0, 7]),
          unknown_enum("colors[1]", 7))
    c.err("Palette level 0", "Palette", W.packed_uints(2, [0]),
          unknown_enum("levels[0]", 0))
    c.err("Palette 5 colors", "Palette", W.packed_uints(1, [0] * 5),
          too_many("colors", 5, 4))
    c.ok("Pick absent", "Pick", b"", {})
    c.ok("Pick high", "Pick", W.uint(1, 2), {"level": "high"})
    c.err("Pick 0", "Pick", W.uint(1, 0), unknown_enum("level", 0))
    return c


# ---- vec.optionals ------------------------------------------------------

def optionals() -> Corpus:
    c = Corpus("optionals.bw", "vec.optionals")
    c.ok("none", "Opt", b"", {})
    for name, data, value in [
            ("b false", W.boolean(1, False), {"b": False}),
            ("i 0", W.sint(3, 0), {"i": 0}),
            ("f 0.0", W.f32(4, 0.0), {"f": 0.0}),
            ("f -0.0", W.f32(4, -0.0), {"f": -0.0}),
            ("d 0.0", W.f64(5, 0.0), {"d": 0.0}),
            ("d nan", W.f64_raw(5, F64_NAN), {"d": "nan"}),
            ("s empty", W.text(6, ""), {"s": ""}),
            ("y empty", W.length(7, b""), {"y": ""}),
            ("e red", W.uint(8, 0), {"e": "red"}),
            ("pt empty", W.message(10), {"pt": {}}),
            ("ch n 0", W.message(11, W.uint(1, 0)), {"ch": {"n": 0}}),
            ("ch s empty", W.message(11, W.text(2, "")), {"ch": {"s": ""}})]:
        c.ok(f"{name} present", "Opt", data, value)
    c.err("n 0", "Opt", W.uint(2, 0), below("n", 0, 1))
    c.ok("n 1", "Opt", W.uint(2, 1), {"n": 1})
    c.ok("n 10", "Opt", W.uint(2, 10), {"n": 10})
    c.err("n 11", "Opt", W.uint(2, 11), above("n", 11, 10))
    c.err("l 0", "Opt", W.uint(9, 0), unknown_enum("l", 0))
    c.ok("l low", "Opt", W.uint(9, 1), {"l": "low"})
    c.err("ch empty", "Opt", W.message(11), union_empty("ch"))
    c.err("nd empty", "Opt", W.message(12), below("nd.n", 0, 1))
    c.ok("nd 1", "Opt", W.message(12, W.uint(1, 1)), {"nd": {"n": 1}})
    c.err("b twice", "Opt", cat(W.boolean(1, False), W.boolean(1, False)),
          duplicate_field("b", 1, 2))
    c.err("s too long", "Opt", W.text(6, "abcde"), too_long("s", 5, 4))
    every = cat(W.boolean(1, False), W.uint(2, 1), W.sint(3, 0),
                W.f32(4, 0.0), W.f64(5, 0.0), W.text(6, ""),
                W.length(7, b""), W.uint(8, 0), W.uint(9, 1), W.message(10),
                W.message(11, W.uint(1, 0)), W.message(12, W.uint(1, 1)))
    c.ok("every one present with its default", "Opt", every,
         {"b": False, "n": 1, "i": 0, "f": 0.0, "d": 0.0, "s": "", "y": "",
          "e": "red", "l": "low", "pt": {}, "ch": {"n": 0},
          "nd": {"n": 1}})
    return c


# ---- vec.defaults -------------------------------------------------------

def defaults() -> Corpus:
    c = Corpus("defaults.bw", "vec.defaults")
    c.err("NeedU32 missing", "NeedU32", b"", below("n", 0, 1))
    c.ok("NeedU32 1", "NeedU32", W.uint(1, 1), {"n": 1})
    c.err("NeedText missing", "NeedText", b"", too_short("s", 0, 1))
    c.err("NeedText written empty", "NeedText", W.text(1, ""),
          too_short("s", 0, 1))
    c.ok("NeedText a", "NeedText", W.text(1, "a"), {"s": "a"})
    c.err("NeedBytes missing", "NeedBytes", b"", too_short("b", 0, 1))
    c.err("NeedLevel missing", "NeedLevel", b"", unknown_enum("level", 0))
    c.err("NeedFloat missing", "NeedFloat", b"", below("f", 0.0, 1.0))
    c.ok("NeedFloat 1.0", "NeedFloat", W.f64(1, 1.0), {"f": 1.0})
    c.err("NeedNegative missing", "NeedNegative", b"", above("i", 0, -1))
    c.ok("NeedNegative -1", "NeedNegative", W.sint(1, -1), {"i": -1})
    c.err("NeedInner missing", "NeedInner", b"", below("inner.n", 0, 1))
    c.err("NeedInner written empty", "NeedInner", W.message(1),
          below("inner.n", 0, 1))
    c.ok("NeedInner 2", "NeedInner", W.message(1, W.uint(1, 2)),
         {"inner": {"n": 2}})
    c.err("NeedChoice missing", "NeedChoice", b"", union_empty("choice"))
    c.ok("NeedChoice n 0", "NeedChoice", W.message(1, W.uint(1, 0)),
         {"choice": {"n": 0}})
    c.err("NeedList missing", "NeedList", b"", too_few("xs", 0, 1))
    c.err("NeedMap missing", "NeedMap", b"", too_few("m", 0, 1))
    c.ok("NeedMap 0 to 0", "NeedMap", W.entry(1, W.uint(1, 0), W.uint(2, 0)),
         {"m": [[0, 0]]})
    c.err("Several missing", "Several", b"", too_short("text.s", 0, 1))
    c.err("Several without need", "Several",
          W.message(2, W.text(1, "a")), below("need.n", 0, 1))
    c.err("Several a 256 before the missing ones", "Several", W.uint(1, 256),
          above("a", 256, 255))
    c.ok("Several out of order", "Several",
         cat(W.message(3, W.uint(1, 1)), W.message(2, W.text(1, "t")),
             W.uint(1, 0)),
         {"text": {"s": "t"}, "need": {"n": 1}},
         canonical=cat(W.message(2, W.text(1, "t")),
                       W.message(3, W.uint(1, 1))))
    return c


# ---- vec.wire -----------------------------------------------------------

def wire_vectors() -> Corpus:
    c = Corpus("wire.bw", "vec.wire")
    full = cat(W.uint(1, 300), W.text(2, "héllo"), W.f32(3, 1.5),
               W.f64(4, -2.25), W.boolean(5, True), W.message(6, W.uint(1, 7)),
               W.packed_uints(7, [1, 128, 16384]), W.sint(8, -3),
               W.uint(MAX_FIELD, 9))
    full_value = {"n": 300, "s": "héllo", "f": 1.5, "d": -2.25, "b": True,
                  "inner": {"n": 7}, "nums": [1, 128, 16384], "i": -3,
                  "last": 9}
    c.ok("empty", "Msg", b"", {})
    c.ok("every field", "Msg", full, full_value)
    c.ok("highest field number", "Msg", W.uint(MAX_FIELD, 1), {"last": 1})
    c.ok("fields in reverse order", "Msg",
         cat(W.uint(MAX_FIELD, 9), W.sint(8, -3), W.uint(1, 300)),
         {"n": 300, "i": -3, "last": 9},
         canonical=cat(W.uint(1, 300), W.sint(8, -3), W.uint(MAX_FIELD, 9)))
    c.ok("defaults written", "Msg",
         cat(W.uint(1, 0), W.text(2, ""), W.f32(3, 0.0), W.f64(4, 0.0),
             W.boolean(5, False), W.message(6), W.packed_uints(7, []),
             W.sint(8, 0), W.uint(MAX_FIELD, 0)),
         {}, canonical=b"")
    c.ok("inner holding its default", "Msg", W.message(6, W.uint(1, 0)), {},
         canonical=b"")
    unknown = cat(W.uint(20, U64_MAX), W.f64_raw(21, 1), W.text(22, "x"),
                  W.f32_raw(23, 1), W.length(24, b""), W.uint(9, 1),
                  W.uint(10, 2), W.uint(19000, 3), W.uint(MAX_FIELD - 1, 4))
    c.ok("unknown fields of every wire type", "Msg",
         cat(W.uint(1, 1), unknown),
         {"n": 1}, canonical=W.uint(1, 1))
    c.ok("unknown fields between known ones", "Msg",
         cat(W.uint(1, 1), unknown, W.text(2, "s")),
         {"n": 1, "s": "s"}, canonical=cat(W.uint(1, 1), W.text(2, "s")))
    tags = [15, 16, 2047, 2048, 262143, 262144, 33554431, 33554432]
    c.ok("unknown fields with tags of 1 to 5 bytes", "Msg",
         cat(*(W.uint(n, n) for n in tags)), {}, canonical=b"")
    c.ok("unknown field in inner", "Msg",
         W.message(6, W.text(2, "ignored"), W.uint(1, 5)),
         {"inner": {"n": 5}}, canonical=W.message(6, W.uint(1, 5)))
    c.ok("unknown field holding a malformed message", "Msg",
         W.length(30, b"\x0b\x00\xff"), {}, canonical=b"")

    # Truncation at chosen places; run_vectors also cuts every vector at
    # every byte.
    c.err("cut after a tag", "Msg", W.key(1, 0), truncated("n", 1))
    c.err("cut inside a varint", "Msg", cat(W.key(1, 0), b"\xac"),
          truncated("n", 1))
    c.err("cut inside a tag", "Msg", b"\xf8\xff", truncated("", 0))
    c.err("cut inside a fixed32", "Msg", cat(W.key(3, W.I32), b"\x00\x00"),
          truncated("f", 1))
    c.err("cut inside a fixed64", "Msg", cat(W.key(4, W.I64), b"\x00"),
          truncated("d", 1))
    c.err("cut before a length", "Msg", W.key(2, W.LEN), truncated("s", 1))
    c.err("cut inside a string", "Msg", W.text(2, "abc")[:-1],
          past_end("s", 3, 2, 1))
    c.err("cut inside inner", "Msg", cat(W.message(6, W.key(1, 0))),
          truncated("inner.n", 3))
    c.err("cut inside an unknown fixed64", "Msg",
          W.f64_raw(21, 0)[:-3], truncated("", 2))
    c.err("cut inside an unknown varint", "Msg",
          cat(W.uint(1, 1), W.key(20, 0), b"\x80\x80"), truncated("", 4))

    c.err("11-byte varint", "Msg", cat(W.key(1, 0), b"\xff" * 10 + b"\x01"),
          varint_too_long("n", 1))
    c.err("11-byte varint of zeros", "Msg",
          cat(W.key(1, 0), b"\x80" * 10 + b"\x00"), varint_too_long("n", 1))
    c.err("11-byte tag", "Msg", b"\x88" + b"\x80" * 9 + b"\x00",
          varint_too_long("", 0))
    c.err("10th byte 2", "Msg", cat(W.key(1, 0), b"\xff" * 9 + b"\x02"),
          varint_overflow("n", 1))
    c.err("10th byte 7F", "Msg", cat(W.key(1, 0), b"\x80" * 9 + b"\x7f"),
          varint_overflow("n", 1))
    c.ok("10th byte 1", "Msg", cat(W.key(1, 0), b"\x80" * 9 + b"\x01"),
         {"n": jint(1 << 63)})
    c.err("0 in two bytes", "Msg", cat(W.key(1, 0), b"\x80\x00"),
          not_minimal("n", 1))
    c.err("1 in two bytes", "Msg", cat(W.key(1, 0), b"\x81\x00"),
          not_minimal("n", 1))
    c.err("127 in three bytes", "Msg", cat(W.key(1, 0), b"\xff\x80\x00"),
          not_minimal("n", 1))
    c.err("0 in ten bytes", "Msg", cat(W.key(1, 0), b"\x80" * 9 + b"\x00"),
          not_minimal("n", 1))
    for n in range(2, 11):
        c.err(f"1 in {n} bytes", "Msg",
              cat(W.key(1, 0), b"\x81" + b"\x80" * (n - 2) + b"\x00"),
              not_minimal("n", 1))
    for n in range(1, 10):
        c.err(f"varint cut after {n} bytes", "Msg",
              cat(W.key(1, 0), b"\xff" * n), truncated("n", 1))
    c.err("varint cut after 10 bytes", "Msg", cat(W.key(1, 0), b"\xff" * 10),
          varint_too_long("n", 1))
    c.err("tag not minimal", "Msg", b"\x88\x00\x01", not_minimal("", 0))
    c.err("length not minimal", "Msg", cat(W.key(2, W.LEN), b"\x81\x00a"),
          not_minimal("s", 1))
    c.err("unknown varint not minimal", "Msg",
          cat(W.key(20, 0), b"\x80\x00"), not_minimal("", 2))
    c.err("inner varint not minimal", "Msg",
          W.message(6, cat(W.key(1, 0), b"\x85\x00")),
          not_minimal("inner.n", 3))

    for name, number, wt, want, data in [
            ("n as fixed32", 1, W.I32, 0, W.f32_raw(1, 0)),
            ("n as LEN", 1, W.LEN, 0, W.text(1, "")),
            ("s as varint", 2, W.VARINT, 2, W.uint(2, 1)),
            ("f as fixed64", 3, W.I64, 5, W.f64_raw(3, 0)),
            ("d as varint", 4, W.VARINT, 1, W.uint(4, 0)),
            ("b as fixed32", 5, W.I32, 0, W.f32_raw(5, 1)),
            ("inner as varint", 6, W.VARINT, 2, W.uint(6, 0)),
            ("nums as fixed64", 7, W.I64, 2, W.f64_raw(7, 0)),
            ("last as LEN", MAX_FIELD, W.LEN, 0, W.text(MAX_FIELD, ""))]:
        path = {1: "n", 2: "s", 3: "f", 4: "d", 5: "b", 6: "inner",
                7: "nums", MAX_FIELD: "last"}[number]
        c.err(name, "Msg", data, wrong_wire_type(path, wt, want, 0))
    c.err("wrong wire type after a field", "Msg",
          cat(W.uint(1, 1), W.uint(2, 1)), wrong_wire_type("s", 0, 2, 2))

    c.err("start group", "Msg", W.key(1, W.SGROUP) + W.key(1, W.EGROUP),
          group_wire_type("", 3, 0))
    c.err("end group", "Msg", W.key(1, W.EGROUP), group_wire_type("", 4, 0))
    c.err("unknown start group", "Msg", W.key(20, W.SGROUP),
          group_wire_type("", 3, 0))
    c.err("group after a field", "Msg", cat(W.uint(1, 1), W.key(2, W.SGROUP)),
          group_wire_type("", 3, 2))
    c.err("group in inner", "Msg", W.message(6, W.key(1, W.SGROUP)),
          group_wire_type("inner", 3, 2))
    c.err("wire type 6", "Msg", W.key(1, 6) + b"\x00", bad_wire_type("", 6, 0))
    c.err("wire type 7", "Msg", W.key(1, 7) + b"\x00", bad_wire_type("", 7, 0))
    c.err("unknown wire type 7", "Msg", W.key(20, 7), bad_wire_type("", 7, 0))
    c.err("wire type 6 in inner", "Msg", W.message(6, W.key(1, 6)),
          bad_wire_type("inner", 6, 2))

    c.err("field number 0", "Msg", b"\x00\x00", bad_field_number("", 0, 0))
    c.err("field number 0 LEN", "Msg", b"\x02\x00", bad_field_number("", 0, 0))
    c.err("field number 0 group", "Msg", b"\x03", bad_field_number("", 0, 0))
    c.err("field number 0 in inner", "Msg", W.message(6, b"\x00\x00"),
          bad_field_number("inner", 0, 2))
    c.err("field number 2^29", "Msg", W.key(1 << 29, 0) + b"\x00",
          bad_field_number("", 1 << 29, 0))
    c.err("field number 2^61-1", "Msg", W.varint(U64_MAX & ~7) + b"\x00",
          bad_field_number("", (1 << 61) - 1, 0))

    c.err("length past the end", "Msg",
          cat(W.key(2, W.LEN), W.varint(5), b"ab"), past_end("s", 5, 2, 1))
    c.err("length 2^63", "Msg", cat(W.key(2, W.LEN), W.varint(1 << 63)),
          past_end("s", 1 << 63, 0, 1))
    c.err("length 2^64-1", "Msg",
          cat(W.key(2, W.LEN), W.varint(U64_MAX), b"abc"),
          past_end("s", U64_MAX, 3, 1))
    c.err("inner length past the end", "Msg",
          cat(W.key(6, W.LEN), W.varint(5), W.uint(1, 1)),
          past_end("inner", 5, 2, 1))
    c.err("unknown length past the end", "Msg",
          cat(W.key(22, W.LEN), W.varint(2), b"\x00"), past_end("", 2, 1, 2))
    # Inside inner, a length that the outer message could hold but inner
    # cannot.
    c.err("length past the end of inner", "Msg",
          cat(W.key(6, W.LEN), W.varint(2), W.key(2, W.LEN), W.varint(5),
              b"abcde"),
          past_end("inner", 5, 0, 3))
    c.err("nums length past the end", "Msg",
          cat(W.key(7, W.LEN), W.varint(4), b"\x01\x02"),
          past_end("nums", 4, 2, 1))

    c.err("n twice", "Msg", cat(W.uint(1, 1), W.uint(1, 2)),
          duplicate_field("n", 1, 2))
    c.err("n twice with the same value", "Msg", W.uint(1, 1) * 2,
          duplicate_field("n", 1, 2))
    c.err("n twice as default", "Msg", W.uint(1, 0) * 2,
          duplicate_field("n", 1, 2))
    c.err("s twice", "Msg", cat(W.text(2, "a"), W.uint(1, 1), W.text(2, "a")),
          duplicate_field("s", 2, 5))
    c.err("inner twice", "Msg", W.message(6) * 2,
          duplicate_field("inner", 6, 2))
    c.err("nums twice", "Msg", cat(W.packed_uints(7, [1]),
                                   W.packed_uints(7, [2])),
          duplicate_field("nums", 7, 3))
    c.err("last twice", "Msg", W.uint(MAX_FIELD, 1) * 2,
          duplicate_field("last", MAX_FIELD, 6))
    c.err("n twice in inner", "Msg", W.message(6, W.uint(1, 1) * 2),
          duplicate_field("inner.n", 1, 4))

    c.err("bool 2", "Msg", W.uint(5, 2), invalid_bool("b", 2, 1))
    c.err("bool 2^64-1", "Msg", W.uint(5, U64_MAX),
          invalid_bool("b", U64_MAX, 1))
    c.err("i32 above its range", "Msg", W.sint(8, 2**31),
          above("i", 2**31, 2**31 - 1))
    c.err("u32 in inner above its range", "Msg",
          W.message(6, W.uint(1, 2**32)), above("inner.n", 2**32, 2**32 - 1))
    c.err("s invalid UTF-8", "Msg", W.length(2, b"ok\xc0\xaf"),
          invalid_utf8("s", 4))
    c.err("s too long", "Msg", W.text(2, "x" * 17), too_long("s", 17, 16))
    c.err("nums 9", "Msg", W.packed_uints(7, list(range(9))),
          too_many("nums", 9, 8))
    c.err("first error wins", "Msg",
          cat(W.uint(5, 2), W.uint(1, 0) * 2), invalid_bool("b", 2, 1))
    return c


# ---- Output -------------------------------------------------------------

def render(corpus: Corpus) -> str:
    """The JSON text of CORPUS: one vector per line, keys in a fixed
    order, so that diffs stay readable."""
    lines = [f'{{\n  "schema": {json.dumps(corpus.schema)},\n  "vectors": [']
    rows = [json.dumps(v, ensure_ascii=False, allow_nan=False)
            for v in corpus.vectors]
    lines.append(",\n".join(f"    {row}" for row in rows))
    lines.append("  ]\n}\n")
    return "\n".join(lines)


CORPORA: list[tuple[str, Callable[[], Corpus]]] = [
    ("ints.json", ints), ("floats.json", floats), ("strings.json", strings),
    ("lists.json", lists), ("maps.json", maps), ("unions.json", unions),
    ("nested.json", nested), ("limited.json", limited),
    ("enums.json", enums), ("optionals.json", optionals),
    ("defaults.json", defaults), ("wire.json", wire_vectors),
]


def main(argv: list[str]) -> int:
    check = argv[1:] == ["--check"]
    if argv[1:] and not check:
        print(__doc__, file=sys.stderr)
        return 2
    stale = []
    for file_name, make in CORPORA:
        path = os.path.join(HERE, file_name)
        text = render(make())
        try:
            with open(path, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current == text:
            continue
        if check:
            stale.append(file_name)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    for file_name in stale:
        print(f"{file_name} differs from what make_vectors.py writes",
              file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
