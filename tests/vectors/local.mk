# The shared vector corpus, run through the C code bwc generates for the
# schemas under tests/vectors/schemas.
VECTOR_SCHEMAS = tests/vectors/schemas/scalars.bw
VECTOR_GEN_C = tests/vectors/gen/scalars.bw.c

$(VECTOR_GEN_C): tests/vectors/gen.stamp
	@test -f $@ || { rm -f tests/vectors/gen.stamp; \
	  $(MAKE) $(AM_MAKEFLAGS) tests/vectors/gen.stamp; }

tests/vectors/gen.stamp: compiler/bwc$(EXEEXT) $(VECTOR_SCHEMAS)
	$(AM_V_GEN)$(MKDIR_P) tests/vectors/gen && \
	  for s in $(VECTOR_SCHEMAS); do echo $(srcdir)/$$s; done | \
	  xargs compiler/bwc$(EXEEXT) --c-out tests/vectors/gen \
	    -I $(srcdir)/tests/vectors/schemas && touch $@

check_PROGRAMS += tests/vectors/run_vectors
tests_vectors_run_vectors_SOURCES = tests/vectors/run_vectors.c \
  tests/vectors/vectors.h
nodist_tests_vectors_run_vectors_SOURCES = $(VECTOR_GEN_C)
tests_vectors_run_vectors_CPPFLAGS = $(AM_CPPFLAGS) -Itests/vectors/gen
tests_vectors_run_vectors_LDADD = runtime/libboundwire.la -lm
TESTS += tests/vectors/run-c-vectors.sh
CLEANFILES += tests/vectors/gen.stamp
# The runner includes the generated headers: make them first.
BUILT_SOURCES += tests/vectors/gen.stamp
EXTRA_DIST += tests/vectors/run-c-vectors.sh tests/vectors/lines.py \
  $(VECTOR_SCHEMAS) tests/vectors/scalars.json

clean-local: clean-vector-gen
clean-vector-gen:
	rm -rf tests/vectors/gen
.PHONY: clean-vector-gen
