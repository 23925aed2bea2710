#!/usr/bin/env bash
# Golden tests for bwc's diagnostics: every cases/NAME.bw is checked with
# `bwc --check -I tests/diagnostics/lib` from the top of the source tree,
# and what bwc prints must equal cases/NAME.err byte for byte, caret lines
# included.  The exit status must be 1 when the expected text holds an
# error and 0 otherwise.
#
# With VALGRIND set (make check sets it when valgrind is installed and the
# build has no sanitizers), every case also runs under valgrind, which
# must report no invalid access and no leak.
#
#   run-golden.sh            run the cases
#   run-golden.sh --update   rewrite the .err files from bwc's output
#                            (review the diff before committing it)
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
bwc=$(cd "$top_builddir" && pwd)/compiler/bwc
cd "$top_srcdir" || exit 99

update=no
[ "${1:-}" = --update ] && update=yes
passed=0 failed=0
out=$(mktemp) && trap 'rm -f "$out"' EXIT

expected_status() {
  grep -q '^[^ ]*: error: ' "$1" && echo 1 || echo 0
}

run_case() {
  local case=$1 expect=${1%.bw}.err status
  "$bwc" --check -I tests/diagnostics/lib "$case" >"$out" 2>&1
  status=$?
  if [ "$update" = yes ]; then
    cp "$out" "$expect"
    return 0
  fi
  if ! diff -u "$expect" "$out"; then
    echo "FAIL: $case: output differs from $expect"
    return 1
  fi
  if [ "$status" -ne "$(expected_status "$expect")" ]; then
    echo "FAIL: $case: exit status $status"
    return 1
  fi
}

run_valgrind() {
  $VALGRIND -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=all --show-leak-kinds=all \
    "$bwc" --check -I tests/diagnostics/lib "$1" >/dev/null 2>"$out"
  if [ $? -eq 99 ]; then
    cat "$out"
    echo "FAIL: $1: valgrind reported errors"
    return 1
  fi
}

for case in tests/diagnostics/cases/*.bw; do
  if run_case "$case"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
  if [ "$update" = no ] && [ -n "${VALGRIND:-}" ]; then
    if run_valgrind "$case"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
    fi
  fi
done

echo "golden: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
