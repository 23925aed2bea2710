"""The shared vector corpus (tests/vectors) through the Python modules:
the same values, the same canonical bytes, the same errors and paths as
the C runtime."""

from __future__ import annotations

import importlib
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from conftest import TOP_SRCDIR
from vectorjson import same, to_json

import boundwire

VECTOR_DIR = TOP_SRCDIR / "tests" / "vectors"


def load() -> list[Any]:
    cases = []
    for path in sorted(VECTOR_DIR.glob("*.json")):
        for v in json.loads(path.read_text())["vectors"]:
            cases.append(pytest.param(v, id=f"{path.name}:{v['name']}"))
    return cases


VECTORS = load()


def type_of(qualified: str) -> Any:
    package, _, name = qualified.rpartition(".")
    return getattr(importlib.import_module(package.replace(".", "_")), name)


def test_corpus_is_there() -> None:
    assert len(VECTORS) > 600


@pytest.mark.parametrize("vector", VECTORS)
def test_vector(built: Path, vector: dict[str, Any]) -> None:
    cls = type_of(vector["type"])
    data = bytes.fromhex(vector["bytes"])
    if "error" in vector:
        want = vector["error"]
        with pytest.raises(boundwire.DecodeError) as info:
            cls.decode(data)
        e = info.value
        assert (e.code, e.path, str(e)) == \
            (want["code"], want["path"], want["message"])
        return
    for buf in (data, bytearray(data), memoryview(data)):
        value = cls.decode(buf)
        assert same(to_json(value), vector["value"]), to_json(value)
    canonical = bytes.fromhex(vector.get("canonical", vector["bytes"]))
    assert value.encode() == canonical
    value.validate()
    assert cls.from_dict(value.to_dict()).encode() == canonical
    assert pickle.loads(pickle.dumps(value)).encode() == canonical
