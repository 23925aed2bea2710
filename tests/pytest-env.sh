# pytest-env.sh: what the scripts that run a pytest suite share; they
# source it.  It makes top_srcdir and top_builddir absolute (the suites
# run from the source tree) and exports them, and sets python to the
# project's virtualenv, which setup.sh makes.  A distcheck build has no
# virtualenv in its unpacked tree: the make that started it names the
# one to use in INTEROP_PYTHON_BIN.  Without it a suite fails rather
# than skips, since a skipped suite would pass unnoticed.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
top_srcdir=$(cd "$top_srcdir" && pwd)
top_builddir=$(cd "$top_builddir" && pwd)
python=${INTEROP_PYTHON_BIN:-$top_srcdir/.venv/bin/python}
export top_srcdir top_builddir

if [ ! -x "$python" ]; then
  echo "FAIL: no Python virtualenv at $python; run ./setup.sh first"
  exit 1
fi

# Fails the suite when the build has no bwc.
require_bwc() {
  if [ ! -x "$top_builddir/compiler/bwc" ]; then
    echo "FAIL: no bwc at $top_builddir/compiler/bwc; run make first"
    exit 1
  fi
}

# Runs pytest over the suites named, from the top of the source tree,
# with no cache and no bytecode: the source tree may be read-only.
run_pytest() {
  cd "$top_srcdir" || exit 99
  PYTHONDONTWRITEBYTECODE=1 exec "$python" -m pytest -q \
    -p no:cacheprovider "$@"
}
