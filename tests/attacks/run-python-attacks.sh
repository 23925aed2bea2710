#!/usr/bin/env bash
# The attack catalogue through the Python modules: test_attacks.py under
# pytest, with the project's virtualenv.  The generated cases are written
# first, as for the C runner.
set -u
. "${top_srcdir:-$(dirname "$0")/../..}/tests/pytest-env.sh"
require_bwc
ATTACKS_GENERATED=$(mktemp) || exit 99
trap 'rm -f "$ATTACKS_GENERATED"' EXIT
python3 "$top_srcdir/tests/attacks/make_cases.py" \
  "$top_builddir/tests/vectors/run_vectors" "$ATTACKS_GENERATED" || exit 1
export ATTACKS_GENERATED
cd "$top_srcdir" || exit 99
PYTHONDONTWRITEBYTECODE=1 "$python" -m pytest -q -p no:cacheprovider \
  tests/attacks/test_attacks.py
