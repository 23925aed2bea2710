"""The peers of the Python benchmark, and the conversions between them.

Every peer holds the three messages in its own idiom, with the same
fields and, where the peer can state them, the same rules:

- ``dataclass``: ``@dataclass(slots=True)`` classes and ``enum.IntEnum``
  enums, pickled with protocol 5.  Pickle checks nothing.
- ``dict``: plain dicts, lists and scalars (enums as ints, a union as a
  one-entry dict), pickled with protocol 5.
- ``msgspec``: ``msgspec.Struct`` types, MessagePack, each rule as a
  ``msgspec.Meta`` constraint: ranges (the C type's own range where the
  schema states none, so that an int too large for its field fails as
  it does in boundwire), lengths in code points, counts, and finite
  floats (a range of every finite double, which NaN fails too).
- ``protobuf``: the ``_pb2`` modules protoc makes from the ``.proto``
  files ``bwc --proto-out`` exports, on the upb backend.  It checks the
  wire format and UTF-8, none of the schema's rules.
- ``pydantic``: v2 models with the same constraints as ``msgspec``, in
  strict mode, from and to JSON (bytes as base64).

A tree node is a tagged variant.  boundwire's ``Node`` is a union object
holding its member; ``msgspec`` and ``pydantic`` use their idiom, a
tagged union of one class per member, which needs no wrapper object; the
dataclasses do the same.

``plain()`` turns any peer's value into plain data (dicts with int
enums, unions as one-entry dicts), the common form in which the
benchmark checks that all peers decoded the same value.
"""

from __future__ import annotations

import dataclasses
import enum
import sys
from typing import Annotated, Any, Literal

import msgspec
import pydantic
from msgspec import Meta
from pydantic import ConfigDict, Field

DBL_MAX = sys.float_info.max

# ---- Rules shared by msgspec and pydantic --------------------------------

# (lo, hi) of each int field, from the schema or from its C type.
I8, I16, I32, I64 = ((-(1 << (n - 1)), (1 << (n - 1)) - 1)
                     for n in (8, 16, 32, 64))
U8, U16, U32, U64 = ((0, (1 << n) - 1) for n in (8, 16, 32, 64))


def _ms_int(lo: int, hi: int) -> Any:
    # msgspec takes no bound beyond int64; MessagePack holds no int
    # beyond uint64 anyway.
    return Annotated[int, Meta(ge=lo, le=hi if hi <= I64[1] else None)]


def _pd_int(lo: int, hi: int) -> Any:
    return Annotated[int, Field(ge=lo, le=hi)]


def _ms_float(lo: float = -DBL_MAX, hi: float = DBL_MAX) -> Any:
    return Annotated[float, Meta(ge=lo, le=hi)]


def _pd_float(lo: float = -DBL_MAX, hi: float = DBL_MAX) -> Any:
    return Annotated[float, Field(ge=lo, le=hi)]


def _ms_len(t: Any, lo: int = 0, hi: int | None = None) -> Any:
    return Annotated[t, Meta(min_length=lo, max_length=hi)]


def _pd_len(t: Any, lo: int = 0, hi: int | None = None) -> Any:
    return Annotated[t, Field(min_length=lo, max_length=hi)]


# ---- Enums ----------------------------------------------------------------

class Level(enum.IntEnum):
    debug = 0
    info = 1
    warning = 2
    failure = 3


class Role(enum.IntEnum):
    member = 0
    moderator = 1
    admin = 2


class AddressKind(enum.IntEnum):
    home = 0
    work = 1
    shipping = 2
    billing = 3


class Kind(enum.IntEnum):
    group = 0
    sequence = 1
    choice = 2


# ---- dataclasses ------------------------------------------------------------

@dataclasses.dataclass(slots=True)
class DcRecord:
    enabled: bool
    priority: int
    delta: int
    offset: int
    timestamp: int
    flags: int
    port: int
    count: int
    id: int
    ratio: float
    value: float
    raw: float
    name: str
    payload: bytes
    level: Level
    parent_id: int | None


@dataclasses.dataclass(slots=True)
class DcAddress:
    kind: AddressKind
    street: str
    city: str
    region: str | None
    postal_code: str
    country: str


@dataclasses.dataclass(slots=True)
class DcUser:
    id: int
    name: str
    email: str
    age: int | None
    role: Role
    active: bool
    phone: str | None
    bio: str | None
    created_at: int
    addresses: list[DcAddress]
    tags: list[str]


@dataclasses.dataclass(slots=True)
class DcUserBatch:
    users: list[DcUser]


@dataclasses.dataclass(slots=True)
class DcLeaf:
    """A leaf of the tree: MEMBER names the union member it holds."""
    member: str
    value: Any


@dataclasses.dataclass(slots=True)
class DcBranch:
    label: str
    kind: Kind
    children: list[DcLeaf | DcBranch]


@dataclasses.dataclass(slots=True)
class DcTree:
    name: str
    root: DcLeaf | DcBranch | None


# ---- msgspec ----------------------------------------------------------------

