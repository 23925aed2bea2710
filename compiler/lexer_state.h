/* lexer_state.h: what the lexer and the parser share about one file. */
#ifndef BWC_LEXER_STATE_H
#define BWC_LEXER_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"

/* Braces, parentheses and angle brackets nest at most this deep.  Real
 * schemas stay under ten; the cap bounds every recursion that follows. */
#define BWC_MAX_NESTING 64

/* The semantic value of every token. */
typedef struct bwc_token {
  const char *text;     /* identifiers and strings: NUL-terminated */
  uint64_t integer;     /* integer literals */
  bool overflow;        /* the integer literal exceeds 64 bits */
  bool invalid;         /* a malformed literal, already reported */
  double real;          /* floating-point literals */
  const char *doc;      /* doc comment just before this token, or NULL */
} bwc_token;

typedef struct bwc_lexer {
  bwc_arena *arena;
  bwc_diag *diag;
  bwc_source *source;
  uint32_t offset;      /* bytes consumed so far */
  uint32_t comment_start;
  char *pending_doc;    /* doc text waiting for the next token */
  size_t doc_len, doc_cap;
  unsigned depth;
  uint32_t opened[BWC_MAX_NESTING + 1]; /* where each open '{' was */
  unsigned braces;
  bool stopped;         /* a fatal lexical error: report end of input */
} bwc_lexer;

union BWC_YYSTYPE;

/* The scanner over LX's source (lexer.l).  bwc_lexer_open returns NULL
 * only when memory runs out. */
void *bwc_lexer_open(bwc_lexer *lx);
int bwc_lexer_next(union BWC_YYSTYPE *value, bwc_span *loc, void *scanner);
void bwc_lexer_close(void *scanner);

#endif
