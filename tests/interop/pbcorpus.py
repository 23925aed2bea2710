"""The vector corpus as the official protobuf runtime sees it.

The vector schemas are exported with `bwc --proto-out`, compiled to a
FileDescriptorSet by protoc and loaded into a fresh DescriptorPool; the
message classes come from that pool.  This module converts between the
corpus's JSON values (tests/vectors/README.md) and protobuf messages,
and reduces both to one plain form for comparison:

- a message is a dict from proto field name to plain value, holding the
  fields the canonical encoding writes: a non-optional field at its
  default is left out, as is a non-optional struct whose plain form is
  empty, an empty list and an empty map;
- integers are ints, enum values their numbers, floats a pair of the
  type's name and the IEEE 754 bits (so -0.0 and NaN compare as bits),
  strings str, bytes bytes, lists lists and maps dicts.
"""

import json
import math
import re
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# protobuf ships no type information.
from google.protobuf import (  # type: ignore[import-untyped]
    descriptor,
    descriptor_pb2,
    descriptor_pool,
    message_factory,
)

FD = descriptor.FieldDescriptor

# Field numbers inside DescriptorProto and FileDescriptorProto, for the
# paths of source code info: FileDescriptorProto.message_type is 4,
# DescriptorProto.field is 2.
MESSAGE_TYPE_PATH = 4
FIELD_PATH = 2

INT_TYPES = {
    FD.TYPE_INT32, FD.TYPE_INT64, FD.TYPE_UINT32, FD.TYPE_UINT64,
    FD.TYPE_SINT32, FD.TYPE_SINT64, FD.TYPE_FIXED32, FD.TYPE_FIXED64,
    FD.TYPE_SFIXED32, FD.TYPE_SFIXED64,
}


@dataclass(frozen=True)
class Vector:
    """One ok vector of the corpus."""

    file: str
    name: str
    type: str
    data: bytes
    value: Any
    canonical: bytes

    @property
    def id(self) -> str:
        return f"{self.file}:{self.name}"


def load_ok_vectors(vector_dir: Path) -> list[Vector]:
    """Every vector with a value, from every JSON file of VECTOR_DIR."""
    out = []
    for path in sorted(vector_dir.glob("*.json")):
        corpus = json.loads(path.read_text(encoding="utf-8"))
        for v in corpus["vectors"]:
            if "value" not in v:
                continue
            data = bytes.fromhex(v["bytes"])
            canonical = bytes.fromhex(v.get("canonical", v["bytes"]))
            out.append(Vector(path.name, v["name"], v["type"], data,
                              v["value"], canonical))
    return out


# ---- Names ------------------------------------------------------------

def _starts_word(name: str, i: int) -> bool:
    if i == 0 or not name[i].isupper() or name[i - 1] == "_":
        return False
    prev = name[i - 1]
    after = name[i + 1] if i + 1 < len(name) else ""
    return (prev.islower() or prev.isdigit() or
            (prev.isupper() and after.islower()))


def upper_snake(name: str) -> str:
    """NAME as the .proto export spells enum values: partlyCloudy is
    PARTLY_CLOUDY, HTTPServer is HTTP_SERVER."""
    out = []
    for i, ch in enumerate(name):
        if _starts_word(name, i):
            out.append("_")
        out.append(ch.upper() if ch.isascii() else ch)
    return "".join(out)


# Words the export cannot use as field names; it adds an underscore.
PROTO_WORDS = {
    "double", "float", "int32", "int64", "uint32", "uint64", "sint32",
    "sint64", "fixed32", "fixed64", "sfixed32", "sfixed64", "bool",
    "string", "bytes", "map", "group", "optional", "repeated", "required",
    "oneof", "option", "reserved", "extensions", "extend", "message",
    "enum",
}


# ---- The schemas as protobuf ------------------------------------------

