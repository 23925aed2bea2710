#!/usr/bin/env bash
# Runs one C test suite, under valgrind when $VALGRIND names it.  Test
# programs linked against the shared libboundwire are libtool wrapper
# scripts, so valgrind is started through libtool, which runs it on the
# real binary.
set -u
if [ -z "${VALGRIND:-}" ]; then
  exec "$@"
fi
exec "$top_builddir/libtool" --mode=execute "$VALGRIND" --quiet \
  --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all \
  --show-leak-kinds=all "$@"
