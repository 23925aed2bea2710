#!/usr/bin/env bash
# The attack catalogue through the Python modules: test_attacks.py under
# pytest, with the project's virtualenv (INTEROP_PYTHON_BIN names it in
# a distcheck build), from the top of the source tree.  The generated
# cases are written first, as for the C runner.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
top_srcdir=$(cd "$top_srcdir" && pwd)
top_builddir=$(cd "$top_builddir" && pwd)
python=${INTEROP_PYTHON_BIN:-$top_srcdir/.venv/bin/python}

if [ ! -x "$python" ]; then
  echo "FAIL: no Python virtualenv at $python; run ./setup.sh first"
  exit 1
fi
ATTACKS_GENERATED=$(mktemp) || exit 99
trap 'rm -f "$ATTACKS_GENERATED"' EXIT
python3 "$top_srcdir/tests/attacks/make_cases.py" \
  "$top_builddir/tests/vectors/run_vectors" "$ATTACKS_GENERATED" || exit 1
export top_srcdir top_builddir ATTACKS_GENERATED
cd "$top_srcdir" || exit 99
PYTHONDONTWRITEBYTECODE=1 "$python" -m pytest -q -p no:cacheprovider \
  tests/attacks/test_attacks.py
