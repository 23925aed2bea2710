"""python -m boundwire: the command line of the boundwire package."""

from __future__ import annotations

import argparse
import sys

from boundwire._build import BuildError, build


def main(argv: list[str] | None = None) -> int:
    """Runs the command line; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m boundwire",
        description="Tools for boundwire schemas.")
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser(
        "build",
        help="compile schemas into importable Python modules",
        description="Compile schema files into CPython extension modules "
        "(one per package, named after it: shop.v1 gives shop_v1), with "
        "their .pyi stubs, in DIR.")
    b.add_argument("schemas", nargs="+", metavar="FILE.bw")
    b.add_argument("-o", "--output", required=True, metavar="DIR",
                   help="where the modules and stubs go")
    b.add_argument("-I", "--include", action="append", default=[],
                   metavar="DIR", help="look for imported files in DIR too")
    b.add_argument("--keep-c", action="store_true",
                   help="also keep the generated C sources in DIR")
    b.add_argument("-v", "--verbose", action="store_true",
                   help="show the commands run")
    args = parser.parse_args(argv)
    try:
        modules = build(args.schemas, args.output, args.include,
                        keep_c=args.keep_c, verbose=args.verbose)
    except BuildError as e:
        print(f"boundwire: {e}", file=sys.stderr)
        return 1
    for name in modules:
        print(f"built {name} in {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
