"""A small Protocol Buffers wire encoder for writing test vectors.

It is written from the wire format's definition, apart from the C
runtime, so that the vectors check the runtime rather than repeat it.
Every function returns bytes; a message is the concatenation of its
fields.  Nothing here checks ranges beyond what the encoding needs: the
point is to build any input, well-formed or not.
"""

import struct

VARINT = 0
I64 = 1
LEN = 2
SGROUP = 3
EGROUP = 4
I32 = 5

U64_MAX = (1 << 64) - 1


def varint(value: int) -> bytes:
    """The minimal base-128 encoding of VALUE, 0 to 2^64-1."""
    if not 0 <= value <= U64_MAX:
        raise ValueError(f"varint out of range: {value}")
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def zigzag(value: int) -> int:
    """Maps -2^63..2^63-1 to 0..2^64-1: 0, -1, 1, -2 give 0, 1, 2, 3."""
    if not -(1 << 63) <= value < 1 << 63:
        raise ValueError(f"zigzag out of range: {value}")
    return 2 * value if value >= 0 else -2 * value - 1


def key(field: int, wire_type: int) -> bytes:
    """A tag: the field number and the wire type in one varint."""
    return varint(field << 3 | wire_type)


def uint(field: int, value: int) -> bytes:
    return key(field, VARINT) + varint(value)


def sint(field: int, value: int) -> bytes:
    return key(field, VARINT) + varint(zigzag(value))


def boolean(field: int, value: bool) -> bytes:
    return uint(field, 1 if value else 0)


def f32_bits(value: float) -> int:
    """The binary32 bits of VALUE, rounded to the nearest f32."""
    return int.from_bytes(struct.pack("<f", value), "little")


def f32_round(value: float) -> float:
    """VALUE rounded to the nearest f32, as a Python float."""
    result: float = struct.unpack("<f", struct.pack("<f", value))[0]
    return result


def f32_from_bits(bits: int) -> float:
    result: float = struct.unpack("<f", bits.to_bytes(4, "little"))[0]
    return result


def f64_bits(value: float) -> int:
    return int.from_bytes(struct.pack("<d", value), "little")


def f64_from_bits(bits: int) -> float:
    result: float = struct.unpack("<d", bits.to_bytes(8, "little"))[0]
    return result


def fixed32(value: int) -> bytes:
    return value.to_bytes(4, "little")


def fixed64(value: int) -> bytes:
    return value.to_bytes(8, "little")


def f32(field: int, value: float) -> bytes:
    return key(field, I32) + fixed32(f32_bits(value))


def f32_raw(field: int, bits: int) -> bytes:
    return key(field, I32) + fixed32(bits)


def f64(field: int, value: float) -> bytes:
    return key(field, I64) + fixed64(f64_bits(value))


def f64_raw(field: int, bits: int) -> bytes:
    return key(field, I64) + fixed64(bits)


def length(field: int, payload: bytes) -> bytes:
    """A length-delimited field: strings, bytes, messages, packed lists,
    map entries."""
    return key(field, LEN) + varint(len(payload)) + payload


def text(field: int, value: str) -> bytes:
    return length(field, value.encode("utf-8"))


def message(field: int, *fields: bytes) -> bytes:
    """An embedded message made of FIELDS."""
    return length(field, b"".join(fields))


def packed_uints(field: int, values: list[int]) -> bytes:
    return length(field, b"".join(varint(v) for v in values))


def packed_sints(field: int, values: list[int]) -> bytes:
    return length(field, b"".join(varint(zigzag(v)) for v in values))


def packed_f32(field: int, values: list[float]) -> bytes:
    return length(field, b"".join(fixed32(f32_bits(v)) for v in values))


def packed_f64(field: int, values: list[float]) -> bytes:
    return length(field, b"".join(fixed64(f64_bits(v)) for v in values))


def entry(field: int, k: bytes, v: bytes) -> bytes:
    """A map entry: an embedded message holding key field 1 and value
    field 2, given already encoded (either may be b"")."""
    return length(field, k + v)


def hexs(data: bytes) -> str:
    return data.hex()
