#!/usr/bin/env bash
# run-fuzz.sh: runs every fuzz target for FUZZ_SECONDS (make fuzz).
#
# Run from the build tree, after the targets are built in fuzz/bin.  For
# each target it writes fresh seeds, then runs libFuzzer over a corpus
# kept in fuzz/work/TARGET/corpus, so that later runs start where the
# last one stopped.  A finding (crash, leak, sanitizer report, timeout,
# out-of-memory) leaves its input in fuzz/work/TARGET/artifacts and makes
# the script fail, after every target has had its run.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${FUZZ_SECONDS:=60}"

# name, -max_len, dictionary.  Schemas are text and may be long; wire
# messages beyond 4 KiB reach no code that shorter ones do not.
targets=(
  "fuzz_bwc 65536 bwc.dict"
  "fuzz_decode 4096 wire.dict"
)

write_seeds() {
  local name=$1 dir=$2
  case $name in
    fuzz_bwc)
      find "$top_srcdir/idl" "$top_srcdir/examples" "$top_srcdir/tests" \
        -name '*.bw' -print0 |
        xargs -0 python3 "$top_srcdir/fuzz/make-seeds.py" bwc "$dir" ;;
    fuzz_decode)
      fuzz/list_types >fuzz/work/types.txt &&
        python3 "$top_srcdir/fuzz/make-seeds.py" decode "$dir" \
          fuzz/work/types.txt "$top_srcdir"/tests/vectors/*.json ;;
  esac
}

# The value of libFuzzer's final statistic $2 in log $1.
stat() {
  sed -n "s/^stat::$2: *//p" "$1" | tail -n 1
}

# Prints what a failed run found: libFuzzer's and the sanitizers'
# headline lines, and how to minimize the input.
report_finding() {
  local name=$1 work=$2
  grep -E -e '^==[0-9]+==ERROR|^SUMMARY|runtime error:|^fuzz_decode:' \
    -e 'Test unit written to|deadly signal|ALARM|out-of-memory' \
    "$work/log" | head -n 20 | sed 's/^/  /'
  local a saved=0
  for a in "$work"/artifacts/*; do
    [ -f "$a" ] || continue
    echo "  input: $a"
    echo "  minimize: fuzz/bin/$name -minimize_crash=1 -runs=100000 $a"
    saved=1
  done
  # A crash while libFuzzer reads the corpus saves no input.
  [ "$saved" -eq 1 ] ||
    echo "  no input saved: it is in $work/corpus or $work/seeds"
}

run_target() {
  local name=$1 max_len=$2 dict=$3 work=fuzz/work/$1
  rm -rf "$work/seeds" "$work/artifacts"
  mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts"
  write_seeds "$name" "$work/seeds" >/dev/null || return 1
  local start=$SECONDS status
  "fuzz/bin/$name" -max_total_time="$FUZZ_SECONDS" -max_len="$max_len" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -dict="$top_srcdir/fuzz/$dict" -artifact_prefix="$work/artifacts/" \
    "$work/corpus" "$work/seeds" >"$work/log" 2>&1
  status=$?
  local secs=$((SECONDS - start)) execs
  execs=$(stat "$work/log" number_of_executed_units)
  execs=${execs:-0}
  total_execs=$((total_execs + execs))
  total_secs=$((total_secs + secs))
  printf '%s: %s execs in %s s, corpus %s inputs' "$name" "$execs" \
    "$secs" "$(ls "$work/corpus" | wc -l)"
  if [ "$status" -eq 0 ]; then
    echo ', no findings'
    return 0
  fi
  echo ", FINDING (exit status $status; log in $work/log)"
  report_finding "$name" "$work"
  return 1
}

total_execs=0 total_secs=0 findings=0
for t in "${targets[@]}"; do
  # shellcheck disable=SC2086
  run_target $t || findings=$((findings + 1))
done
echo "fuzz: ${#targets[@]} targets, $total_execs execs in $total_secs s," \
  "$findings with findings"
[ "$findings" -eq 0 ]
