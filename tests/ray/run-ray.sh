#!/usr/bin/env bash
# The Ray integration: runs the pytest suite of tests/ray with the
# project's virtualenv.  The suite builds the shop schema with `python -m
# boundwire build`, then starts and stops local Ray instances of its own
# (two CPUs, loopback, no dashboard).  No usage reports, and never a
# cluster named by the caller's environment.
set -u
. "${top_srcdir:-$(dirname "$0")/../..}/tests/pytest-env.sh"
require_bwc
unset RAY_ADDRESS
export RAY_USAGE_STATS_ENABLED=0
run_pytest tests/ray
