#!/usr/bin/env bash
# Adds up the individual tests behind the last `make check`: the cmocka
# cases, the shell suites' cases and the pytest cases, read from their
# logs, and prints one line, "N passed, M failed".  Run it from the build
# directory.
set -u
shopt -s nullglob
logs=(tests/*/*.log fuzz/*.log)
passed=0 failed=0

add() {
  passed=$((passed + $1))
  failed=$((failed + $2))
}

# cmocka: "[  PASSED  ] 14 test(s)." and "[  FAILED  ] 1 test(s), ..."
while read -r n; do add "$n" 0; done < <(
  sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\./\1/p' "${logs[@]}")
while read -r n; do add 0 "$n"; done < <(
  sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s),.*/\1/p' "${logs[@]}")
# The shell suites: "golden: 83 passed, 0 failed"
while read -r ok bad; do add "$ok" "$bad"; done < <(
  sed -n 's/^[a-z]*: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' \
    "${logs[@]}")
# pytest: "991 passed, 7 xfailed in 0.94s" or "2 failed, 989 passed ..."
while read -r line; do
  ok=$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+')
  bad=$(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+')
  add "${ok:-0}" "${bad:-0}"
done < <(grep -hE '^(=+ )?[0-9]+ (passed|failed).* in [0-9.]+s' \
           "${logs[@]}")
echo "tests: $passed passed, $failed failed"
