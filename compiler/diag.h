/* diag.h: compiler diagnostics.
 *
 * Every message has the form
 *
 *     file:line:col: error: message
 *        12 |   qty @2: u8(0..300);
 *           |             ^~~~~~
 *
 * followed by `note:` lines at related places.  Messages are printed as
 * they are reported; the sink counts them and stops accepting errors
 * once the cap is reached, so that hostile input cannot flood the output.
 */
#ifndef BWC_DIAG_H
#define BWC_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "source.h"

/* Errors reported before a compilation gives up, unless the caller asks
 * for another cap. */
#define BWC_DEFAULT_MAX_ERRORS 20

typedef struct bwc_diag {
  FILE *out;
  unsigned max_errors;
  unsigned errors;
  unsigned warnings;
  bool capped;        /* the cap was reached; further reports are dropped */
  bool last_shown;    /* the last error or warning was printed, so its
                         notes are printed too */
} bwc_diag;

void bwc_diag_init(bwc_diag *diag, FILE *out, unsigned max_errors);

/* Reports an error at SPAN in SOURCE.  SOURCE may be NULL for an error
 * about the command line, and then SPAN is ignored. */
void bwc_error(bwc_diag *diag, const bwc_source *source, bwc_span span,
               const char *format, ...)
    __attribute__((format(printf, 4, 5)));

/* Reports an error about a whole file (it cannot be read, it is too
 * large): printed as `path: error: message`. */
void bwc_file_error(bwc_diag *diag, const char *path, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

void bwc_warning(bwc_diag *diag, const bwc_source *source, bwc_span span,
                 const char *format, ...)
    __attribute__((format(printf, 4, 5)));

/* Adds a note to the error or warning reported last. */
void bwc_note(bwc_diag *diag, const bwc_source *source, bwc_span span,
              const char *format, ...)
    __attribute__((format(printf, 4, 5)));

/* True once the error cap is reached: callers stop their work. */
bool bwc_diag_stopped(const bwc_diag *diag);

/* Writes TEXT (LEN bytes) to BUF (SIZE bytes) in a form safe to print
 * inside quotes: control bytes and invalid UTF-8 become \xNN, and the
 * result is cut with "..." past 40 characters.  Returns BUF. */
char *bwc_quote(char *buf, size_t size, const char *text, size_t len);

#endif
