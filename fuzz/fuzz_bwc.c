/* fuzz_bwc.c: any bytes as a schema file, through bwc's front end.
 *
 * The input is loaded as the file "fuzz.bw" and checked exactly as
 * `bwc --check` would: parse, load imports, run every semantic check.
 * Diagnostics are formatted (the caret lines, the quoting of hostile
 * text) and written to /dev/null, so the printing code is exercised too.
 * Code generation is left out: it writes files.
 *
 * Imports resolve beside "fuzz.bw" (the working directory, which holds
 * no schemas) and in FUZZ_IMPORT_DIR, the folder of the example schemas,
 * so that an input can pull in real files and reach the checks that
 * span several of them.
 */
#include <stdio.h>
#include <stdlib.h>

#include "compile.h"
#include "fuzz.h"

/* Opened once and kept: reopening it per input would cost more than
 * most inputs take to check. */
static FILE *null_sink(void)
{
  static FILE *sink;

  if (sink == NULL)
    sink = fopen("/dev/null", "w");
  if (sink == NULL)
    abort();
  return sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  bwc_arena *arena = bwc_arena_new();
  bwc_diag diag;
  bwc_compilation comp;

  bwc_diag_init(&diag, null_sink(), BWC_DEFAULT_MAX_ERRORS);
  bwc_compilation_init(&comp, arena, &diag);
#ifdef FUZZ_IMPORT_DIR
  bwc_compilation_add_include(&comp, FUZZ_IMPORT_DIR);
#endif

  bwc_load_memory(&comp, "fuzz.bw", (const char *)data, size);
  /* As bwc's main does: no checks once the error cap stopped loading. */
  if (!bwc_diag_stopped(&diag))
    bwc_check(&comp);

  bwc_arena_free(arena);
  return 0;
}
