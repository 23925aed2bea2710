"""Values of generated types in the JSON form of tests/vectors.

The conventions are those of tests/vectors/README.md: fields that hold
their default are left out unless optional, big integers are strings,
bytes are hex, enums are member names, maps with keys other than
strings are lists of pairs in key order.
"""

from __future__ import annotations

import enum
import math
from typing import Any

SAFE_INT = 2**53


def is_union(obj: Any) -> bool:
    """Whether OBJ is an instance of a generated union."""
    names = {f[0] for f in type(obj)._bw_fields}
    return "which" not in names and hasattr(type(obj), "which")


def schema_name(obj: Any, name: str) -> str:
    """The schema's name of the field Python calls NAME."""
    for f in type(obj)._bw_fields:
        if f[0] == name:
            return str(f[1])
    raise KeyError(name)


def scalar(v: Any) -> Any:
    """A scalar, enum member, container or instance as JSON."""
    if isinstance(v, bool):
        return v
    if isinstance(v, enum.IntEnum):
        return v.name
    if isinstance(v, int):
        return v if abs(v) < SAFE_INT else str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, list):
        return [scalar(x) for x in v]
    if isinstance(v, dict):
        if all(isinstance(k, str) for k in v):
            return {k: scalar(x) for k, x in v.items()}
        return [[scalar(k), scalar(v[k])] for k in sorted(v)]
    if hasattr(type(v), "_bw_fields"):
        return to_json(v)
    return v


def is_default(v: Any) -> bool:
    """Whether V is the default of its type, which canonical bytes (and
    the vectors' JSON) leave out."""
    if isinstance(v, float):
        return v == 0.0 and math.copysign(1.0, v) > 0
    if isinstance(v, (bool, int, str, bytes, list, dict)):
        return not v
    if hasattr(type(v), "_bw_fields") and not is_union(v):
        return to_json(v) == {}
    return False


def to_json(obj: Any) -> dict[str, Any]:
    """OBJ, an instance of a generated struct or union, as vector JSON."""
    if is_union(obj):
        return {schema_name(obj, obj.which): scalar(obj.value)}
    out = {}
    for name, schema, _number, optional in type(obj)._bw_fields:
        v = getattr(obj, name)
        if v is None or (not optional and is_default(v)):
            continue
        out[schema] = scalar(v)
    return out


def same(a: Any, b: Any) -> bool:
    """A == B for JSON values, telling bool from int and -0.0 from 0.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, float) or isinstance(b, float):
        if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
            return False
        return float(a) == float(b) and \
            math.copysign(1.0, a) == math.copysign(1.0, b)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(map(same, a, b))
    return type(a) is type(b) and a == b
