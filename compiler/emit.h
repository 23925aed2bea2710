/* emit.h: writing generated files.
 *
 * Back ends print into an in-memory buffer and write the file in one go
 * at the end, only when its content changed, so that build tools see no
 * new timestamp on an unchanged output.
 */
#ifndef BWC_EMIT_H
#define BWC_EMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "compile.h"

typedef struct bwc_out {
  char *text;
  size_t len;
  size_t cap;
  unsigned indent;      /* levels of two spaces at the start of a line */
  bool at_line_start;
} bwc_out;

void bwc_out_init(bwc_out *out);
void bwc_out_free(bwc_out *out);

/* Appends formatted text; each line that starts gets the indentation. */
void bwc_out_printf(bwc_out *out, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends TEXT as a comment block, one PREFIX (such as " * " or "// ")
 * per line. */
void bwc_out_comment(bwc_out *out, const char *prefix, const char *text);

/* Writes OUT to DIR/NAME unless the file already holds the same bytes.
 * Reports failures to DIAG; returns whether the file is in place. */
bool bwc_out_write(const bwc_out *out, bwc_diag *diag, const char *dir,
                   const char *name, bool verbose);

/* The file name of SOURCE without its folders and its ".bw" suffix. */
const char *bwc_file_stem(bwc_arena *arena, const bwc_source *source);

/* Reports two loaded files whose stems collide, since their outputs
 * would overwrite each other in one folder.  Returns false if any do. */
bool bwc_check_stems(bwc_compilation *comp);

/* Back ends: each writes one output per loaded file into DIR.  They run
 * only on a compilation that checked without errors. */
bool bwc_gen_c(bwc_compilation *comp, const char *dir, bool verbose);
bool bwc_gen_proto(bwc_compilation *comp, const char *dir, bool verbose);
/* One module per package, plus the C back end's files it is built on. */
bool bwc_gen_py(bwc_compilation *comp, const char *dir, bool verbose);

#endif
