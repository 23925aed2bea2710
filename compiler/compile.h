/* compile.h: a compilation: the files it loaded, their imports, and the
 * checks run over them.  bwc's main and the tests both drive the front
 * end through this interface.
 */
#ifndef BWC_COMPILE_H
#define BWC_COMPILE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "symtab.h"

/* A schema may import at most this many files, directly or not: enough
 * for any real service, small enough that a hostile import graph stays
 * cheap. */
#define BWC_MAX_FILES 256

typedef struct bwc_compilation {
  bwc_arena *arena;
  bwc_diag *diag;
  const char **include_dirs;  /* -I directories, in order */
  size_t include_count;
  bwc_file *files;            /* every file loaded, in load order */
  size_t file_count;
  bwc_symtab *by_path;        /* canonical path -> bwc_file */
} bwc_compilation;

void bwc_compilation_init(bwc_compilation *comp, bwc_arena *arena,
                          bwc_diag *diag);

void bwc_compilation_add_include(bwc_compilation *comp, const char *dir);

/* Reads, parses and loads PATH and, recursively, everything it imports.
 * Returns the file, or NULL if PATH itself could not be read; errors are
 * reported to the compilation's diagnostics either way. */
bwc_file *bwc_load_path(bwc_compilation *comp, const char *path);

/* The same for a schema held in memory; PATH names it in diagnostics and
 * anchors its relative imports. */
bwc_file *bwc_load_memory(bwc_compilation *comp, const char *path,
                          const char *text, size_t len);

/* Parses one source without loading its imports (see parse.y). */
bwc_file *bwc_parse(bwc_arena *arena, bwc_diag *diag, bwc_source *source);

/* Runs every semantic check over every loaded file (see sema.c).  Returns
 * true when no error was reported, warnings aside. */
bool bwc_check(bwc_compilation *comp);

#endif
