#!/usr/bin/env bash
# Runs the JSON vector corpus through the generated C codecs.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
runner="$top_builddir/tests/vectors/run_vectors"
run=("$runner")
if [ -n "${VALGRIND:-}" ]; then
  run=("$top_builddir/libtool" --mode=execute "$VALGRIND" --quiet
       --error-exitcode=99 --leak-check=full "$runner")
fi
python3 "$top_srcdir/tests/vectors/lines.py" \
  "$top_srcdir"/tests/vectors/*.json | "${run[@]}"
