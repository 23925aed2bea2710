#!/usr/bin/env bash
# The vector corpus against the official protobuf runtime: runs the
# pytest suite of tests/interop with the project's virtualenv.  setup.sh
# installs protoc; without it the suite fails rather than skips, since a
# skipped interop check would pass unnoticed.
set -u
. "${top_srcdir:-$(dirname "$0")/../..}/tests/pytest-env.sh"
if ! command -v protoc >/dev/null; then
  echo "FAIL: protoc is not installed; run ./setup.sh first"
  exit 1
fi
run_pytest tests/interop
