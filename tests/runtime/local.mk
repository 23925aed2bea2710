# cmocka suites for libboundwire.  Each suite is one program that links
# the installed form of the library (libboundwire.la), as users will.
runtime_tests = \
  tests/runtime/test_arena \
  tests/runtime/test_error \
  tests/runtime/test_limits \
  tests/runtime/test_reader \
  tests/runtime/test_utf8 \
  tests/runtime/test_varint \
  tests/runtime/test_writer

check_PROGRAMS += $(runtime_tests)
TESTS += $(runtime_tests)

runtime_test_cflags = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
runtime_test_ldadd = runtime/libboundwire.la $(CMOCKA_LIBS)

tests_runtime_test_arena_SOURCES = tests/runtime/test_arena.c
tests_runtime_test_arena_CFLAGS = $(runtime_test_cflags)
tests_runtime_test_arena_LDADD = $(runtime_test_ldadd)

tests_runtime_test_error_SOURCES = tests/runtime/test_error.c
tests_runtime_test_error_CFLAGS = $(runtime_test_cflags)
tests_runtime_test_error_LDADD = $(runtime_test_ldadd)

tests_runtime_test_limits_SOURCES = tests/runtime/test_limits.c
tests_runtime_test_limits_CFLAGS = $(runtime_test_cflags)
tests_runtime_test_limits_LDADD = $(runtime_test_ldadd)

tests_runtime_test_reader_SOURCES = tests/runtime/test_reader.c
tests_runtime_test_reader_CFLAGS = $(runtime_test_cflags)
tests_runtime_test_reader_LDADD = $(runtime_test_ldadd)

tests_runtime_test_utf8_SOURCES = tests/runtime/test_utf8.c
tests_runtime_test_utf8_CFLAGS = $(runtime_test_cflags)
tests_runtime_test_utf8_LDADD = $(runtime_test_ldadd)

tests_runtime_test_varint_SOURCES = tests/runtime/test_varint.c
tests_runtime_test_varint_CFLAGS = $(runtime_test_cflags)
tests_runtime_test_varint_LDADD = $(runtime_test_ldadd)

tests_runtime_test_writer_SOURCES = tests/runtime/test_writer.c
tests_runtime_test_writer_CFLAGS = $(runtime_test_cflags)
tests_runtime_test_writer_LDADD = $(runtime_test_ldadd)
