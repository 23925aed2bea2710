# cmocka suites for the compiler's lexer, parser and semantic checks.
noinst_LIBRARIES += tests/compiler/libsupport.a
tests_compiler_libsupport_a_SOURCES = tests/compiler/support.c \
  tests/compiler/support.h

COMPILER_TEST_LIBS = tests/compiler/libsupport.a compiler/libbwc.a \
  $(CMOCKA_LIBS)

check_PROGRAMS += tests/compiler/test_lexer tests/compiler/test_parser \
  tests/compiler/test_sema
TESTS += tests/compiler/test_lexer tests/compiler/test_parser \
  tests/compiler/test_sema

tests_compiler_test_lexer_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_compiler_test_lexer_LDADD = $(COMPILER_TEST_LIBS)
tests_compiler_test_parser_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_compiler_test_parser_LDADD = $(COMPILER_TEST_LIBS)
tests_compiler_test_sema_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_compiler_test_sema_LDADD = $(COMPILER_TEST_LIBS)