class Schemas:
    """The exported vector schemas, loaded into a DescriptorPool."""

    def __init__(self, descriptor_set: bytes) -> None:
        files = descriptor_pb2.FileDescriptorSet()
        files.ParseFromString(descriptor_set)
        self.pool = descriptor_pool.DescriptorPool()
        self.optional: set[str] = set()
        self.map_key_enum: dict[str, Any] = {}
        for f in files.file:
            self.pool.Add(f)
        for f in files.file:
            self._read_file(f)

    def _read_file(self, f: Any) -> None:
        comments = {}
        for loc in f.source_code_info.location:
            path = list(loc.path)
            if (len(path) == 4 and path[0] == MESSAGE_TYPE_PATH and
                    path[2] == FIELD_PATH):
                comments[(path[1], path[3])] = loc.trailing_comments
        for m_index, m in enumerate(f.message_type):
            full = f"{f.package}.{m.name}"
            for f_index, field in enumerate(m.field):
                name = f"{full}.{field.name}"
                if field.proto3_optional:
                    self.optional.add(name)
                comment = comments.get((m_index, f_index), "")
                key = re.search(r"\bbw: map<\s*([A-Za-z_][\w.]*)", comment)
                if key:
                    enum = self._find_enum(f.package, key.group(1))
                    if enum is not None:
                        self.map_key_enum[name] = enum

    def _find_enum(self, package: str, name: str) -> Any:
        """The enum NAME refers to in PACKAGE, or None for a builtin."""
        for full in (f"{package}.{name}", name):
            try:
                return self.pool.FindEnumTypeByName(full)
            except KeyError:
                continue
        return None

    def message_class(self, full_name: str) -> Any:
        desc = self.pool.FindMessageTypeByName(full_name)
        return message_factory.GetMessageClass(desc)

    def is_optional(self, fd: Any) -> bool:
        return fd.full_name in self.optional


def compile_schemas(bwc: Path, schema_dir: Path, work: Path) -> bytes:
    """Exports every schema of SCHEMA_DIR to .proto files under WORK and
    returns protoc's FileDescriptorSet of them."""
    proto_dir = work / "proto"
    proto_dir.mkdir()
    schemas = sorted(str(p) for p in schema_dir.glob("*.bw"))
    subprocess.run([str(bwc), "--proto-out", str(proto_dir), "-I",
                    str(schema_dir), *schemas], check=True)
    protos = sorted(p.name for p in proto_dir.glob("*.proto"))
    out = work / "set.pb"
    subprocess.run(["protoc", f"--proto_path={proto_dir}",
                    "--include_imports", "--include_source_info",
                    f"--descriptor_set_out={out}", *protos], check=True)
    return out.read_bytes()


# ---- JSON values to the plain form ------------------------------------

def proto_field(desc: Any, name: str) -> Any:
    """The field the export made of schema field NAME."""
    fd = desc.fields_by_name.get(name)
    if fd is None and name in PROTO_WORDS:
        fd = desc.fields_by_name.get(name + "_")
    if fd is None:
        raise KeyError(f"{desc.full_name} has no field {name!r}")
    return fd


def enum_number(enum: Any, member: str) -> int:
    """The number of the enum member the schema calls MEMBER."""
    proto_name = f"{upper_snake(enum.name)}_{upper_snake(member)}"
    number: int = enum.values_by_name[proto_name].number
    return number


def float_bits(kind: int, value: float) -> tuple[str, int | str]:
    """A float as its bits, which tell -0.0 from 0.0; every NaN is the
    same "nan", as boundwire holds NaN payloads to carry no value."""
    if math.isnan(value):
        return ("f32" if kind == FD.TYPE_FLOAT else "f64", "nan")
    if kind == FD.TYPE_FLOAT:
        return ("f32", int.from_bytes(struct.pack("<f", value), "little"))
    return ("f64", int.from_bytes(struct.pack("<d", value), "little"))


def json_float(value: Any) -> float:
    if isinstance(value, str):
        return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}[value]
    return float(value)


def json_scalar(fd: Any, value: Any) -> Any:
    """A JSON scalar of field FD as the Python value protobuf takes."""
    if fd.type in INT_TYPES:
        return int(value)
    if fd.type in (FD.TYPE_FLOAT, FD.TYPE_DOUBLE):
        return json_float(value)
    if fd.type == FD.TYPE_BYTES:
        return bytes.fromhex(value)
    if fd.type == FD.TYPE_ENUM:
        return enum_number(fd.enum_type, value)
    return value


def plain_scalar(fd: Any, value: Any) -> Any:
    """A protobuf scalar of field FD in the plain form."""
    if fd.type in (FD.TYPE_FLOAT, FD.TYPE_DOUBLE):
        return float_bits(fd.type, value)
    return value


