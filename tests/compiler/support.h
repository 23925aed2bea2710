/* support.h: a compilation whose diagnostics go to memory, for tests. */
#ifndef BWC_TEST_SUPPORT_H
#define BWC_TEST_SUPPORT_H

#include <stdio.h>

#include "compile.h"

typedef struct fixture {
  bwc_arena *arena;
  bwc_diag diag;
  bwc_compilation comp;
  FILE *stream;
  char *text;
  size_t len;
} fixture;

/* Returns a fresh fixture; free it with fixture_free. */
fixture *fixture_new(void);
void fixture_free(fixture *f);

/* Parses TEXT as a file named "test.bw", without loading imports. */
bwc_file *fixture_parse(fixture *f, const char *text);

/* Loads TEXT as "test.bw" and runs every check; returns the error
 * count. */
unsigned fixture_check(fixture *f, const char *text);

/* Everything reported so far, NUL-terminated. */
const char *fixture_output(fixture *f);

/* cmocka's setup and teardown hooks over a fixture in *state. */
int fixture_setup(void **state);
int fixture_teardown(void **state);

/* A cmocka test that gets a fresh fixture in *state. */
#define FIXTURE_TEST(name) \
  cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)

/* True when the diagnostics so far contain TEXT. */
#define OUTPUT_HAS(f, text) (strstr(fixture_output(f), (text)) != NULL)

#endif