class MsRecord(msgspec.Struct):
    enabled: bool
    priority: _ms_int(-20, 19)
    delta: _ms_int(*I16)
    offset: _ms_int(*I32)
    timestamp: _ms_int(0, I64[1])
    flags: _ms_int(*U8)
    port: _ms_int(*U16)
    count: _ms_int(0, 1000000)
    id: _ms_int(*U64)
    ratio: _ms_float(0.0, 1.0)
    value: _ms_float()
    raw: float
    name: _ms_len(str, 0, 64)
    payload: _ms_len(bytes, 0, 1024)
    level: Level
    parent_id: _ms_int(*U64) | None = None


class MsAddress(msgspec.Struct):
    kind: AddressKind
    street: _ms_len(str, 1, 128)
    city: _ms_len(str, 1, 64)
    region: _ms_len(str, 1, 64) | None
    postal_code: _ms_len(str, 0, 16)
    country: _ms_len(str, 2, 2)


class MsUser(msgspec.Struct):
    id: _ms_int(*U64)
    name: _ms_len(str, 1, 128)
    email: _ms_len(str, 3, 254)
    age: _ms_int(13, 150) | None
    role: Role
    active: bool
    phone: _ms_len(str, 0, 32) | None
    bio: _ms_len(str, 0, 2048) | None
    created_at: _ms_int(0, I64[1])
    addresses: _ms_len(list[MsAddress], 0, 3)
    tags: _ms_len(list[_ms_len(str, 1, 32)], 0, 16)


class MsUserBatch(msgspec.Struct):
    users: _ms_len(list[MsUser], 0, 10000)


class MsInteger(msgspec.Struct, tag="integer"):
    value: _ms_int(*I64)


class MsReal(msgspec.Struct, tag="real"):
    value: _ms_float()


class MsText(msgspec.Struct, tag="text"):
    value: _ms_len(str, 0, 256)


class MsFlag(msgspec.Struct, tag="flag"):
    value: bool


class MsBlob(msgspec.Struct, tag="blob"):
    value: _ms_len(bytes, 0, 4096)


class MsBranch(msgspec.Struct, tag="branch"):
    label: _ms_len(str, 0, 64)
    kind: Kind
    children: _ms_len(list[MsNode], 0, 64)


MsNode = MsInteger | MsReal | MsText | MsFlag | MsBlob | MsBranch


class MsTree(msgspec.Struct):
    name: _ms_len(str, 1, 64)
    root: MsNode | None = None


# ---- pydantic ---------------------------------------------------------------

class PdModel(pydantic.BaseModel):
    model_config = ConfigDict(strict=True, ser_json_bytes="base64",
                              val_json_bytes="base64")


class PdRecord(PdModel):
    enabled: bool
    priority: _pd_int(-20, 19)
    delta: _pd_int(*I16)
    offset: _pd_int(*I32)
    timestamp: _pd_int(0, I64[1])
    flags: _pd_int(*U8)
    port: _pd_int(*U16)
    count: _pd_int(0, 1000000)
    id: _pd_int(*U64)
    ratio: _pd_float(0.0, 1.0)
    value: _pd_float()
    raw: float
    name: _pd_len(str, 0, 64)
    payload: _pd_len(bytes, 0, 1024)
    level: Level
    parent_id: _pd_int(*U64) | None = None


class PdAddress(PdModel):
    kind: AddressKind
    street: _pd_len(str, 1, 128)
    city: _pd_len(str, 1, 64)
    region: _pd_len(str, 1, 64) | None
    postal_code: _pd_len(str, 0, 16)
    country: _pd_len(str, 2, 2)


class PdUser(PdModel):
    id: _pd_int(*U64)
    name: _pd_len(str, 1, 128)
    email: _pd_len(str, 3, 254)
    age: _pd_int(13, 150) | None
    role: Role
    active: bool
    phone: _pd_len(str, 0, 32) | None
    bio: _pd_len(str, 0, 2048) | None
    created_at: _pd_int(0, I64[1])
    addresses: _pd_len(list[PdAddress], 0, 3)
    tags: _pd_len(list[_pd_len(str, 1, 32)], 0, 16)


class PdUserBatch(PdModel):
    users: _pd_len(list[PdUser], 0, 10000)


class PdInteger(PdModel):
    tag: Literal["integer"] = "integer"
    value: _pd_int(*I64)


class PdReal(PdModel):
    tag: Literal["real"] = "real"
    value: _pd_float()


class PdText(PdModel):
    tag: Literal["text"] = "text"
    value: _pd_len(str, 0, 256)


class PdFlag(PdModel):
    tag: Literal["flag"] = "flag"
    value: bool


class PdBlob(PdModel):
    tag: Literal["blob"] = "blob"
    value: _pd_len(bytes, 0, 4096)


class PdBranch(PdModel):
    tag: Literal["branch"] = "branch"
    label: _pd_len(str, 0, 64)
    kind: Kind
    children: _pd_len(list[PdNode], 0, 64)


PdNode = Annotated[PdInteger | PdReal | PdText | PdFlag | PdBlob | PdBranch,
                   Field(discriminator="tag")]


class PdTree(PdModel):
    name: _pd_len(str, 1, 64)
    root: PdNode | None = None


