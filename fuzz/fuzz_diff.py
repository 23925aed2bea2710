"""fuzz_diff: one input, decoded by the C codec and by the Python module.

    fuzz_diff.py LIB MODULES [libFuzzer options] [corpus ...]

LIB is libfuzz_diff.so (fuzz_diff_lib.c), the generated C decoders of
the fuzz schemas; MODULES the folder `python -m boundwire build` wrote
from the same schemas.  An input is a type selector and a message, as
for fuzz_decode.  The message is decoded by both, lenient and strict,
and anything below is a finding (an AssertionError, which atheris
reports with the input):

- one side decodes and the other refuses;
- both refuse, with another code, path or text;
- both decode, and the Python value encodes to other bytes than the C
  value does, or its to_dict() does not come back through from_dict()
  to the same bytes, or its pickle does not.

Run under atheris with libFuzzer and AddressSanitizer preloaded (see
run-fuzz.sh): both halves are compiled with -fsanitize=fuzzer-no-link,
so libFuzzer steers by the C code's coverage.
"""

from __future__ import annotations

import ctypes
import importlib
import pickle
import sys
from typing import Any

import atheris

DIFF_NO_TYPE, DIFF_ERROR, DIFF_OK, DIFF_EXHAUSTED = -1, 0, 1, 2
# fuzz_codec.h: the C error text is cut to FUZZ_TEXT_SIZE - 1 bytes.
TEXT_CAP = 511


class CSide:
    """libfuzz_diff.so through ctypes."""

    def __init__(self, path: str) -> None:
        lib = ctypes.CDLL(path)
        lib.fuzz_diff_decode.argtypes = [
            ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int,
            ctypes.POINTER(ctypes.c_char_p),
            ctypes.POINTER(ctypes.c_size_t)]
        lib.fuzz_diff_decode.restype = ctypes.c_int
        for name in ("code", "path", "text"):
            getattr(lib, "fuzz_diff_" + name).restype = ctypes.c_char_p
        lib.fuzz_diff_path_elided.restype = ctypes.c_int
        lib.fuzz_diff_encoding.argtypes = [
            ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte))]
        lib.fuzz_diff_encoding.restype = ctypes.c_size_t
        self.lib = lib

    def decode(self, data: bytes, strict: bool) -> tuple[int, str, int]:
        """The verdict, the type's name and the selector's length."""
        name = ctypes.c_char_p()
        skip = ctypes.c_size_t()
        verdict = self.lib.fuzz_diff_decode(
            data, len(data), int(strict), ctypes.byref(name),
            ctypes.byref(skip))
        type_name = name.value.decode() if name.value else ""
        return verdict, type_name, skip.value

    def error(self) -> tuple[str, str, str]:
        """The last error's code, path (with its elision mark, as Python
        shows it) and text."""
        path = self.lib.fuzz_diff_path().decode("utf-8", "replace")
        if self.lib.fuzz_diff_path_elided():
            dot = "." if path and not path.startswith("[") else ""
            path = "..." + dot + path
        return (self.lib.fuzz_diff_code().decode(), path,
                self.lib.fuzz_diff_text().decode("utf-8", "replace"))

    def encoding(self) -> bytes:
        out = ctypes.POINTER(ctypes.c_ubyte)()
        n = self.lib.fuzz_diff_encoding(ctypes.byref(out))
        return ctypes.string_at(out, n) if n else b""


def python_type(qualified: str) -> Any:
    """The generated class of the schema type QUALIFIED."""
    package, _, name = qualified.rpartition(".")
    return getattr(importlib.import_module(package.replace(".", "_")), name)


def check_error(c: CSide, error: Any, what: str) -> None:
    code, path, text = c.error()
    found = (error.code, error.path)
    assert found == (code, path), f"{what}: C {code} at {path!r}, " \
        f"Python {found[0]} at {found[1]!r}"
    ptext = str(error)
    same = ptext == text if len(text) < TEXT_CAP else ptext.startswith(text)
    assert same, f"{what}: C says {text!r}, Python {ptext!r}"


def check_value(c: CSide, cls: Any, value: Any, what: str) -> None:
    expected = c.encoding()
    assert value.encode() == expected, f"{what}: encodings differ"
    again = cls.from_dict(value.to_dict())
    assert again.encode() == expected, f"{what}: to_dict/from_dict differ"
    assert pickle.loads(pickle.dumps(value)).encode() == expected, \
        f"{what}: pickle differs"


def one_input(c: CSide, boundwire: Any, data: bytes, strict: bool) -> None:
    verdict, type_name, skip = c.decode(data, strict)
    if verdict in (DIFF_NO_TYPE, DIFF_EXHAUSTED):
        return
    cls = python_type(type_name)
    what = f"{type_name}{' strict' if strict else ''}"
    try:
        value = cls.decode(data[skip:], strict=strict)
    except boundwire.DecodeError as e:
        assert verdict == DIFF_ERROR, f"{what}: C decodes, Python: {e}"
        check_error(c, e, what)
        return
    assert verdict == DIFF_OK, f"{what}: Python decodes, C: {c.error()[2]}"
    check_value(c, cls, value, what)


def main() -> None:
    lib, modules, *args = sys.argv[1:]
    sys.path.insert(0, modules)
    import boundwire
    c = CSide(lib)

    def test_one_input(data: bytes) -> None:
        one_input(c, boundwire, data, strict=False)
        one_input(c, boundwire, data, strict=True)

    atheris.Setup([sys.argv[0], *args], test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
