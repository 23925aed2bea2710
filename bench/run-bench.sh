#!/bin/sh
# run-bench.sh: the run behind `make bench`, from the top of the build
# folder once bench/bwbench, bench/bwcount and bench/bwcount-norules are
# built.
#
# 1. bench/bwbench times boundwire, protobuf-c, nanopb and memcpy on the
#    same messages and prints the table and the timing goals.
# 2. callgrind counts the instructions of boundwire decodes with the
#    schema's rules checked (bwcount) and not (bwcount-norules).
# 3. The goals, met or missed, are listed together at the end.
set -u
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT

bench/bwbench | tee "$work/timing" || exit 1
grep '^goal:' "$work/timing" > "$work/goals"

# count PROGRAM MSG N: instructions of N decodes of MSG.
count() {
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" \
    --collect-atstart=no --toggle-collect=bench_count_decodes \
    "$1" "$2" "$3" > /dev/null 2> "$work/cg.log" || {
    cat "$work/cg.log" >&2
    return 1
  }
  sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$work/cg.out"
}

echo
echo "Instructions per boundwire decode (callgrind, copy mode): rules"
echo "checked, and not (runtime built with BW_BENCH_NO_RULES; wire checks"
echo "and UTF-8 stay):"
if command -v valgrind > /dev/null; then
  printf '%-4s %8s %14s %14s %10s\n' msg decodes "rules on" "rules off" \
    "rules add"
  for run in "M1 2000" "M2 10" "M4 100"; do
    set -- $run
    on=$(count bench/bwcount "$1" "$2") || exit 1
    off=$(count bench/bwcount-norules "$1" "$2") || exit 1
    echo "$1 $2 $on $off" >> "$work/counts"
  done
  # Per decode, and the share the rules add, in percent; then the goal,
  # judged on the message where the rules cost the most.
  awk -v goals="$work/goals" '{
    add = ($3 / $4 - 1) * 100
    printf "%-4s %8d %14.0f %14.0f %+9.1f%%\n", $1, $2, $3 / $2, $4 / $2, add
    if (NR == 1 || add > worst) { worst = add; at = $1 }
  } END {
    verdict = worst <= 10 ? "met" : "missed"
    printf "goal: rule checks add <= 10%% to decode instructions: %s" \
      " (%.1f%% on %s, the worst; target 10%%)\n", verdict, worst, at \
      >> goals
  }' "$work/counts"
else
  echo "valgrind not found: instruction counts skipped"
  echo "goal: rule checks add <= 10% to decode instructions: not measured" \
    "(valgrind not found)" >> "$work/goals"
fi

echo
echo "Goals:"
cat "$work/goals"
