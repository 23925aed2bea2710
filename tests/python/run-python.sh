#!/usr/bin/env bash
# The Python bindings: builds the example and vector schemas into
# extension modules with `python -m boundwire build` and runs the pytest
# suite of tests/python against them, with the project's virtualenv,
# from the top of the source tree.  setup.sh makes the virtualenv; without
# it the suite fails rather than skips, since a skipped suite would pass
# unnoticed.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
# Absolute, since the suite runs from the source tree.
top_srcdir=$(cd "$top_srcdir" && pwd)
top_builddir=$(cd "$top_builddir" && pwd)
# A distcheck build has no virtualenv in its unpacked tree: the make
# that started it names the one to use in INTEROP_PYTHON_BIN.
python=${INTEROP_PYTHON_BIN:-$top_srcdir/.venv/bin/python}
export top_srcdir top_builddir

if [ ! -x "$python" ]; then
  echo "FAIL: no Python virtualenv at $python; run ./setup.sh first"
  exit 1
fi
if [ ! -x "$top_builddir/compiler/bwc" ]; then
  echo "FAIL: no bwc at $top_builddir/compiler/bwc; run make first"
  exit 1
fi
cd "$top_srcdir" || exit 99
# No cache and no bytecode: the source tree may be read-only.
PYTHONDONTWRITEBYTECODE=1 exec "$python" -m pytest -q -p no:cacheprovider \
  tests/python
