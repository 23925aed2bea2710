#!/usr/bin/env bash
# run-fuzz.sh: runs every fuzz target for FUZZ_SECONDS (make fuzz).
#
# Run from the build tree, after the targets are built in fuzz/bin.  For
# each target it writes fresh seeds, then runs libFuzzer over a corpus
# kept in fuzz/work/TARGET/corpus, so that later runs start where the
# last one stopped.  FUZZ_JOBS targets run at a time (one per core by
# default).  A finding (crash, leak, sanitizer report, timeout,
# out-of-memory, a failed check of the Python target) leaves its input
# in fuzz/work/TARGET/artifacts and makes the script fail, after every
# target has had its run.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${FUZZ_SECONDS:=60}"
: "${FUZZ_JOBS:=$(nproc 2>/dev/null || echo 1)}"
: "${FUZZ_PYTHON:=$top_srcdir/.venv/bin/python}"

# name, -max_len, dictionary.  Schemas are text and may be long; wire
# messages beyond 4 KiB reach no code that shorter ones do not.
targets=(
  "fuzz_bwc 65536 bwc.dict"
  "fuzz_decode 4096 wire.dict"
  "fuzz_roundtrip 4096 wire.dict"
  "fuzz_diff 4096 wire.dict"
)

# Sets cmd to the command that runs target $1.  fuzz_diff is Python
# under atheris; its C half and modules are instrumented for the
# libFuzzer and AddressSanitizer runtime that atheris ships, which must
# be loaded first.  What Python leaves allocated at exit is no leak of
# the code under test.
set_command() {
  if [ "$1" != fuzz_diff ]; then
    cmd=("fuzz/bin/$1")
    return
  fi
  local site
  site=$("$FUZZ_PYTHON" -c 'import atheris; print(atheris.path())') ||
    return 1
  cmd=(env LD_PRELOAD="$site/asan_with_fuzzer.so"
       ASAN_OPTIONS=detect_leaks=0 PYTHONPATH="$top_srcdir/python"
       "$FUZZ_PYTHON" "$top_srcdir/fuzz/fuzz_diff.py"
       fuzz/bin/libfuzz_diff.so fuzz/bin/pymodules)
}

write_seeds() {
  local name=$1 dir=$2
  case $name in
    fuzz_bwc)
      find "$top_srcdir/idl" "$top_srcdir/examples" "$top_srcdir/tests" \
        -name '*.bw' -print0 |
        xargs -0 python3 "$top_srcdir/fuzz/make-seeds.py" bwc "$dir" ;;
    *)
      fuzz/list_types >"$dir.types" &&
        python3 "$top_srcdir/fuzz/make-seeds.py" decode "$dir" \
          "$dir.types" "$top_srcdir"/tests/vectors/*.json ;;
  esac
}

# The value of libFuzzer's final statistic $2 in log $1.
stat() {
  sed -n "s/^stat::$2: *//p" "$1" | tail -n 1
}

# Prints what a failed run found: libFuzzer's, the sanitizers' and the
# Python target's headline lines, and how to minimize the input.
report_finding() {
  local work=$1
  grep -E -e '^==[0-9]+==ERROR|^SUMMARY|runtime error:|^fuzz: ' \
    -e 'Test unit written to|deadly signal|ALARM|out-of-memory' \
    -e '^(AssertionError|[A-Za-z]*Error):' \
    "$work/log" | head -n 20 | sed 's/^/  /'
  local a saved=0
  for a in "$work"/artifacts/*; do
    [ -f "$a" ] || continue
    echo "  input: $a"
    echo "  minimize: ${cmd[*]} -minimize_crash=1 -runs=100000 $a"
    saved=1
  done
  # A crash while libFuzzer reads the corpus saves no input.
  [ "$saved" -eq 1 ] ||
    echo "  no input saved: it is in $work/corpus or $work/seeds"
}

# Runs target $1 and writes its report to fuzz/work/$1/report: a first
# line "EXECS SECS STATUS", then what to print.
run_target() {
  local name=$1 max_len=$2 dict=$3 work=fuzz/work/$1
  rm -rf "$work/seeds" "$work/artifacts"
  mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts"
  # The target's saved findings are run first, as corpus: they are all
  # that replays fuzz_diff's, which make check does not build.
  local saved=()
  [ -d "$top_srcdir/fuzz/regressions/$name" ] &&
    saved=("$top_srcdir/fuzz/regressions/$name")
  local cmd start=$SECONDS status=0
  { set_command "$name" && write_seeds "$name" "$work/seeds" >/dev/null &&
    "${cmd[@]}" -max_total_time="$FUZZ_SECONDS" -max_len="$max_len" \
      -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -dict="$top_srcdir/fuzz/$dict" -artifact_prefix="$work/artifacts/" \
      "$work/corpus" "$work/seeds" "${saved[@]}"; } >"$work/log" 2>&1 ||
    status=$?
  local secs=$((SECONDS - start)) execs
  execs=$(stat "$work/log" number_of_executed_units)
  {
    echo "${execs:-0} $secs $status"
    printf '%s: %s execs in %s s, corpus %s inputs' "$name" "${execs:-0}" \
      "$secs" "$(ls "$work/corpus" | wc -l)"
    if [ "$status" -eq 0 ]; then
      echo ', no findings'
    else
      echo ", FINDING (exit status $status; log in $work/log)"
      report_finding "$work"
    fi
  } >"$work/report"
}

running=0
for t in "${targets[@]}"; do
  # shellcheck disable=SC2086
  run_target $t &
  running=$((running + 1))
  if [ "$running" -ge "$FUZZ_JOBS" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait

total_execs=0 total_secs=0 findings=0
for t in "${targets[@]}"; do
  report=fuzz/work/${t%% *}/report
  read -r execs secs status <"$report"
  tail -n +2 "$report"
  total_execs=$((total_execs + execs))
  total_secs=$((total_secs + secs))
  [ "$status" -eq 0 ] || findings=$((findings + 1))
done
echo "fuzz: ${#targets[@]} targets, $total_execs execs in $total_secs s" \
  "of fuzzing, $findings with findings"
[ "$findings" -eq 0 ]
