# The attack catalogue: hostile inputs from cases.tsv and from
# make_cases.py, through the generated C decoders (run_attacks, whose
# decodes count their work; see fuzz/work_count.h) and through the
# Python modules (test_attacks.py).
ATTACK_SCHEMAS = tests/attacks/schemas/attacks.bw
ATTACK_GEN_C = tests/attacks/gen/attacks.bw.c

$(ATTACK_GEN_C): tests/attacks/gen.stamp
	@test -f $@ || { rm -f tests/attacks/gen.stamp; \
	  $(MAKE) $(AM_MAKEFLAGS) tests/attacks/gen.stamp; }

tests/attacks/gen.stamp: compiler/bwc$(EXEEXT) $(ATTACK_SCHEMAS)
	$(AM_V_GEN)$(MKDIR_P) tests/attacks/gen && \
	  compiler/bwc$(EXEEXT) --c-out tests/attacks/gen \
	    $(srcdir)/$(ATTACK_SCHEMAS) && touch $@

# The runtime and the generated code are compiled into the runner with
# -fsanitize-coverage=trace-pc, so that its decodes can be counted; the
# counter is fuzz/work_count.c, compiled without it.
check_PROGRAMS += tests/attacks/run_attacks
tests_attacks_run_attacks_SOURCES = tests/attacks/run_attacks.c \
  $(runtime_libboundwire_la_SOURCES)
nodist_tests_attacks_run_attacks_SOURCES = $(VECTOR_GEN_C) $(ATTACK_GEN_C)
tests_attacks_run_attacks_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_COUNT_WORK \
  -Itests/vectors/gen -Itests/attacks/gen -I$(top_srcdir)/tests/vectors \
  -I$(top_srcdir)/fuzz
tests_attacks_run_attacks_CFLAGS = $(AM_CFLAGS) -fsanitize-coverage=trace-pc
tests_attacks_run_attacks_LDADD = fuzz/work_count.$(OBJEXT) -lm
tests_attacks_run_attacks_DEPENDENCIES = fuzz/work_count.$(OBJEXT)
BUILT_SOURCES += tests/attacks/gen.stamp
$(tests_attacks_run_attacks_OBJECTS): tests/attacks/gen.stamp \
  tests/vectors/gen.stamp

TESTS += tests/attacks/run-c-attacks.sh tests/attacks/run-python-attacks.sh
CLEANFILES += tests/attacks/gen.stamp
EXTRA_DIST += tests/attacks/README.md tests/attacks/cases.tsv \
  tests/attacks/make_cases.py tests/attacks/run-c-attacks.sh \
  tests/attacks/run-python-attacks.sh tests/attacks/test_attacks.py \
  $(ATTACK_SCHEMAS)

clean-local: clean-attack-gen
clean-attack-gen:
	rm -rf tests/attacks/gen
.PHONY: clean-attack-gen
