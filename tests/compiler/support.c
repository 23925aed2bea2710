/* support.c: see support.h. */
#define _POSIX_C_SOURCE 200809L  /* open_memstream */

#include "support.h"

#include <stdlib.h>
#include <string.h>

fixture *fixture_new(void)
{
  fixture *f = calloc(1, sizeof *f);
  if (f == NULL)
    abort();
  f->stream = open_memstream(&f->text, &f->len);
  if (f->stream == NULL)
    abort();
  f->arena = bwc_arena_new();
  bwc_diag_init(&f->diag, f->stream, BWC_DEFAULT_MAX_ERRORS);
  bwc_compilation_init(&f->comp, f->arena, &f->diag);
  return f;
}

void fixture_free(fixture *f)
{
  fclose(f->stream);
  free(f->text);
  bwc_arena_free(f->arena);
  free(f);
}

bwc_file *fixture_parse(fixture *f, const char *text)
{
  bwc_source *src = bwc_source_from_memory(f->arena, "test.bw", text,
                                           strlen(text));
  return bwc_parse(f->arena, &f->diag, src);
}

unsigned fixture_check(fixture *f, const char *text)
{
  bwc_load_memory(&f->comp, "test.bw", text, strlen(text));
  bwc_check(&f->comp);
  return f->diag.errors;
}

const char *fixture_output(fixture *f)
{
  fflush(f->stream);
  return f->text != NULL ? f->text : "";
}

int fixture_setup(void **state)
{
  *state = fixture_new();
  return 0;
}

int fixture_teardown(void **state)
{
  fixture_free(*state);
  return 0;
}
