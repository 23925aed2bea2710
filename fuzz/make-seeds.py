#!/usr/bin/env python3
"""Writes the seed corpus of a fuzz target into a folder.

    make-seeds.py bwc OUTDIR SCHEMA...
    make-seeds.py decode OUTDIR TYPES VECTORS.json...

For fuzz_bwc the seeds are the schema files as they are.  For
fuzz_decode they are the test vectors' bytes, each behind the selector
byte of its type (TYPES is what list_types prints), plus an empty
message for every type.  A seed is named after the hash of its content,
as libFuzzer names corpus files, so the same input is written once.
"""
import hashlib
import json
import os
import sys

SELECT_BY_NAME = 0xFF


def write_seed(outdir, data):
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(outdir, name), "wb") as f:
        f.write(data)


def read_types(path):
    """Maps each qualified type name to its selector prefix."""
    prefixes = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            index, name = line.rstrip("\n").split("\t")
            index = int(index)
            if index < SELECT_BY_NAME:
                prefixes[name] = bytes([index])
            else:
                prefixes[name] = bytes([SELECT_BY_NAME]) + name.encode() + b"\0"
    return prefixes


def bwc_seeds(outdir, paths):
    for path in paths:
        with open(path, "rb") as f:
            write_seed(outdir, f.read())
    return len(paths)


def decode_seeds(outdir, types_path, vector_paths):
    prefixes = read_types(types_path)
    count = 0
    for prefix in prefixes.values():
        write_seed(outdir, prefix)
        count += 1
    for path in vector_paths:
        with open(path, encoding="utf-8") as f:
            corpus = json.load(f)
        for v in corpus["vectors"]:
            prefix = prefixes.get(v["type"])
            if prefix is None:
                sys.exit(f"{path}: {v['name']}: unknown type {v['type']}")
            write_seed(outdir, prefix + bytes.fromhex(v["bytes"]))
            count += 1
    return count


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("bwc", "decode"):
        sys.exit(__doc__)
    kind, outdir, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(outdir, exist_ok=True)
    if kind == "bwc":
        count = bwc_seeds(outdir, rest)
    else:
        count = decode_seeds(outdir, rest[0], rest[1:])
    print(f"{kind}: {count} seeds in {outdir}")


if __name__ == "__main__":
    main()
