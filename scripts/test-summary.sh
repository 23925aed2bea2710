#!/usr/bin/env bash
# Adds up the individual tests behind the last `make check`: the cmocka
# cases and the shell suites' cases, read from their logs, and prints one
# line, "N passed, M failed".
set -u
# Run it from the build directory.
passed=0 failed=0
while read -r count; do
  passed=$((passed + count))
done < <(sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\./\1/p' tests/*/*.log)
while read -r count; do
  failed=$((failed + count))
done < <(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s),.*/\1/p' tests/*/*.log)
while read -r ok bad; do
  passed=$((passed + ok))
  failed=$((failed + bad))
done < <(sed -n 's/^[a-z]*: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' \
           tests/*/*.log)
echo "tests: $passed passed, $failed failed"
