# The Ray benchmark: task round trips of M1 and M2 as boundwire types,
# typed tasks and dataclasses, with and without the guard, and the
# guard's cost per object.  `make bench-ray` builds and runs it; nothing
# here is part of `make` or `make check`.  See bench/README.md.
# BENCH_RAY_ARGS passes options to bench.py: `--sessions 1`.
bench-ray: compiler/bwc$(EXEEXT)
	@$(MAKE) $(AM_MAKEFLAGS) bench/gen/bw.stamp
	@$(MAKE) $(AM_MAKEFLAGS) bench/python/bwdump$(EXEEXT)
	@PYTHON='$(INTEROP_PYTHON_BIN)' BWC='$(abs_top_builddir)/compiler/bwc' \
	  $(SHELL) $(srcdir)/bench/ray/run.sh '$(abs_top_srcdir)' \
	  $(BENCH_RAY_ARGS)

.PHONY: bench-ray
clean-local: clean-bench-ray
clean-bench-ray:
	rm -rf bench/ray/gen
EXTRA_DIST += bench/ray/run.sh bench/ray/bench.py
