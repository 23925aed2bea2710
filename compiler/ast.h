/* ast.h: the syntax tree of a schema, as the parser builds it and as the
 * semantic checks annotate it.
 *
 * Every node lives in the compilation's arena.  Lists are singly linked
 * through `next` and keep source order.  Locations are byte offsets into
 * the source text (bwc_span); they become line and column only when a
 * diagnostic is printed.
 */
#ifndef BWC_AST_H
#define BWC_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "source.h"

/* An integer as written in a schema: a sign and a 64-bit magnitude, so
 * that both the whole u64 range and the whole i64 range are exact. */
typedef struct bwc_int {
  bool negative;
  uint64_t magnitude;
} bwc_int;

/* Returns <0, 0 or >0 as A is below, equal to or above B. */
int bwc_int_cmp(bwc_int a, bwc_int b);

/* Writes A in decimal into BUF (at least 24 bytes) and returns BUF. */
char *bwc_int_format(bwc_int a, char *buf);

bwc_int bwc_int_from_i64(int64_t value);
bwc_int bwc_int_from_u64(uint64_t value);

/* ---- Bounds and constraints ------------------------------------------ */

typedef enum bwc_bound_kind {
  BWC_BOUND_OPEN,   /* nothing written: the bound is open */
  BWC_BOUND_INT,    /* an integer literal, maybe with a unit */
  BWC_BOUND_FLOAT,  /* a floating-point literal */
  BWC_BOUND_CONST,  /* the name of a `const`, maybe with a unit */
} bwc_bound_kind;

typedef struct bwc_bound {
  bwc_bound_kind kind;
  bwc_span span;
  bool negative;        /* a leading '-' */
  uint64_t literal;     /* BWC_BOUND_INT: the magnitude as written */
  bool literal_overflow;/* the literal does not fit 64 bits */
  bool invalid;         /* the lexer refused the literal and said why */
  double real;          /* BWC_BOUND_FLOAT: the value, sign applied */
  const char *name;     /* BWC_BOUND_CONST: the constant's name */
  uint64_t unit;        /* 1, or 1024^n for KiB, MiB, GiB */
  bwc_span unit_span;

  /* Set by the semantic checks: the integer value, sign and unit applied.
   * `resolved` stays false when the bound is in error or is a float. */
  bool resolved;
  bwc_int value;
} bwc_bound;

/* `(lo..hi)` after a type, or `(nonfinite)` after a float type. */
typedef struct bwc_constraint {
  bool present;
  bwc_span span;        /* from '(' to ')' */
  bwc_bound lo, hi;
  bool nonfinite;       /* NaN and infinities allowed (floats only) */
} bwc_constraint;

/* ---- Types ----------------------------------------------------------- */

typedef enum bwc_type_kind {
  BWC_TYPE_UNRESOLVED,  /* a name the semantic checks have not looked up */
  BWC_TYPE_BOOL,
  BWC_TYPE_I8, BWC_TYPE_I16, BWC_TYPE_I32, BWC_TYPE_I64,
  BWC_TYPE_U8, BWC_TYPE_U16, BWC_TYPE_U32, BWC_TYPE_U64,
  BWC_TYPE_F32, BWC_TYPE_F64,
  BWC_TYPE_STRING,
  BWC_TYPE_BYTES,
  BWC_TYPE_LIST,
  BWC_TYPE_MAP,
  BWC_TYPE_ENUM,
  BWC_TYPE_STRUCT,
  BWC_TYPE_UNION,
  BWC_TYPE_ERROR,       /* lookup failed; already reported */
} bwc_type_kind;

struct bwc_decl;

typedef struct bwc_type_arg {
  struct bwc_type *type;
  struct bwc_type_arg *next;
} bwc_type_arg;

typedef struct bwc_type {
  bwc_type_kind kind;
  bwc_span span;          /* the whole type, constraint included */
  const char *name;       /* as written: "u32", "list", "money.Money" */
  bwc_span name_span;
  bwc_type_arg *args;     /* `<...>` arguments as written, or NULL */
  bool has_args;          /* `<` was written, even with no argument */
  bwc_constraint constraint;

  /* Set by the semantic checks. */
  struct bwc_type *elem;  /* LIST: element type; MAP: value type */
  struct bwc_type *key;   /* MAP: key type */
  struct bwc_decl *decl;  /* ENUM, STRUCT, UNION: the declaration */
} bwc_type;

