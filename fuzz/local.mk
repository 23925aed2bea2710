# Fuzzing.  `make fuzz` builds the libFuzzer targets with clang and runs
# each for FUZZ_SECONDS; a crash, a leak, a sanitizer report, a timeout
# or running out of memory fails it (see fuzz/run-fuzz.sh).  Fuzzing is
# not part of `make check`: that only replays the findings saved under
# fuzz/regressions, through plain builds of the same targets
# (fuzz/run-regressions.sh).
#
#   fuzz_bwc     any bytes as a schema file, through bwc's front end
#   fuzz_decode     any bytes through the decoders bwc generates for
#                   the schemas under tests/vectors/schemas,
#                   tests/attacks/schemas and idl/examples, with
#                   copy/view/strict cross-checks
#   fuzz_roundtrip  the same decoders: decode, encode, decode again
#                   must agree
#   fuzz_diff       the same decoders in C and through the Python
#                   modules of the same schemas, under atheris: the
#                   verdicts, errors and re-encoded bytes must agree

# configure may have picked gcc as CC; libFuzzer needs clang.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -g -O1 -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_CPPFLAGS = -I$(top_builddir) -I$(top_srcdir)/runtime \
  -I$(top_srcdir)/compiler -I$(top_builddir)/compiler \
  -I$(top_srcdir)/fuzz
# The folder fuzz_bwc looks in for imports (see fuzz_bwc.c).
FUZZ_IMPORT_DIR = -DFUZZ_IMPORT_DIR='"$(abs_top_srcdir)/idl/examples"'
FUZZ_GEN = fuzz/gen/decode

# Prints the .c files among $$files, each where it lies: in the build
# tree when it is generated there, in the source tree otherwise.
FUZZ_C_FILES = for f in $$files; do case $$f in *.c) \
  if test -f $$f; then echo $$f; else echo $(srcdir)/$$f; fi;; \
  esac; done

# The targets compile the sources they test directly rather than link
# the project's libraries: those are built by CC, which may not be clang,
# and without the coverage instrumentation libFuzzer steers by.
fuzz/bin/fuzz_bwc: fuzz/fuzz_bwc.c fuzz/fuzz.h \
    $(compiler_libbwc_a_SOURCES) $(nodist_compiler_libbwc_a_SOURCES)
	$(AM_V_GEN)$(MKDIR_P) fuzz/bin && \
	  files="fuzz/fuzz_bwc.c $(compiler_libbwc_a_SOURCES) \
	    $(nodist_compiler_libbwc_a_SOURCES)" && \
	  $(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_IMPORT_DIR) $(BW_CFLAGS) \
	    $(FUZZ_FLAGS) -o $@ `$(FUZZ_C_FILES)`

# What the two codec targets share, beside their own file.
FUZZ_CODEC_DEPS = fuzz/gen/decode.stamp fuzz/fuzz.h fuzz/fuzz_codec.c \
  fuzz/fuzz_codec.h fuzz/fuzz_types.h fuzz/work_count.h \
  $(runtime_libboundwire_la_SOURCES)
