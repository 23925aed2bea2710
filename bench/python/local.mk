# The Python benchmark: boundwire's generated Python types against
# pickle, msgspec, protobuf (upb) and pydantic, on the messages of the C
# benchmark.  `make bench-python` builds and runs it; nothing here is
# part of `make` or `make check`.  See bench/README.md.

# Writes the C benchmark's messages to files, for Python to decode.
EXTRA_PROGRAMS += bench/python/bwdump
bench_python_bwdump_SOURCES = bench/python/dump.c bench/bench.h \
  bench/messages.c
nodist_bench_python_bwdump_SOURCES = $(BENCH_BW_C)
bench_python_bwdump_CPPFLAGS = $(BENCH_CPPFLAGS)
bench_python_bwdump_LDADD = bench/libbwrt.a -lm

# The generated C headers must exist before the first compile.
# BENCH_PYTHON_ARGS passes options to bench.py: `--rounds 11`.
bench-python: compiler/bwc$(EXEEXT)
	@command -v protoc >/dev/null || { \
	  echo "make bench-python: protoc not found; on Debian:" \
	    "apt-get install protobuf-compiler (or run setup.sh)" >&2; \
	  exit 1; }
	@$(MAKE) $(AM_MAKEFLAGS) bench/gen/bw.stamp
	@$(MAKE) $(AM_MAKEFLAGS) bench/python/bwdump$(EXEEXT)
	@PYTHON='$(INTEROP_PYTHON_BIN)' BWC='$(abs_top_builddir)/compiler/bwc' \
	  $(SHELL) $(srcdir)/bench/python/run.sh '$(abs_top_srcdir)' \
	  $(BENCH_PYTHON_ARGS)

.PHONY: bench-python
clean-local: clean-bench-python
clean-bench-python:
	rm -rf bench/python/gen
CLEANFILES += bench/python/bwdump$(EXEEXT)
EXTRA_DIST += bench/python/run.sh bench/python/bench.py \
  bench/python/peers.py
