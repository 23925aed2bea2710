#!/usr/bin/env bash
# The Python bindings: builds the example and vector schemas into
# extension modules with `python -m boundwire build` and runs the pytest
# suite of tests/python against them, with the project's virtualenv.
set -u
. "${top_srcdir:-$(dirname "$0")/../..}/tests/pytest-env.sh"
require_bwc
run_pytest tests/python