FUZZ_CODEC_FILES = fuzz/fuzz_codec.c $(runtime_libboundwire_la_SOURCES)
FUZZ_CODEC_LINK = $(FUZZ_CC) -I$(FUZZ_GEN) $(FUZZ_CPPFLAGS) $(BW_CFLAGS) \
  $(FUZZ_FLAGS) -o $@ `$(FUZZ_C_FILES)` $(FUZZ_GEN)/*.c -lm

fuzz/bin/fuzz_decode: fuzz/fuzz_decode.c $(FUZZ_CODEC_DEPS)
	$(AM_V_GEN)$(MKDIR_P) fuzz/bin && \
	  files="fuzz/fuzz_decode.c $(FUZZ_CODEC_FILES)" && $(FUZZ_CODEC_LINK)

fuzz/bin/fuzz_roundtrip: fuzz/fuzz_roundtrip.c $(FUZZ_CODEC_DEPS)
	$(AM_V_GEN)$(MKDIR_P) fuzz/bin && \
	  files="fuzz/fuzz_roundtrip.c $(FUZZ_CODEC_FILES)" && \
	  $(FUZZ_CODEC_LINK)

# Which schemas exist is known only now, so the generated code is not a
# list of sources automake could track.  gen-decode.sh runs every time
# and touches the stamp only when its output changed.
fuzz/gen/decode.stamp: compiler/bwc$(EXEEXT) fuzz-force
	$(AM_V_GEN)$(MKDIR_P) fuzz/gen && \
	  $(SHELL) $(srcdir)/fuzz/gen-decode.sh compiler/bwc$(EXEEXT) \
	    $(srcdir) $(FUZZ_GEN)

# Prints the types fuzz_decode selects from, for the seed script.
fuzz/list_types$(EXEEXT): fuzz/gen/decode.stamp fuzz/list_types.c \
    fuzz/fuzz_types.h $(runtime_libboundwire_la_SOURCES)
	$(AM_V_CCLD)files="fuzz/list_types.c \
	    $(runtime_libboundwire_la_SOURCES)" && \
	  $(CC) -I$(FUZZ_GEN) $(DEFS) $(AM_CPPFLAGS) -I$(top_srcdir)/fuzz \
	    $(CPPFLAGS) $(AM_CFLAGS) $(CFLAGS) $(AM_LDFLAGS) $(LDFLAGS) \
	    -o $@ `$(FUZZ_C_FILES)` $(FUZZ_GEN)/*.c -lm

# fuzz_diff's C half: a shared library the Python half loads, with the
# sanitizers' and libFuzzer's runtimes left to the preloaded library
# that atheris ships (run-fuzz.sh).
fuzz/bin/libfuzz_diff.so: fuzz/fuzz_diff_lib.c $(FUZZ_CODEC_DEPS)
	$(AM_V_GEN)$(MKDIR_P) fuzz/bin && \
	  files="fuzz/fuzz_diff_lib.c $(FUZZ_CODEC_FILES)" && \
	  $(FUZZ_CC) -shared -fPIC -I$(FUZZ_GEN) $(FUZZ_CPPFLAGS) \
	    $(BW_CFLAGS) $(FUZZ_DIFF_FLAGS) -o $@ `$(FUZZ_C_FILES)` \
	    $(FUZZ_GEN)/*.c -lm

# Its Python half: the modules of the schemas gen-decode.sh compiles,
# built by clang with the same instrumentation.
FUZZ_DIFF_FLAGS = -g -O1 -fno-omit-frame-pointer \
  -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_PYTHON_BIN = $(INTEROP_PYTHON_BIN)
fuzz/bin/pymodules.stamp: fuzz/gen/decode.stamp \
    $(runtime_libboundwire_la_SOURCES) \
    $(srcdir)/python/boundwire/csrc/bwpy.c \
    $(srcdir)/python/boundwire/csrc/bwpy.h \
    $(srcdir)/python/boundwire/_build.py
	$(AM_V_GEN)rm -rf fuzz/bin/pymodules && $(MKDIR_P) fuzz/bin && \
	  CC='$(FUZZ_CC)' CFLAGS='$(FUZZ_DIFF_FLAGS)' \
	  BWC='$(abs_top_builddir)/compiler/bwc$(EXEEXT)' \
	  PYTHONPATH='$(abs_top_srcdir)/python' $(FUZZ_PYTHON_BIN) -m boundwire \
	    build -o fuzz/bin/pymodules \
	    -I $(srcdir)/tests/vectors/schemas -I $(srcdir)/idl/examples \
	    $(srcdir)/tests/vectors/schemas/*.bw \
	    $(srcdir)/tests/attacks/schemas/*.bw $(srcdir)/idl/examples/*.bw \
	    >/dev/null && touch $@

fuzz: fuzz/bin/fuzz_bwc fuzz/bin/fuzz_decode fuzz/bin/fuzz_roundtrip \
    fuzz/bin/libfuzz_diff.so fuzz/bin/pymodules.stamp \
    fuzz/list_types$(EXEEXT) fuzz/replay_decode$(EXEEXT) \
    fuzz/replay_roundtrip$(EXEEXT)
	@FUZZ_SECONDS='$(FUZZ_SECONDS)' top_srcdir='$(top_srcdir)' \
	  FUZZ_PYTHON='$(FUZZ_PYTHON_BIN)' \
	  $(SHELL) $(top_srcdir)/fuzz/run-fuzz.sh

.PHONY: fuzz fuzz-force

# The regression replays: each target's LLVMFuzzerTestOneInput with the
# small driver in replay_main.c, built by CC with the project's flags.
check_PROGRAMS += fuzz/replay_bwc
fuzz_replay_bwc_SOURCES = fuzz/fuzz_bwc.c fuzz/replay_main.c fuzz/fuzz.h
fuzz_replay_bwc_CPPFLAGS = $(AM_CPPFLAGS) $(FUZZ_IMPORT_DIR)
fuzz_replay_bwc_LDADD = compiler/libbwc.a

# The codec replays are built by hand for the reason
# fuzz/gen/decode.stamp is.  They count the work of every decode and
# encode (fuzz/work_count.h): the code under test is compiled with
# -fsanitize-coverage=trace-pc, the counter itself without it.
FUZZ_REPLAY_CC = $(CC) -I$(FUZZ_GEN) $(DEFS) $(AM_CPPFLAGS) \
  -I$(top_srcdir)/fuzz $(CPPFLAGS) $(AM_CFLAGS) $(CFLAGS)
FUZZ_COUNT_FLAGS = -DFUZZ_COUNT_WORK -fsanitize-coverage=trace-pc
FUZZ_REPLAY_LINK = $(FUZZ_REPLAY_CC) $(FUZZ_COUNT_FLAGS) $(AM_LDFLAGS) \
  $(LDFLAGS) -o $@ `$(FUZZ_C_FILES)` $(FUZZ_GEN)/*.c \
  fuzz/work_count.$(OBJEXT) -lm

fuzz/work_count.$(OBJEXT): fuzz/work_count.c fuzz/work_count.h
	$(AM_V_CC)$(MKDIR_P) fuzz && $(FUZZ_REPLAY_CC) -DFUZZ_COUNT_WORK \
	  -c -o $@ $(srcdir)/fuzz/work_count.c

check_SCRIPTS = fuzz/replay_decode$(EXEEXT) fuzz/replay_roundtrip$(EXEEXT)
fuzz/replay_decode$(EXEEXT): fuzz/fuzz_decode.c fuzz/replay_main.c \
    fuzz/work_count.$(OBJEXT) $(FUZZ_CODEC_DEPS)
	$(AM_V_CCLD)files="fuzz/fuzz_decode.c fuzz/replay_main.c \
	    $(FUZZ_CODEC_FILES)" && $(FUZZ_REPLAY_LINK)

fuzz/replay_roundtrip$(EXEEXT): fuzz/fuzz_roundtrip.c fuzz/replay_main.c \
    fuzz/work_count.$(OBJEXT) $(FUZZ_CODEC_DEPS)
	$(AM_V_CCLD)files="fuzz/fuzz_roundtrip.c fuzz/replay_main.c \
	    $(FUZZ_CODEC_FILES)" && $(FUZZ_REPLAY_LINK)

TESTS += fuzz/run-regressions.sh
CLEANFILES += fuzz/replay_decode$(EXEEXT) fuzz/replay_roundtrip$(EXEEXT) \
  fuzz/work_count.$(OBJEXT) fuzz/list_types$(EXEEXT) fuzz/gen/decode.stamp
EXTRA_DIST += fuzz/fuzz_decode.c fuzz/fuzz_roundtrip.c fuzz/fuzz_codec.c \
  fuzz/fuzz_codec.h fuzz/work_count.c fuzz/work_count.h \
  fuzz/fuzz_types.h fuzz/list_types.c \
  fuzz/fuzz_diff_lib.c fuzz/fuzz_diff.py \
  fuzz/gen-decode.sh fuzz/make-seeds.py fuzz/run-fuzz.sh \
  fuzz/run-regressions.sh fuzz/bwc.dict fuzz/wire.dict fuzz/regressions

clean-local: clean-fuzz
clean-fuzz:
	rm -rf fuzz/bin fuzz/gen fuzz/work
.PHONY: clean-fuzz
