#!/usr/bin/env bash
# The attack catalogue through the generated C decoders: the cases of
# cases.tsv, then those make_cases.py derives from the test vectors,
# under valgrind when the build has no sanitizers.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
runner="$top_builddir/tests/attacks/run_attacks"
run=("$runner")
if [ -n "${VALGRIND:-}" ]; then
  run=("$VALGRIND" --quiet --error-exitcode=99 --leak-check=full "$runner")
fi
generated=$(mktemp) || exit 99
trap 'rm -f "$generated"' EXIT
python3 "$top_srcdir/tests/attacks/make_cases.py" \
  "$top_builddir/tests/vectors/run_vectors" "$generated" || exit 1
"${run[@]}" "$top_srcdir/tests/attacks/cases.tsv" "$generated"
