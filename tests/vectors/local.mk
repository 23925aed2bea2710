# The shared vector corpus, run through the C code bwc generates for the
# schemas under tests/vectors/schemas.
VECTOR_SCHEMAS = tests/vectors/schemas/scalars.bw \
  tests/vectors/schemas/ints.bw tests/vectors/schemas/floats.bw \
  tests/vectors/schemas/strings.bw tests/vectors/schemas/lists.bw \
  tests/vectors/schemas/maps.bw tests/vectors/schemas/unions.bw \
  tests/vectors/schemas/nested.bw tests/vectors/schemas/limited.bw \
  tests/vectors/schemas/enums.bw tests/vectors/schemas/optionals.bw \
  tests/vectors/schemas/defaults.bw tests/vectors/schemas/wire.bw
VECTOR_GEN_C = tests/vectors/gen/scalars.bw.c tests/vectors/gen/ints.bw.c \
  tests/vectors/gen/floats.bw.c tests/vectors/gen/strings.bw.c \
  tests/vectors/gen/lists.bw.c tests/vectors/gen/maps.bw.c \
  tests/vectors/gen/unions.bw.c tests/vectors/gen/nested.bw.c \
  tests/vectors/gen/limited.bw.c tests/vectors/gen/enums.bw.c \
  tests/vectors/gen/optionals.bw.c tests/vectors/gen/defaults.bw.c \
  tests/vectors/gen/wire.bw.c
VECTOR_JSON = tests/vectors/scalars.json tests/vectors/ints.json \
  tests/vectors/floats.json tests/vectors/strings.json \
  tests/vectors/lists.json tests/vectors/maps.json tests/vectors/unions.json \
  tests/vectors/nested.json tests/vectors/limited.json \
  tests/vectors/enums.json tests/vectors/optionals.json \
  tests/vectors/defaults.json tests/vectors/wire.json

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
# The runner includes the generated headers: make them first, also when
# the runner alone is asked for.
BUILT_SOURCES += tests/vectors/gen.stamp
$(tests_vectors_run_vectors_OBJECTS): tests/vectors/gen.stamp
EXTRA_DIST += tests/vectors/run-c-vectors.sh tests/vectors/lines.py \
  tests/vectors/wire.py tests/vectors/make_vectors.py \
  tests/vectors/README.md $(VECTOR_SCHEMAS) $(VECTOR_JSON)

clean-local: clean-vector-gen
clean-vector-gen:
	rm -rf tests/vectors/gen
.PHONY: clean-vector-gen
