#!/usr/bin/env bash
# The Ray integration: runs the pytest suite of tests/ray, with the
# project's virtualenv, from the top of the source tree.  The suite
# builds the shop schema with `python -m boundwire build`, then starts
# and stops local Ray instances of its own (two CPUs, loopback, no
# dashboard).  setup.sh makes the virtualenv, with Ray in it; without
# it the suite fails rather than skips, since a skipped suite would
# pass unnoticed.
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
# No cache and no bytecode: the source tree may be read-only.  No
# usage reports, and never a cluster named by the caller's environment.
unset RAY_ADDRESS
RAY_USAGE_STATS_ENABLED=0 PYTHONDONTWRITEBYTECODE=1 exec "$python" \
  -m pytest -q -p no:cacheprovider tests/ray