/* ---- Declarations ---------------------------------------------------- */

typedef struct bwc_field {
  const char *name;
  bwc_span name_span;
  const char *doc;        /* doc comment text, or NULL */
  bwc_span number_span;
  uint64_t number;
  bool number_overflow;   /* the written number does not fit 64 bits */
  bool optional;
  bwc_span optional_span;
  bwc_type *type;
  struct bwc_field *next;
} bwc_field;

typedef struct bwc_member {
  const char *name;
  bwc_span name_span;
  const char *doc;
  bwc_span value_span;
  uint64_t value;
  bool value_overflow;
  struct bwc_member *next;
} bwc_member;

/* One item of a `reserved` line: a number, a range `@lo..@hi`, or a
 * name. */
typedef struct bwc_reserved {
  bwc_span span;
  const char *name;       /* non-NULL for a reserved name */
  uint64_t lo, hi;        /* a single number has lo == hi */
  bool overflow;
  struct bwc_reserved *next;
} bwc_reserved;

typedef enum bwc_decl_kind {
  BWC_DECL_CONST,
  BWC_DECL_ENUM,
  BWC_DECL_STRUCT,
  BWC_DECL_UNION,
} bwc_decl_kind;

struct bwc_file;

typedef struct bwc_decl {
  bwc_decl_kind kind;
  const char *name;
  bwc_span name_span;
  bwc_span span;          /* the keyword up to the closing ';' or '}' */
  const char *doc;
  struct bwc_file *file;

  bwc_field *fields;      /* STRUCT, UNION */
  bwc_member *members;    /* ENUM */
  bwc_reserved *reserved; /* STRUCT, UNION, ENUM */
  bwc_bound value;        /* CONST: its value as written */

  /* Set by the semantic checks. */
  bool recursive;         /* STRUCT, UNION: reaches itself through fields */
  int const_state;        /* CONST: 0 unvisited, 1 in progress, 2 done */
  struct bwc_decl *next;
} bwc_decl;

/* One `key = value;` line of a `limits { }` block. */
typedef struct bwc_limit {
  const char *name;
  bwc_span name_span;
  bwc_bound value;
  struct bwc_limit *next;
} bwc_limit;

typedef struct bwc_import {
  const char *path;       /* as written, between the quotes */
  bwc_span span;          /* the string literal */
  struct bwc_file *file;  /* set once the import is loaded */
  struct bwc_import *next;
} bwc_import;

/* The limits in force for a file, after defaults are applied. */
typedef struct bwc_limits {
  uint64_t max_message_bytes;
  uint64_t max_depth;
  uint64_t default_max_length;  /* strings (code points) and bytes */
  uint64_t default_max_count;   /* lists and maps */
  bool max_depth_set;           /* the file states max_depth itself */
} bwc_limits;

typedef struct bwc_file {
  bwc_source *source;
  const char *package;    /* "shop.v1", or NULL when none is declared */
  bwc_span package_span;
  const char *doc;        /* doc comment before `package` */
  bwc_import *imports;
  bwc_decl *decls;        /* consts, enums, structs and unions in order */
  bwc_limit *limit_lines; /* every line of every `limits` block */
  bwc_span limits_span;   /* the first `limits` keyword, for notes */
  bool has_limits;
  bool incomplete;        /* the parser reported errors in this file, so
                             parts of it may be missing from the tree */

  bwc_limits limits;      /* set by the semantic checks */
  int load_state;         /* driver: 0 new, 1 loading, 2 loaded */
  struct bwc_file *next;
} bwc_file;

/* The parser prepends to lists, which costs O(1), and reverses each list
 * once it is complete, so that long inputs never cost quadratic time. */
#define BWC_REVERSE(type, head)                                         \
  do {                                                                  \
    type *bwc_prev_ = NULL;                                             \
    type *bwc_cur_ = (head);                                            \
    while (bwc_cur_ != NULL) {                                          \
      type *bwc_next_ = bwc_cur_->next;                                 \
      bwc_cur_->next = bwc_prev_;                                       \
      bwc_prev_ = bwc_cur_;                                             \
      bwc_cur_ = bwc_next_;                                             \
    }                                                                   \
    (head) = bwc_prev_;                                                 \
  } while (0)

#endif
