#!/usr/bin/env bash
# Hostile schema files: bwc must answer each with a clear error and exit
# status 1, never a crash, a hang or a flood of output.  The inputs are
# generated here (with fixed seeds) rather than stored, as some are
# megabytes long.
set -u
: "${top_builddir:=$(cd "$(dirname "$0")/../.." && pwd)}"
bwc=$(cd "$top_builddir" && pwd)/compiler/bwc
work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT
passed=0 failed=0

# expect_error NAME PATTERN FILE: bwc exits 1 within 20 seconds, prints
# PATTERN, and prints at most 200 lines.
expect_error() {
  local name=$1 pattern=$2 file=$3 status lines
  timeout 20 "$bwc" --check "$file" >"$work/out" 2>&1
  status=$?
  lines=$(wc -l <"$work/out")
  if [ "$status" -eq 1 ] && grep -q -- "$pattern" "$work/out" &&
     [ "$lines" -le 200 ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name: status $status, $lines lines; expected '$pattern'"
    head -20 "$work/out"
  fi
}

gen() { python3 -c "$1" >"$work/$2"; }

gen 'import random, sys; random.seed(7)
sys.stdout.buffer.write(bytes(random.randrange(256) for _ in range(65536)))' \
  junk.bw
expect_error "binary junk" "error: schema file is not valid UTF-8" \
  "$work/junk.bw"

printf 'package p;\nstruct A {\0\0\0}\n' >"$work/nul.bw"
expect_error "NUL bytes" "error: NUL byte in schema file" "$work/nul.bw"

gen 'import sys; sys.stdout.write("package p;\n" + "// pad\n" * 1500000)' \
  ten-megabytes.bw
expect_error "10 MB file" "larger than 1048576 bytes" "$work/ten-megabytes.bw"

for opener in 'list<' '(' '{'; do
  gen "import sys; sys.stdout.write('package p; struct A { x @1: '
     + '$opener' * 10000 + 'u8' + '>' * 10000 + '; }')" deep.bw
  expect_error "10,000 nested '$opener'" "nesting is too deep" \
    "$work/deep.bw"
done

gen 'import sys; sys.stdout.write("package p;\n" + "struct { }\n" * 50000)' \
  many-errors.bw
expect_error "50,000 errors" "too many errors (limit is 20)" \
  "$work/many-errors.bw"

# Field numbers skip 19000..19999, which the wire format reserves.
gen 'import sys
sys.stdout.write("package p;\nstruct A {\n" + "".join(
  "  f%d @%d: u8;\n" % (i, i if i < 19000 else i + 1000)
  for i in range(1, 50000)) + "  dup @1: u8;\n}\n")' many-fields.bw
expect_error "50,000 fields" "duplicate field number 1" \
  "$work/many-fields.bw"

gen 'import sys
sys.stdout.write("package p;\n" + "".join(
  "struct S%d { x @1: S%d; }\n" % (i, i + 1) for i in range(30000)) +
  "struct S30000 { x @1: S0; }\n")' long-cycle.bw
expect_error "30,000-struct cycle" "no value of it could be encoded" \
  "$work/long-cycle.bw"

expect_error "a directory" "error: cannot read" "$work"
expect_error "a missing file" "error: cannot open" "$work/absent.bw"
expect_error "an endless file" "larger than 1048576 bytes" /dev/zero

echo "hostile: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