def is_map(fd: Any) -> bool:
    return bool(fd.message_type is not None and
                fd.message_type.GetOptions().map_entry)


class Converter:
    """Conversions between JSON values, messages and the plain form."""

    def __init__(self, schemas: Schemas) -> None:
        self.schemas = schemas

    # JSON -> plain

    def plain_from_json(self, desc: Any, value: dict[str, Any]) -> Any:
        out = {}
        for name, v in value.items():
            fd = proto_field(desc, name)
            out[fd.name] = self._plain_json_field(fd, v)
        return out

    def _map_key(self, fd: Any, key: Any) -> Any:
        enum = self.schemas.map_key_enum.get(fd.full_name)
        if enum is not None:
            return enum_number(enum, key)
        return json_scalar(fd.message_type.fields_by_name["key"], key)

    def _map_items(self, fd: Any, value: Any) -> list[tuple[Any, Any]]:
        pairs = value.items() if isinstance(value, dict) else value
        return [(self._map_key(fd, k), v) for k, v in pairs]

    def _plain_json_value(self, fd: Any, value: Any) -> Any:
        if fd.type == FD.TYPE_MESSAGE:
            return self.plain_from_json(fd.message_type, value)
        return plain_scalar(fd, json_scalar(fd, value))

    def _plain_json_field(self, fd: Any, value: Any) -> Any:
        if is_map(fd):
            value_fd = fd.message_type.fields_by_name["value"]
            return {k: self._plain_json_value(value_fd, v)
                    for k, v in self._map_items(fd, value)}
        if fd.is_repeated:
            return [self._plain_json_value(fd, v) for v in value]
        return self._plain_json_value(fd, value)

    # message -> plain

    def plain_from_message(self, msg: Any) -> Any:
        out = {}
        for fd in msg.DESCRIPTOR.fields:
            present, value = self._plain_message_field(msg, fd)
            if present:
                out[fd.name] = value
        return out

    def _plain_message_value(self, fd: Any, value: Any) -> Any:
        if fd.type == FD.TYPE_MESSAGE:
            return self.plain_from_message(value)
        return plain_scalar(fd, value)

    def _plain_message_field(self, msg: Any, fd: Any) -> tuple[bool, Any]:
        value = getattr(msg, fd.name)
        if is_map(fd):
            value_fd = fd.message_type.fields_by_name["value"]
            entries = {k: self._plain_message_value(value_fd, value[k])
                       for k in value}
            return bool(entries), entries
        if fd.is_repeated:
            items = [self._plain_message_value(fd, v) for v in value]
            return bool(items), items
        if fd.has_presence and not msg.HasField(fd.name):
            return False, None
        plain = self._plain_message_value(fd, value)
        if fd.containing_oneof is not None or self.schemas.is_optional(fd):
            return True, plain
        if fd.type == FD.TYPE_MESSAGE:
            return plain != {}, plain
        default = plain_scalar(fd, fd.default_value)
        return plain != default, plain

    # JSON -> message

    def message_from_json(self, cls: Any, value: dict[str, Any]) -> Any:
        msg = cls()
        self.fill(msg, value)
        return msg

    def fill(self, msg: Any, value: dict[str, Any]) -> None:
        """Sets the fields of MSG from the JSON object VALUE."""
        msg.SetInParent()
        for name, v in value.items():
            fd = proto_field(msg.DESCRIPTOR, name)
            self._set_field(msg, fd, v)

    def _set_field(self, msg: Any, fd: Any, value: Any) -> None:
        if is_map(fd):
            self._set_map(getattr(msg, fd.name), fd, value)
        elif fd.is_repeated and fd.type == FD.TYPE_MESSAGE:
            for v in value:
                self.fill(getattr(msg, fd.name).add(), v)
        elif fd.is_repeated:
            getattr(msg, fd.name).extend(json_scalar(fd, v) for v in value)
        elif fd.type == FD.TYPE_MESSAGE:
            self.fill(getattr(msg, fd.name), value)
        else:
            setattr(msg, fd.name, json_scalar(fd, value))

    def _set_map(self, container: Any, fd: Any, value: Any) -> None:
        value_fd = fd.message_type.fields_by_name["value"]
        for key, v in self._map_items(fd, value):
            if value_fd.type == FD.TYPE_MESSAGE:
                self.fill(container[key], v)
            else:
                container[key] = json_scalar(value_fd, v)
