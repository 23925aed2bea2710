#!/usr/bin/env bash
# setup.sh: make a fresh Debian 12 machine ready, build everything and
# run the main example.  Safe to run again: it installs only what is
# missing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")"

DEBIAN_PACKAGES=(
  build-essential autoconf automake libtool pkg-config
  flex bison libcmocka-dev valgrind clang libclang-rt-14-dev python3-venv
  man-db
  protobuf-compiler protobuf-c-compiler libprotobuf-c-dev nanopb libnanopb-dev
)

log() { printf '==> %s\n' "$*"; }

missing_packages() {
  local pkg
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null |
      grep -q "install ok installed" || printf '%s\n' "$pkg"
  done
}

install_debian_packages() {
  command -v dpkg-query >/dev/null || return 0
  local missing
  missing=$(missing_packages)
  [ -n "$missing" ] || return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages (run as root to install):" $missing
    exit 1
  fi
  log "installing Debian packages:" $missing
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

install_python_packages() {
  if [ ! -x .venv/bin/python ]; then
    log "creating the project virtualenv in .venv"
    python3 -m venv .venv
  fi
  # Reinstall only when the pinned list changed since the last run.
  if ! cmp -s requirements.txt .venv/requirements.installed; then
    log "installing Python packages from requirements.txt"
    .venv/bin/python -m pip install -q --disable-pip-version-check \
      -r requirements.txt
    cp requirements.txt .venv/requirements.installed
  fi
}

build() {
  if [ ! -x configure ] || [ configure.ac -nt configure ]; then
    log "generating the build system"
    autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
  fi
  if [ ! -f Makefile ] || [ configure -nt config.status ]; then
    log "configuring"
    ./configure --quiet PYTHON="$PWD/.venv/bin/python"
  fi
  log "building"
  make -s -j"$(nproc)"
}

run_example() {
  log "example: bwc checks the example schemas"
  compiler/bwc --check --verbose -I examples/shop examples/shop/shop.bw
  compiler/bwc --check --verbose -I idl/examples idl/examples/*.bw
  log "example: the shop order in C (examples/shop/demo.c)"
  examples/shop/demo
  log "example: the shop order in Python (examples/shop/demo.py)"
  BWC=compiler/bwc PYTHONPATH=python .venv/bin/python -m boundwire build \
    -I examples/shop examples/shop/shop.bw -o examples/shop/python
  PYTHONPATH=python:examples/shop/python .venv/bin/python examples/shop/demo.py
  log "example: the order service on a local Ray (examples/shop/pipeline.py)"
  RAY_USAGE_STATS_ENABLED=0 PYTHONPATH=python .venv/bin/python \
    examples/shop/pipeline.py --modules examples/shop/python
}

install_debian_packages
install_python_packages
build
run_example
log "ready: run 'make check' for the test suites"
