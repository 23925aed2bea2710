# Benchmarks: boundwire against protobuf-c and nanopb on the same
# messages, with a memcpy of the bytes as the floor.  `make bench` builds
# and runs them; nothing here is part of `make` or `make check`, and
# configure does not look for the peers: the recipe below checks for them
# when it runs and says what to install.  See bench/README.md.
BENCH_SCHEMAS = idl/examples/record.bw idl/examples/users.bw \
  idl/examples/tree.bw
BENCH_NAMES = record users tree
BENCH_BW_C = bench/gen/record.bw.c bench/gen/users.bw.c bench/gen/tree.bw.c
BENCH_PBC_C = bench/gen/pbc/record.pb-c.c bench/gen/pbc/users.pb-c.c \
  bench/gen/pbc/tree.pb-c.c
BENCH_NANOPB_C = bench/gen/nanopb/record.pb.c bench/gen/nanopb/users.pb.c \
  bench/gen/nanopb/tree.pb.c
BENCH_NANOPB_OPTIONS = bench/nanopb/record.options \
  bench/nanopb/users.options bench/nanopb/tree.options
BENCH_EXES = bench/bwbench$(EXEEXT) bench/bwcount$(EXEEXT) \
  bench/bwcount-norules$(EXEEXT)

# Built only on demand.  The programs link their own static copies of
# the runtime, compiled with the same flags as the peers' libraries get
# from Debian (-O2), so that no call crosses a shared library; the second
# copy has the schema's rules switched off (BW_BENCH_NO_RULES in
# runtime/codec.c) to measure what they cost.
EXTRA_PROGRAMS = bench/bwbench bench/bwcount bench/bwcount-norules
EXTRA_LIBRARIES = bench/libbwrt.a bench/libbwrt-norules.a
BENCH_CPPFLAGS = $(AM_CPPFLAGS) -Ibench/gen

bench_libbwrt_a_SOURCES = $(runtime_libboundwire_la_SOURCES)
bench_libbwrt_a_CPPFLAGS = $(AM_CPPFLAGS)
bench_libbwrt_norules_a_SOURCES = $(runtime_libboundwire_la_SOURCES)
bench_libbwrt_norules_a_CPPFLAGS = $(AM_CPPFLAGS) -DBW_BENCH_NO_RULES

bench_bwbench_SOURCES = bench/bench.c bench/bench.h bench/messages.c \
  bench/peer_pbc.c bench/peer_nanopb.c
nodist_bench_bwbench_SOURCES = $(BENCH_BW_C) $(BENCH_PBC_C) \
  $(BENCH_NANOPB_C)
# Debian's libprotobuf-nanopb is built with PB_ENABLE_MALLOC; the code
# compiled against it must agree.
bench_bwbench_CPPFLAGS = $(BENCH_CPPFLAGS) -Ibench/gen/pbc \
  -Ibench/gen/nanopb -DPB_ENABLE_MALLOC=1
bench_bwbench_LDADD = bench/libbwrt.a -lprotobuf-c -lprotobuf-nanopb -lm

bench_bwcount_SOURCES = bench/count.c bench/bench.h bench/messages.c
nodist_bench_bwcount_SOURCES = $(BENCH_BW_C)
bench_bwcount_CPPFLAGS = $(BENCH_CPPFLAGS)
bench_bwcount_LDADD = bench/libbwrt.a -lm

bench_bwcount_norules_SOURCES = $(bench_bwcount_SOURCES)
nodist_bench_bwcount_norules_SOURCES = $(BENCH_BW_C)
bench_bwcount_norules_CPPFLAGS = $(BENCH_CPPFLAGS)
bench_bwcount_norules_LDADD = bench/libbwrt-norules.a -lm

# bwc writes the C code and the .proto files of the three schemas.
$(BENCH_BW_C): bench/gen/bw.stamp
	@test -f $@ || { rm -f bench/gen/bw.stamp; \
	  $(MAKE) $(AM_MAKEFLAGS) bench/gen/bw.stamp; }

bench/gen/bw.stamp: compiler/bwc$(EXEEXT) $(BENCH_SCHEMAS)
	$(AM_V_GEN)$(MKDIR_P) bench/gen/proto && \
	  for s in $(BENCH_SCHEMAS); do echo $(srcdir)/$$s; done | \
	  xargs compiler/bwc$(EXEEXT) --c-out bench/gen \
	    --proto-out bench/gen/proto -I $(srcdir)/idl/examples && \
	  touch $@

