#!/bin/sh
# run.sh SRCDIR: the run behind `make bench-python`, from the top of the
# build folder once compiler/bwc and bench/python/bwdump are built.
#
# 1. bwdump writes the C benchmark's three messages.
# 2. `python -m boundwire build` makes the schemas' Python modules, and
#    protoc the protobuf modules of the .proto files bwc exported.
# 3. bench.py times every peer and prints the table and the goals.
set -eu
src=$1
shift
: "${PYTHON:=$src/.venv/bin/python}"
gen=bench/python/gen
rm -rf "$gen"
mkdir -p "$gen/messages" "$gen/modules" "$gen/pb2"
bench/python/bwdump "$gen/messages"
PYTHONPATH="$src/python${PYTHONPATH:+:$PYTHONPATH}" BWC="$BWC" \
  "$PYTHON" -m boundwire build -I "$src/idl/examples" \
  -o "$gen/modules" "$src/idl/examples/record.bw" \
  "$src/idl/examples/users.bw" "$src/idl/examples/tree.bw"
(cd bench/gen/proto && protoc --python_out="../../../$gen/pb2" \
  record.proto users.proto tree.proto)
PYTHONPATH="$src/python:$gen/modules:$gen/pb2:$src/bench/python" \
  PYTHONDONTWRITEBYTECODE=1 exec "$PYTHON" "$src/bench/python/bench.py" \
  --messages "$gen/messages" "$@"
