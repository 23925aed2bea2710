#!/usr/bin/env python3
"""Turns the JSON vector files given as arguments into the tab-separated
lines run_vectors reads (see run_vectors.c)."""
import json
import sys


def lines(path):
    with open(path, encoding="utf-8") as f:
        corpus = json.load(f)
    for v in corpus["vectors"]:
        name = f"{path.rsplit('/', 1)[-1]}:{v['name']}"
        fields = [name, v["type"], v["bytes"]]
        if "error" in v:
            err = v["error"]
            fields += ["error", err["code"], err["path"], err["message"]]
        else:
            fields.append("ok")
            if "canonical" in v:
                fields.append(v["canonical"])
        if any("\t" in x or "\n" in x for x in fields):
            sys.exit(f"{name}: tabs and newlines cannot be in a vector")
        yield "\t".join(fields)


def main():
    for path in sys.argv[1:]:
        for line in lines(path):
            print(line)


if __name__ == "__main__":
    main()
