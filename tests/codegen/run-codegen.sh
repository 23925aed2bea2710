#!/usr/bin/env bash
# Golden files for the C that bwc generates, and a compile of it.
#
# For each set below, `bwc --c-out` must write exactly the files under
# tests/codegen/golden/SET, byte for byte, so that any change to the
# generated code shows in review.  Each generated .c file must then
# compile with $CC (the project's compiler) as C11 with -pedantic and
# every warning an error.
#
#   run-codegen.sh            compare and compile
#   run-codegen.sh --update   rewrite the golden files (review the diff)
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${CC:=cc}"
bwc=$(cd "$top_builddir" && pwd)/compiler/bwc
top_srcdir=$(cd "$top_srcdir" && pwd)   # make runs tests with it relative
cd "$top_srcdir" || exit 99
work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT
update=no
[ "${1:-}" = --update ] && update=yes
passed=0 failed=0

check() {
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

compare_set() {
  local set=$1 out=$2 golden=tests/codegen/golden/$1
  if [ "$update" = yes ]; then
    rm -rf "$golden" && mkdir -p "$golden" && cp "$out"/* "$golden"/
    return 0
  fi
  if ! diff -ru "$golden" "$out"; then
    echo "FAIL: generated C for $set differs from $golden"
    return 1
  fi
}

compile_file() {
  # shellcheck disable=SC2086
  if ! $CC -std=c11 -pedantic -Wall -Wextra -Werror -Wshadow \
       -Wstrict-prototypes -Wmissing-prototypes -I"$top_srcdir/runtime" \
       -I"$(dirname "$1")" -c "$1" -o "$work/out.o"; then
    echo "FAIL: $1 does not compile cleanly with $CC"
    return 1
  fi
}

run_set() {
  local set=$1 out=$work/$1
  shift
  mkdir -p "$out"
  if ! "$bwc" --c-out "$out" "$@" 2>"$work/stderr" ||
     grep -q 'error:' "$work/stderr"; then
    cat "$work/stderr"
    echo "FAIL: bwc could not generate $set"
    failed=$((failed + 1))
    return
  fi
  check compare_set "$set" "$out"
  [ "$update" = yes ] && return
  for c in "$out"/*.bw.c; do
    check compile_file "$c"
  done
}

run_set examples -I idl/examples idl/examples/*.bw
run_set everything -I tests/proto/lib tests/proto/schemas/everything.bw

echo "codegen: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
