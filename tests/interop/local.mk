# The vector corpus against the official protobuf runtime (pytest, in
# the virtualenv setup.sh makes).  It needs bwc and the vector runner.
TESTS += tests/interop/run-interop.sh
EXTRA_DIST += tests/interop/run-interop.sh tests/interop/pbcorpus.py \
  tests/interop/test_interop.py

# The suite runs with the source tree's virtualenv.  A distcheck build
# unpacks a tree without one, so the make that starts it passes its own
# down to the make that runs the checks.
INTEROP_PYTHON_BIN = $(abs_top_srcdir)/.venv/bin/python
AM_MAKEFLAGS = INTEROP_PYTHON_BIN='$(INTEROP_PYTHON_BIN)'
AM_TESTS_ENVIRONMENT += INTEROP_PYTHON_BIN='$(INTEROP_PYTHON_BIN)'; \
  export INTEROP_PYTHON_BIN;