PdBranch.model_rebuild()
PdTree.model_rebuild()

# ---- From plain data to each peer ----------------------------------------

LEAVES = ("integer", "real", "text", "flag", "blob")
MS_LEAF = dict(zip(LEAVES, (MsInteger, MsReal, MsText, MsFlag, MsBlob)))
PD_LEAF = dict(zip(LEAVES, (PdInteger, PdReal, PdText, PdFlag, PdBlob)))


def _node(d: dict[str, Any], leaf: Any, branch: Any, kind: Any) -> Any:
    ((member, value),) = d.items()
    if member != "branch":
        return leaf(member, value)
    children = [_node(c, leaf, branch, kind) for c in value["children"]]
    return branch(value["label"], kind(value["kind"]), children)


def _user(d: dict[str, Any], user: Any, address: Any) -> Any:
    fields = dict(d, role=Role(d["role"]),
                  addresses=[address(**dict(a, kind=AddressKind(a["kind"])))
                             for a in d["addresses"]],
                  tags=list(d["tags"]))
    return user(**fields)


def _tree(d: dict[str, Any], tree: Any, leaf: Any, branch: Any) -> Any:
    root = d["root"]
    return tree(name=d["name"],
                root=None if root is None else _node(root, leaf, branch,
                                                     Kind))


def to_dataclass(msg: str, d: dict[str, Any]) -> Any:
    if msg == "M1":
        return DcRecord(**dict(d, level=Level(d["level"])))
    if msg == "M2":
        return DcUserBatch([_user(u, DcUser, DcAddress)
                            for u in d["users"]])
    return _tree(d, DcTree, DcLeaf,
                 lambda label, kind, children: DcBranch(label, kind,
                                                        children))


def to_msgspec(msg: str, d: dict[str, Any]) -> Any:
    if msg == "M1":
        return MsRecord(**dict(d, level=Level(d["level"])))
    if msg == "M2":
        return MsUserBatch([_user(u, MsUser, MsAddress)
                            for u in d["users"]])
    return _tree(d, MsTree, lambda m, v: MS_LEAF[m](v),
                 lambda label, kind, children: MsBranch(label, kind,
                                                        children))


def to_pydantic(msg: str, d: dict[str, Any]) -> Any:
    if msg == "M1":
        return PdRecord(**dict(d, level=Level(d["level"])))
    if msg == "M2":
        return PdUserBatch(users=[_user(u, PdUser, PdAddress)
                                  for u in d["users"]])
    return _tree(d, PdTree, lambda m, v: PD_LEAF[m](value=v),
                 lambda label, kind, children: PdBranch(
                     label=label, kind=kind, children=children))


# ---- From each peer to plain data -----------------------------------------

def plain(x: Any) -> Any:
    """X as plain data: the form in which decoded values are compared."""
    if isinstance(x, enum.IntEnum):
        return int(x)
    if isinstance(x, (bool, int, float, str, bytes)) or x is None:
        return x
    if isinstance(x, list):
        return [plain(i) for i in x]
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    if isinstance(x, DcLeaf):
        return {x.member: x.value}
    if isinstance(x, (MsInteger, MsReal, MsText, MsFlag, MsBlob)):
        return {type(x).__struct_config__.tag: x.value}
    if isinstance(x, (PdInteger, PdReal, PdText, PdFlag, PdBlob)):
        return {x.tag: x.value}
    if isinstance(x, (DcBranch, MsBranch, PdBranch)):
        return {"branch": {"label": x.label, "kind": int(x.kind),
                           "children": plain(x.children)}}
    if dataclasses.is_dataclass(x):
        return {f.name: plain(getattr(x, f.name))
                for f in dataclasses.fields(x)}
    if isinstance(x, msgspec.Struct):
        return {f: plain(getattr(x, f)) for f in x.__struct_fields__}
    if isinstance(x, pydantic.BaseModel):
        return {f: plain(getattr(x, f)) for f in type(x).model_fields}
    raise TypeError(f"no plain form for {type(x).__name__}")


def plain_bw(x: Any) -> Any:
    """A boundwire value as plain data."""
    return plain(x.to_dict())


def plain_pb(m: Any) -> Any:
    """A protobuf message as plain data, by its descriptor: absent
    optional fields as None, a oneof as a one-entry dict."""
    desc = m.DESCRIPTOR
    real = [o for o in desc.oneofs if not o.name.startswith("_")]
    if len(real) == 1 and len(desc.fields) == len(real[0].fields):
        member = m.WhichOneof(real[0].name)
        return {member: _pb_value(m, desc.fields_by_name[member])}
    out = {}
    for f in desc.fields:
        if f.has_presence and f.containing_oneof is not None \
                and not m.HasField(f.name):
            out[f.name] = None
        else:
            out[f.name] = _pb_value(m, f)
    return out


def _pb_value(m: Any, f: Any) -> Any:
    v = getattr(m, f.name)
    if f.message_type is None:
        return list(v) if f.is_repeated else v
    if f.is_repeated:
        return [plain_pb(i) for i in v]
    return plain_pb(v)
