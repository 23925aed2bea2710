#!/usr/bin/env bash
# Golden tests for `bwc --proto-out`, run from the top of the source tree.
#
# Each set below exports schemas into a fresh folder; every .proto written
# must equal golden/SET/NAME.proto byte for byte, and no file may be
# missing or extra.  When protoc is on PATH, it must accept each set, which
# proves the export is valid protobuf.  Each errors/NAME.bw has names that
# protobuf cannot tell apart: bwc must print errors/NAME.err, exit 1 and
# write nothing.
#
#   run-proto.sh            run the tests
#   run-proto.sh --update   rewrite the golden files from bwc's output
#                           (review the diff before committing it)
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
bwc=$(cd "$top_builddir" && pwd)/compiler/bwc
cd "$top_srcdir" || exit 99

update=no
[ "${1:-}" = --update ] && update=yes
passed=0 failed=0
work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT
golden_root=tests/proto/golden

ok() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# Compares the files of folder $2 with the golden folder of set $1.
compare() {
  local set=$1 out=$2 golden=$golden_root/$1 f name
  for f in "$golden"/*.proto; do
    name=${f##*/}
    if [ ! -f "$out/$name" ]; then
      fail "$set: bwc did not write $name"
    elif diff -u "$f" "$out/$name"; then
      ok
    else
      fail "$set: $name differs from $f"
    fi
  done
  for f in "$out"/*.proto; do
    [ -f "$golden/${f##*/}" ] || fail "$set: unexpected ${f##*/}"
  done
}

# protoc builds a descriptor set from every file of folder $2.
validate() {
  command -v protoc >/dev/null || return 0
  if protoc --proto_path="$2" --descriptor_set_out=/dev/null "$2"/*.proto
  then
    ok
  else
    fail "$1: protoc refused the output"
  fi
}

# export SET ARGS...: exports the schemas ARGS name into a fresh folder.
export_set() {
  local set=$1 out=$work/$1 status
  shift
  mkdir -p "$out"
  "$bwc" --proto-out "$out" "$@" 2>"$work/stderr"
  status=$?
  if [ "$status" -ne 0 ]; then
    cat "$work/stderr"
    fail "$set: bwc exited with status $status"
    return
  fi
  if [ "$update" = yes ]; then
    rm -rf "${golden_root:?}/$set" && mkdir -p "$golden_root/$set" &&
      cp "$out"/*.proto "$golden_root/$set/"
    return
  fi
  compare "$set" "$out"
  validate "$set" "$out"
}

# A schema protobuf cannot express: the diagnostics, status 1, no output.
error_case() {
  local case=$1 expect=${1%.bw}.err out=$work/${1##*/} status
  mkdir -p "$out"
  "$bwc" --proto-out "$out" "$case" >"$work/stderr" 2>&1
  status=$?
  if [ "$update" = yes ]; then
    cp "$work/stderr" "$expect"
    return
  fi
  if ! diff -u "$expect" "$work/stderr"; then
    fail "$case: output differs from $expect"
  elif [ "$status" -ne 1 ]; then
    fail "$case: exit status $status, not 1"
  elif [ -n "$(ls -A "$out")" ]; then
    fail "$case: bwc wrote files despite the errors"
  else
    ok
  fi
}

export_set idl -I idl/examples idl/examples/*.bw
export_set shop -I examples/shop examples/shop/shop.bw
export_set everything -I tests/proto/schemas \
  tests/proto/schemas/everything.bw
for case in tests/proto/errors/*.bw; do
  error_case "$case"
done

echo "proto: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
