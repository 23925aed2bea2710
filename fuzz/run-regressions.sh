#!/usr/bin/env bash
# run-regressions.sh: replays every saved fuzz finding (make check).
#
# Each file under fuzz/regressions/TARGET/ is one input that once made
# TARGET fail; it goes through fuzz/replay_TARGET (the target's code with
# replay_main.c, built by the project's compiler), under valgrind when
# the build has no sanitizers.  A replay that aborts, crashes, reports
# a memory error or (for the codec targets, whose replays count work)
# spends more than linear work on its input fails the suite.  Before
# that, the example schemas and an empty message go through every
# replay, so that the replays are known to work even while no
# regressions are saved.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
passed=0 failed=0

# Runs replay binary $1 over the input files that follow; prints its
# output and returns non-zero when it fails.
replay() {
  local bin=$top_builddir/fuzz/$1 out
  shift
  local run=("$bin")
  if [ -n "${VALGRIND:-}" ]; then
    run=("$VALGRIND" --quiet --error-exitcode=99 --leak-check=full "$bin")
  fi
  if ! out=$("${run[@]}" "$@" 2>&1); then
    printf '%s\n' "$out" | tail -n 30
    return 1
  fi
}

smoke_test() {
  local empty
  empty=$(mktemp) || return 1
  replay replay_bwc "$top_srcdir"/idl/examples/*.bw "$empty" &&
    replay replay_decode "$empty" && replay replay_roundtrip "$empty"
  local status=$?
  rm -f "$empty"
  return $status
}

if ! smoke_test; then
  echo "FAIL: the replays do not run cleanly over known-good inputs"
  failed=$((failed + 1))
fi

for dir in "$top_srcdir"/fuzz/regressions/*/; do
  [ -d "$dir" ] || continue
  target=$(basename "$dir")
  case $target in
    fuzz_bwc) bin=replay_bwc ;;
    fuzz_decode) bin=replay_decode ;;
    fuzz_roundtrip) bin=replay_roundtrip ;;
    # Replayed by make fuzz, which builds its Python modules.
    fuzz_diff) continue ;;
    *)
      echo "FAIL: fuzz/regressions/$target: no such fuzz target"
      failed=$((failed + 1))
      continue ;;
  esac
  for input in "$dir"*; do
    [ -f "$input" ] || continue
    name=fuzz/regressions/$target/$(basename "$input")
    if replay "$bin" "$input"; then
      echo "PASS: $name"
      passed=$((passed + 1))
    else
      echo "FAIL: $name"
      failed=$((failed + 1))
    fi
  done
done

echo "regressions: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