# protoc-c 1.4 refuses proto3 `optional`, which is shorthand for a oneof
# of one field named after it: the files get that spelling, which has the
# same wire format and the same presence.
BENCH_ONEOF_SED = \
  s/^( *)optional ([^ ]+) ([^ ]+) = ([0-9]+);/\1oneof _\3 { \2 \3 = \4; }/
$(BENCH_PBC_C): bench/gen/pbc.stamp
	@test -f $@ || { rm -f bench/gen/pbc.stamp; \
	  $(MAKE) $(AM_MAKEFLAGS) bench/gen/pbc.stamp; }

bench/gen/pbc.stamp: bench/gen/bw.stamp
	$(AM_V_GEN)$(MKDIR_P) bench/gen/pbc-proto bench/gen/pbc && \
	  for n in $(BENCH_NAMES); do \
	    sed -E '$(BENCH_ONEOF_SED)' bench/gen/proto/$$n.proto \
	      > bench/gen/pbc-proto/$$n.proto || exit 1; \
	  done && \
	  cd bench/gen/pbc-proto && \
	  protoc-c --c_out=../pbc record.proto users.proto tree.proto && \
	  cd ../../.. && touch $@

$(BENCH_NANOPB_C): bench/gen/nanopb.stamp
	@test -f $@ || { rm -f bench/gen/nanopb.stamp; \
	  $(MAKE) $(AM_MAKEFLAGS) bench/gen/nanopb.stamp; }

# Debian installs the generator as nanopb_generator.py, pip as
# nanopb_generator.
bench/gen/nanopb.stamp: bench/gen/bw.stamp $(BENCH_NANOPB_OPTIONS)
	$(AM_V_GEN)$(MKDIR_P) bench/gen/nanopb && \
	  gen=`command -v nanopb_generator || command -v nanopb_generator.py` \
	  && cd bench/gen/proto && \
	  "$$gen" -q -D ../nanopb -I $(abs_top_srcdir)/bench/nanopb -I . \
	    record.proto users.proto tree.proto && \
	  cd ../../.. && touch $@

# Stops with a clear message when a peer or a tool is missing.
bench-tools:
	@missing=; \
	command -v protoc-c >/dev/null || missing="$$missing protoc-c"; \
	command -v nanopb_generator >/dev/null || \
	  command -v nanopb_generator.py >/dev/null || \
	  missing="$$missing nanopb_generator"; \
	command -v protoc >/dev/null || missing="$$missing protoc"; \
	echo '#include <protobuf-c/protobuf-c.h>' | \
	  $(CPP) $(CPPFLAGS) - >/dev/null 2>&1 || \
	  missing="$$missing protobuf-c.h"; \
	echo '#include <pb_decode.h>' | $(CPP) $(CPPFLAGS) - >/dev/null 2>&1 || \
	  missing="$$missing pb_decode.h"; \
	if test -n "$$missing"; then \
	  echo "make bench: not found:$$missing" >&2; \
	  echo "make bench: the benchmarks need protobuf-c and nanopb; on" \
	    "Debian: apt-get install protobuf-compiler protobuf-c-compiler" \
	    "libprotobuf-c-dev nanopb libnanopb-dev (or run setup.sh)" >&2; \
	  exit 1; \
	fi

# The generated headers must exist before the first compile, hence the
# steps in order.
bench: bench-tools
	@$(MAKE) $(AM_MAKEFLAGS) bench/gen/bw.stamp bench/gen/pbc.stamp \
	  bench/gen/nanopb.stamp
	@$(MAKE) $(AM_MAKEFLAGS) $(BENCH_EXES)
	@$(SHELL) $(srcdir)/bench/run-bench.sh

.PHONY: bench bench-tools clean-bench-gen
clean-local: clean-bench-gen
clean-bench-gen:
	rm -rf bench/gen
CLEANFILES += $(BENCH_EXES) $(EXTRA_LIBRARIES)
EXTRA_DIST += bench/README.md bench/run-bench.sh $(BENCH_NANOPB_OPTIONS)
