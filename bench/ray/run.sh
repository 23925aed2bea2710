#!/bin/sh
# run.sh SRCDIR [bench.py options]: the run behind `make bench-ray`, from
# the top of the build folder once compiler/bwc and bench/python/bwdump
# are built.
#
# 1. bwdump writes the C benchmark's messages.
# 2. `python -m boundwire build` makes the schemas' Python modules.
# 3. bench.py starts Ray sessions of its own, with and without the
#    guard, and prints the round trips and the guard's cost.
set -eu
src=$1
shift
: "${PYTHON:=$src/.venv/bin/python}"
gen=bench/ray/gen
rm -rf "$gen"
mkdir -p "$gen/messages" "$gen/modules"
bench/python/bwdump "$gen/messages"
PYTHONPATH="$src/python${PYTHONPATH:+:$PYTHONPATH}" BWC="$BWC" \
  "$PYTHON" -m boundwire build -I "$src/idl/examples" \
  -o "$gen/modules" "$src/idl/examples/record.bw" \
  "$src/idl/examples/users.bw" >/dev/null
unset RAY_ADDRESS
PYTHONPATH="$src/python:$PWD/$gen/modules:$src/bench/python:$src/bench/ray" \
  RAY_USAGE_STATS_ENABLED=0 PYTHONDONTWRITEBYTECODE=1 exec "$PYTHON" \
  "$src/bench/ray/bench.py" --messages "$gen/messages" \
  --modules "$gen/modules" "$@"
