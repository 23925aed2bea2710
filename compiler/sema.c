/* sema.c: the semantic checks of a schema (see compile.h).
 *
 * The checks run in four passes over every loaded file:
 *
 *   1. namespaces: one table of declarations per package, with the
 *      duplicates and builtin names reported;
 *   2. constants and limits, which bounds and warnings need later;
 *   3. declarations: types, constraints, numbers and reserved items;
 *   4. the type graph: recursive types, and types no value could fill.
 *
 * A hostile schema can hold a hundred thousand fields in one struct or a
 * hundred thousand declarations, so every pass is linear or n log n:
 * duplicates go through hash tables, reserved ranges are sorted once and
 * searched, and walks along constants and the declaration graph use
 * explicit stacks instead of the C stack.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"

/* ---- Limits and wire constants --------------------------------------- */

/* Defaults for a file whose limits block leaves a key out.  Every limit
 * must be finite so that a decoder can refuse input before allocating. */

/* 4 MiB: above any payload a service should send in one message, yet
 * small enough to buffer on every worker at once. */
#define DEFAULT_MAX_MESSAGE_BYTES (UINT64_C(4) << 20)
/* 32 levels: deep enough for real trees, shallow enough that a decoder
 * recursing once per level stays far from a thread's stack limit. */
#define DEFAULT_MAX_DEPTH 32
/* 65536 code points or bytes: a long text; bigger data should say so. */
#define DEFAULT_MAX_LENGTH 65536
/* 65536 elements or entries, for the same reason. */
#define DEFAULT_MAX_COUNT 65536

/* 2 GiB: protobuf sizes are 32-bit, no runtime reads a larger message. */
#define MAX_SIZE_LIMIT (UINT64_C(1) << 31)
/* Past 1000 levels a recursive decoder risks the stack in any language. */
#define MAX_DEPTH_LIMIT 1000

/* Field numbers are 29 bits in a protobuf tag. */
#define FIELD_NUMBER_MAX 536870911u
/* Protobuf keeps these numbers for its own implementation. */
#define WIRE_RESERVED_LO 19000u
#define WIRE_RESERVED_HI 19999u
/* Enum values travel as int32 and are never negative in a schema. */
#define ENUM_VALUE_MAX 2147483647u

/* Messages cut user text at 40 characters; this leaves room for escapes. */
enum { QUOTE_SIZE = 192, QUOTE_SLOTS = 6 };

/* Names longer than this are never typos worth a suggestion, and the cap
 * keeps each distance computation to a few thousand steps. */
enum { SUGGEST_MAX_LEN = 64 };

/* Total distance-table cells all suggestions of a run may compute: a
 * schema with a hundred thousand names and many unknown ones must not
 * spend seconds looking for hints.  Real schemas use a tiny fraction. */
#define SUGGEST_BUDGET (INT64_C(1) << 22)

/* ---- The checker's state --------------------------------------------- */

/* The declarations of one package, gathered from every file that has it. */
typedef struct space {
  const char *package;        /* NULL for a file that declares none */
  size_t package_len;
  bwc_symtab *names;          /* name -> bwc_decl */
  unsigned stamp;             /* for building a qualifier without repeats */
} space;

/* What a written prefix such as `money` or `shop.v1` refers to. */
typedef struct qualifier {
  space **spaces;
  size_t count;
  bool own;                   /* the prefix is the file's full package */
} qualifier;

typedef struct file_info {
  bwc_file *file;
  space *names;
  bwc_symtab *imported;       /* each file imported directly, by address */
  bwc_file **imports;         /* the same, without repeats */
  size_t import_count;
  bwc_symtab *qualifiers;     /* prefix -> qualifier, built on demand */
} file_info;

typedef struct node node;

/* A field of a struct or union that holds another struct or union. */
typedef struct edge {
  node *to;
  bwc_field *field;
  bool direct;                /* not optional, not inside a list or map */
  struct edge *next;
} edge;

typedef struct rev {
  node *from;
  struct rev *next;
} rev;

/* A struct or union in the type graph. */
struct node {
  bwc_decl *decl;
  edge *edges;
  rev *users;                 /* nodes holding this one directly */
  size_t pending;             /* direct fields not yet known encodable */
  bool encodable;
  bool cyclic;                /* on a cycle, in the last graph walk */
  size_t index, low;          /* Tarjan's numbering; 0 is unvisited */
  size_t stack_at;
  bool on_stack;
  size_t component;
  edge *cursor;
};

typedef struct sema {
  bwc_compilation *comp;
  bwc_diag *diag;
  bwc_arena *arena;
  bwc_symtab *spaces;         /* package -> space */
  bwc_symtab *infos;          /* file address -> file_info */
  bwc_symtab *node_of;        /* decl address -> node */
  node *nodes;
  size_t node_count;
  unsigned stamp;
  int64_t suggest_budget;
  bwc_decl **chain;           /* the constants being resolved */
  size_t chain_len, chain_cap;
  unsigned next_quote;
  char quotes[QUOTE_SLOTS][QUOTE_SIZE];
} sema;

typedef enum want { WANT_TYPE, WANT_CONST } want;

static uint64_t address_key(const void *p)
{
  return (uint64_t)(uintptr_t)p;
}

static file_info *info_of(sema *s, const bwc_file *file)
{
  return bwc_symtab_find_number(s->infos, address_key(file));
}

static bool stopped(const sema *s)
{
  return bwc_diag_stopped(s->diag);
}

/* ---- Text for messages ----------------------------------------------- */

/* Each call uses the next of a few buffers, so that one message can hold
 * several quoted pieces. */
static char *next_buffer(sema *s)
{
  return s->quotes[s->next_quote++ % QUOTE_SLOTS];
}

static const char *quote_n(sema *s, const char *text, size_t len)
{
  return bwc_quote(next_buffer(s), QUOTE_SIZE, text, len);
}

static const char *q(sema *s, const char *text)
{
  return quote_n(s, text, strlen(text));
}

static const char *span_text(sema *s, const bwc_source *src, bwc_span span)
{
  uint32_t end = span.end < src->len ? span.end : src->len;
  uint32_t begin = span.begin < end ? span.begin : end;
  return quote_n(s, src->text + begin, end - begin);
}

static const char *int_text(sema *s, bwc_int v)
{
  return bwc_int_format(v, next_buffer(s));
}

static const char *u64_text(sema *s, uint64_t v)
{
  return int_text(s, bwc_int_from_u64(v));
}

/* A bound as the user will recognise it: its value once resolved, else
 * the text written. */
static const char *bound_text(sema *s, const bwc_source *src,
                              const bwc_bound *b)
{
  if (b->resolved)
    return int_text(s, b->value);
  return span_text(s, src, b->span);
}

static const char *decl_word(const bwc_decl *d)
{
  switch (d->kind) {
  case BWC_DECL_CONST:  return "constant";
  case BWC_DECL_ENUM:   return "enum";
  case BWC_DECL_STRUCT: return "struct";
  case BWC_DECL_UNION:  return "union";
  }
  return "declaration";
}

/* ---- Builtin types --------------------------------------------------- */

static const struct builtin {
  const char *name;
  bwc_type_kind kind;
} builtins[] = {
  { "bool", BWC_TYPE_BOOL },
  { "i8", BWC_TYPE_I8 },    { "i16", BWC_TYPE_I16 },
  { "i32", BWC_TYPE_I32 },  { "i64", BWC_TYPE_I64 },
  { "u8", BWC_TYPE_U8 },    { "u16", BWC_TYPE_U16 },
  { "u32", BWC_TYPE_U32 },  { "u64", BWC_TYPE_U64 },
  { "f32", BWC_TYPE_F32 },  { "f64", BWC_TYPE_F64 },
  { "string", BWC_TYPE_STRING },
  { "bytes", BWC_TYPE_BYTES },
  { "list", BWC_TYPE_LIST },
  { "map", BWC_TYPE_MAP },
};

enum { BUILTIN_COUNT = sizeof builtins / sizeof builtins[0] };

/* How other languages spell the builtins.  Never accepted as types, only
 * matched when suggesting one: "uint32" and its typos lead to "u32". */
static const struct alias {
  const char *name;
  const char *builtin;
} aliases[] = {
  { "int8", "i8" },       { "int16", "i16" },     { "int32", "i32" },
  { "int64", "i64" },     { "uint8", "u8" },      { "uint16", "u16" },
  { "uint32", "u32" },    { "uint64", "u64" },    { "float", "f32" },
  { "float32", "f32" },   { "double", "f64" },    { "float64", "f64" },
  { "boolean", "bool" },  { "str", "string" },    { "text", "string" },
  { "vector", "list" },   { "array", "list" },    { "dict", "map" },
};

enum { ALIAS_COUNT = sizeof aliases / sizeof aliases[0] };

/* Returns the builtin NAME denotes, or BWC_TYPE_UNRESOLVED. */
static bwc_type_kind builtin_kind(const char *name)
{
  for (size_t i = 0; i < BUILTIN_COUNT; i++)
    if (strcmp(builtins[i].name, name) == 0)
      return builtins[i].kind;
  return BWC_TYPE_UNRESOLVED;
}

static bool is_integer(bwc_type_kind k)
{
  return k >= BWC_TYPE_I8 && k <= BWC_TYPE_U64;
}

static bool is_float(bwc_type_kind k)
{
  return k == BWC_TYPE_F32 || k == BWC_TYPE_F64;
}

static bool is_container(bwc_type_kind k)
{
  return k == BWC_TYPE_LIST || k == BWC_TYPE_MAP;
}

static bool is_sized(bwc_type_kind k)
{
  return k == BWC_TYPE_STRING || k == BWC_TYPE_BYTES || is_container(k);
}

static bool is_message(bwc_type_kind k)
{
  return k == BWC_TYPE_STRUCT || k == BWC_TYPE_UNION;
}

static const char *kind_name(bwc_type_kind k)
{
  for (size_t i = 0; i < BUILTIN_COUNT; i++)
    if (builtins[i].kind == k)
      return builtins[i].name;
  return "type";
}

/* The range of an integer type, for checking its bounds. */
static void int_range(bwc_type_kind k, bwc_int *min, bwc_int *max)
{
  static const unsigned bits[] = { 8, 16, 32, 64 };
  bool is_signed = k <= BWC_TYPE_I64;
  unsigned n = bits[is_signed ? k - BWC_TYPE_I8 : k - BWC_TYPE_U8];
  if (is_signed) {
    *min = bwc_int_from_u64(UINT64_C(1) << (n - 1));
    min->negative = true;
    *max = bwc_int_from_u64((UINT64_C(1) << (n - 1)) - 1);
  } else {
    *min = bwc_int_from_u64(0);
    *max = bwc_int_from_u64(n == 64 ? UINT64_MAX : (UINT64_C(1) << n) - 1);
  }
}

/* ---- Suggestions ----------------------------------------------------- */

typedef struct suggestion {
  const char *query;
  size_t query_len;
  size_t limit;             /* the largest distance worth offering */
  const char *best;         /* what to suggest for the closest candidate */
  size_t best_dist;
  int64_t *budget;
} suggestion;

static size_t min_size(size_t a, size_t b)
{
  return a < b ? a : b;
}

/* Edit distance counting a swap of neighbours as one edit, as typos
 * usually are ("Itme" for "Item").  Returns CAP + 1 once the distance is
 * known to exceed CAP.  Each row computed is charged to BUDGET. */
static size_t edit_distance(const char *a, size_t la, const char *b,
                            size_t lb, size_t cap, int64_t *budget)
{
  size_t rows[3][SUGGEST_MAX_LEN + 1];
  size_t *before = rows[0], *prev = rows[1], *cur = rows[2];
  for (size_t j = 0; j <= lb; j++)
    prev[j] = j;

  for (size_t i = 1; i <= la; i++) {
    *budget -= (int64_t)lb + 1;
    size_t row_min = cur[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t v = prev[j - 1] + (a[i - 1] != b[j - 1]);
      v = min_size(v, min_size(prev[j], cur[j - 1]) + 1);
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        v = min_size(v, before[j - 2] + 1);
      cur[j] = v;
      row_min = min_size(row_min, v);
    }
    /* No later row can go below this one's minimum. */
    if (row_min > cap)
      return cap + 1;
    size_t *spare = before;
    before = prev;
    prev = cur;
    cur = spare;
  }
  return prev[lb];
}

static size_t bounded_len(const char *text, size_t max)
{
  size_t n = 0;
  while (n <= max && text[n] != '\0')
    n++;
  return n;
}

static void suggestion_init(suggestion *g, sema *s, const char *query)
{
  g->query = query;
  g->query_len = bounded_len(query, SUGGEST_MAX_LEN);
  g->limit = g->query_len / 3 > 1 ? g->query_len / 3 : 1;
  g->best = NULL;
  g->best_dist = SIZE_MAX;
  g->budget = &s->suggest_budget;
}

/* Considers CANDIDATE; if it is the closest so far, SHOWN becomes the
 * suggestion. */
static void suggestion_offer_as(suggestion *g, const char *candidate,
                                const char *shown)
{
  size_t len = bounded_len(candidate, SUGGEST_MAX_LEN);
  if (len > SUGGEST_MAX_LEN || g->query_len > SUGGEST_MAX_LEN)
    return;
  size_t gap = len > g->query_len ? len - g->query_len : g->query_len - len;
  if (gap > g->limit || gap >= g->best_dist || *g->budget <= 0)
    return;

  size_t cap = min_size(g->limit, g->best_dist - 1);
  size_t d = edit_distance(g->query, g->query_len, candidate, len, cap,
                           g->budget);
  if (d <= cap && d > 0) {
    g->best = shown;
    g->best_dist = d;
  }
}

static void suggestion_offer(suggestion *g, const char *candidate)
{
  suggestion_offer_as(g, candidate, candidate);
}

static void offer_builtins(suggestion *g)
{
  for (size_t i = 0; i < BUILTIN_COUNT; i++)
    suggestion_offer(g, builtins[i].name);
  for (size_t i = 0; i < ALIAS_COUNT; i++)
    suggestion_offer_as(g, aliases[i].name, aliases[i].builtin);
}

/* ---- Namespaces and files -------------------------------------------- */

static space *new_space(sema *s, const char *package)
{
  space *sp = BWC_NEW(s->arena, space);
  sp->package = package;
  sp->package_len = package ? strlen(package) : 0;
  sp->names = bwc_symtab_new(s->arena);
  return sp;
}

/* A file without a package gets a namespace of its own, so that its
 * names do not clash with those of other such files. */
static space *space_for(sema *s, const char *package)
{
  if (package == NULL)
    return new_space(s, NULL);
  space *sp = bwc_symtab_find(s->spaces, package);
  if (sp == NULL) {
    sp = new_space(s, package);
    bwc_symtab_insert(s->spaces, package, sp);
  }
  return sp;
}

/* Imports can repeat a file any number of times; keep each once. */
static void index_imports(sema *s, file_info *fi)
{
  size_t n = 0;
  for (bwc_import *im = fi->file->imports; im != NULL; im = im->next)
    n++;
  fi->imported = bwc_symtab_new(s->arena);
  fi->imports = bwc_arena_alloc(s->arena, (n + 1) * sizeof *fi->imports);
  for (bwc_import *im = fi->file->imports; im != NULL; im = im->next) {
    if (im->file == NULL)
      continue;
    uint64_t key = address_key(im->file);
    if (bwc_symtab_insert_number(fi->imported, key, im->file) == NULL)
      fi->imports[fi->import_count++] = im->file;
  }
}

static void add_file(sema *s, bwc_file *f)
{
  file_info *fi = BWC_NEW(s->arena, file_info);
  fi->file = f;
  fi->names = space_for(s, f->package);
  fi->qualifiers = bwc_symtab_new(s->arena);
  index_imports(s, fi);
  bwc_symtab_insert_number(s->infos, address_key(f), fi);
  /* After a syntax error the package line may be the part that is lost. */
  if (f->package == NULL && !f->incomplete)
    bwc_error(s->diag, f->source, (bwc_span){ 0, 0 },
              "missing package declaration");
}

static void report_duplicate(sema *s, const bwc_decl *d,
                             const bwc_decl *first)
{
  const char *package = d->file->package;
  if (package != NULL)
    bwc_error(s->diag, d->file->source, d->name_span,
              "'%s' is already defined in package '%s'", q(s, d->name),
              q(s, package));
  else
    bwc_error(s->diag, d->file->source, d->name_span,
              "'%s' is already defined in this file", q(s, d->name));
  bwc_note(s->diag, first->file->source, first->name_span,
           "'%s' was first defined here", q(s, first->name));
}

static void declare(sema *s, file_info *fi, bwc_decl *d)
{
  if (builtin_kind(d->name) != BWC_TYPE_UNRESOLVED) {
    bwc_error(s->diag, fi->file->source, d->name_span,
              "cannot name a %s '%s': that is the name of a builtin type",
              decl_word(d), q(s, d->name));
    return;
  }
  bwc_decl *first = bwc_symtab_insert(fi->names->names, d->name, d);
  if (first != NULL)
    report_duplicate(s, d, first);
}

static void collect_names(sema *s)
{
  for (bwc_file *f = s->comp->files; f != NULL; f = f->next)
    add_file(s, f);
  for (bwc_file *f = s->comp->files; f != NULL && !stopped(s); f = f->next) {
    file_info *fi = info_of(s, f);
    for (bwc_decl *d = f->decls; d != NULL && !stopped(s); d = d->next)
      declare(s, fi, d);
  }
}

/* ---- Name lookup ----------------------------------------------------- */

static bool package_matches(const space *sp, const char *prefix, size_t len)
{
  if (sp->package == NULL || sp->package_len < len)
    return false;
  const char *tail = sp->package + sp->package_len - len;
  if (memcmp(tail, prefix, len) != 0)
    return false;
  return sp->package_len == len || tail[-1] == '.';
}

static void add_space(sema *s, qualifier *qual, space *sp)
{
  if (sp->stamp == s->stamp)
    return;
  sp->stamp = s->stamp;
  qual->spaces[qual->count++] = sp;
}

/* The packages PREFIX can name from FI: those of the files it imports
 * whose package is PREFIX or ends with `.PREFIX`, and its own package
 * when written in full. */
static qualifier *build_qualifier(sema *s, file_info *fi, const char *prefix)
{
  size_t len = strlen(prefix);
  qualifier *qual = BWC_NEW(s->arena, qualifier);
  qual->spaces = bwc_arena_alloc(s->arena, (fi->import_count + 1) *
                                               sizeof *qual->spaces);
  s->stamp++;
  qual->own = fi->names->package_len == len &&
              package_matches(fi->names, prefix, len);
  if (qual->own)
    add_space(s, qual, fi->names);
  for (size_t i = 0; i < fi->import_count; i++) {
    space *sp = info_of(s, fi->imports[i])->names;
    if (package_matches(sp, prefix, len))
      add_space(s, qual, sp);
  }
  return qual;
}

static qualifier *qualifier_for(sema *s, file_info *fi, const char *prefix,
                                size_t len)
{
  char small[128];
  char *key = small;
  if (len < sizeof small) {
    memcpy(small, prefix, len);
    small[len] = '\0';
  } else {
    key = bwc_arena_strndup(s->arena, prefix, len);
  }

  qualifier *qual = bwc_symtab_find(fi->qualifiers, key);
  if (qual != NULL)
    return qual;
  if (key == small)
    key = bwc_arena_strndup(s->arena, prefix, len);
  qual = build_qualifier(s, fi, key);
  bwc_symtab_insert(fi->qualifiers, key, qual);
  return qual;
}

/* The outcome of looking a written name up. */
typedef struct match {
  bwc_decl *decl;
  bwc_decl *other;          /* a second declaration: the name is ambiguous */
  qualifier *qual;          /* NULL for a name without a prefix */
  const char *base;         /* the name after its prefix */
  bwc_decl *hidden;         /* same package, but in a file not imported */
} match;

/* A file sees its own declarations and those of the files it imports
 * directly, never what happens to be loaded for another file. */
static bool file_visible(const file_info *fi, const bwc_file *f)
{
  return f == fi->file ||
         bwc_symtab_find_number(fi->imported, address_key(f)) != NULL;
}

static bool visible(const file_info *fi, const qualifier *qual,
                    const space *sp, const bwc_decl *d)
{
  if (qual != NULL && qual->own && sp == fi->names)
    return true;
  return file_visible(fi, d->file);
}

static match find_name(sema *s, file_info *fi, const char *name)
{
  match m = { NULL, NULL, NULL, name, NULL };
  const char *dot = strrchr(name, '.');
  if (dot == NULL) {
    bwc_decl *d = bwc_symtab_find(fi->names->names, name);
    if (d != NULL && file_visible(fi, d->file))
      m.decl = d;
    else
      m.hidden = d;
    return m;
  }

  m.base = dot + 1;
  m.qual = qualifier_for(s, fi, name, (size_t)(dot - name));
  for (size_t i = 0; i < m.qual->count; i++) {
    space *sp = m.qual->spaces[i];
    bwc_decl *d = bwc_symtab_find(sp->names, m.base);
    if (d == NULL || !visible(fi, m.qual, sp, d))
      continue;
    if (m.decl == NULL)
      m.decl = d;
    else if (m.other == NULL)
      m.other = d;
  }
  return m;
}

static bool wanted(const bwc_decl *d, want w)
{
  return (d->kind == BWC_DECL_CONST) == (w == WANT_CONST);
}

typedef struct offer_ctx {
  suggestion *g;
  want w;
  const file_info *fi;
  const qualifier *qual;    /* NULL: every name of the space is visible */
  const space *sp;
} offer_ctx;

static void offer_decl(const char *name, void *value, void *ctx)
{
  offer_ctx *o = ctx;
  const bwc_decl *d = value;
  if (!wanted(d, o->w))
    return;
  if (!visible(o->fi, o->qual, o->sp, d))
    return;
  suggestion_offer(o->g, name);
}

/* Finds the visible name closest to the unknown one in M. */
static const char *closest_name(sema *s, file_info *fi, const match *m,
                                want w)
{
  suggestion g;
  suggestion_init(&g, s, m->base);
  offer_ctx o = { &g, w, fi, m->qual, fi->names };
  if (m->qual == NULL) {
    if (w == WANT_TYPE)
      offer_builtins(&g);
    bwc_symtab_each(fi->names->names, offer_decl, &o);
    return g.best;
  }
  for (size_t i = 0; i < m->qual->count; i++) {
    o.sp = m->qual->spaces[i];
    bwc_symtab_each(o.sp->names, offer_decl, &o);
  }
  return g.best;
}

static void report_unknown(sema *s, file_info *fi, const char *name,
                           bwc_span at, const match *m, want w)
{
  const bwc_source *src = fi->file->source;
  const char *what = w == WANT_TYPE ? "type" : "constant";
  if (m->qual != NULL && m->qual->count == 0) {
    bwc_error(s->diag, src, at,
              "unknown %s '%s': no imported package matches '%s'", what,
              q(s, name), quote_n(s, name, (size_t)(m->base - name - 1)));
    return;
  }
  if (m->hidden != NULL) {
    bwc_error(s->diag, src, at, "unknown %s '%s'", what, q(s, name));
    bwc_note(s->diag, m->hidden->file->source, m->hidden->name_span,
             "'%s' is declared in '%s', which this file does not import",
             q(s, name), m->hidden->file->source->path);
    return;
  }
  const char *hint = closest_name(s, fi, m, w);
  if (hint == NULL) {
    bwc_error(s->diag, src, at, "unknown %s '%s'", what, q(s, name));
    return;
  }
  const char *prefix = "";
  if (m->qual != NULL)
    prefix = bwc_arena_printf(s->arena, "%s.",
                              quote_n(s, name, (size_t)(m->base - name - 1)));
  bwc_error(s->diag, src, at, "unknown %s '%s'; did you mean '%s%s'?", what,
            q(s, name), prefix, hint);
}

static void report_ambiguous(sema *s, file_info *fi, const char *name,
                             bwc_span at, const match *m)
{
  bwc_error(s->diag, fi->file->source, at,
            "'%s' is ambiguous: it could be '%s.%s' or '%s.%s'", q(s, name),
            q(s, m->decl->file->package), q(s, m->base),
            q(s, m->other->file->package), q(s, m->base));
  bwc_note(s->diag, m->decl->file->source, m->decl->name_span,
           "one is defined here");
  bwc_note(s->diag, m->other->file->source, m->other->name_span,
           "the other is defined here");
}

/* Looks NAME up from FI; reports and returns NULL when it names nothing
 * visible, or more than one thing. */
static bwc_decl *lookup(sema *s, file_info *fi, const char *name,
                        bwc_span at, want w)
{
  match m = find_name(s, fi, name);
  if (m.decl == NULL) {
    report_unknown(s, fi, name, at, &m, w);
    return NULL;
  }
  if (m.other != NULL) {
    report_ambiguous(s, fi, name, at, &m);
    return NULL;
  }
  return m.decl;
}

/* ---- Integer values and constants ------------------------------------ */

static void report_overflow(sema *s, file_info *fi, const bwc_bound *b)
{
  bwc_error(s->diag, fi->file->source, b->span,
            "value '%s' overflows 64 bits",
            span_text(s, fi->file->source, b->span));
}

/* Applies B's unit and sign to V, the value it names, and stores the
 * result in B.  Reports a result outside -2^63..2^64-1. */
static bool apply_unit_sign(sema *s, file_info *fi, bwc_bound *b, bwc_int v)
{
  uint64_t unit = b->unit != 0 ? b->unit : 1;
  /* Divide first: the product itself could wrap. */
  if (v.magnitude > UINT64_MAX / unit) {
    report_overflow(s, fi, b);
    return false;
  }
  v.magnitude *= unit;
  if (b->negative)
    v.negative = !v.negative;
  if (v.magnitude == 0)
    v.negative = false;
  if (v.negative && v.magnitude > (uint64_t)INT64_MAX + 1) {
    report_overflow(s, fi, b);
    return false;
  }
  b->value = v;
  b->resolved = true;
  return true;
}

static bwc_decl *lookup_const(sema *s, file_info *fi, const bwc_bound *b)
{
  const bwc_source *src = fi->file->source;
  if (builtin_kind(b->name) != BWC_TYPE_UNRESOLVED) {
    bwc_error(s->diag, src, b->span, "'%s' is a type, not a constant",
              q(s, b->name));
    return NULL;
  }
  bwc_decl *d = lookup(s, fi, b->name, b->span, WANT_CONST);
  if (d != NULL && d->kind != BWC_DECL_CONST) {
    bwc_error(s->diag, src, b->span, "'%s' is a %s, not a constant",
              q(s, b->name), decl_word(d));
    bwc_note(s->diag, d->file->source, d->name_span,
             "'%s' is defined here", q(s, d->name));
    return NULL;
  }
  return d;
}

static void chain_push(sema *s, bwc_decl *d)
{
  if (s->chain_len == s->chain_cap) {
    size_t cap = s->chain_cap ? s->chain_cap * 2 : 64;
    bwc_decl **grown = bwc_arena_alloc(s->arena, cap * sizeof *grown);
    if (s->chain_len > 0)
      memcpy(grown, s->chain, s->chain_len * sizeof *grown);
    s->chain = grown;
    s->chain_cap = cap;
  }
  s->chain[s->chain_len++] = d;
}

/* Reports the cycle that starts at HEAD, which the chain holds. */
static void report_const_cycle(sema *s, bwc_decl *head)
{
  size_t at = s->chain_len;
  while (at > 0 && s->chain[at - 1] != head)
    at--;
  const bwc_source *src = head->file->source;
  bwc_decl *last = s->chain[s->chain_len - 1];
  if (last == head) {
    bwc_error(s->diag, src, head->name_span,
              "constant '%s' is defined in terms of itself", q(s, head->name));
    return;
  }
  bwc_decl *next = s->chain[at];
  bwc_error(s->diag, src, head->name_span,
            "constant '%s' depends on itself through '%s'", q(s, head->name),
            q(s, next->name));
  bwc_note(s->diag, last->file->source, last->value.span,
           "'%s' refers back to '%s' here", q(s, last->name),
           q(s, head->name));
}

/* Evaluates a constant written as a literal. */
static void eval_literal(sema *s, bwc_decl *d)
{
  file_info *fi = info_of(s, d->file);
  bwc_bound *b = &d->value;
  if (b->invalid)
    return;
  if (b->kind == BWC_BOUND_FLOAT)
    bwc_error(s->diag, fi->file->source, b->span,
              "constant '%s' must be an integer, not %s", q(s, d->name),
              span_text(s, fi->file->source, b->span));
  else if (b->kind == BWC_BOUND_INT && b->literal_overflow)
    report_overflow(s, fi, b);
  else if (b->kind == BWC_BOUND_INT)
    apply_unit_sign(s, fi, b, bwc_int_from_u64(b->literal));
}

/* Follows D's chain of constants to its end without recursion (a chain
 * can be as long as the file allows), marking each step in progress so
 * that a cycle shows.  Returns where the walk stopped. */
static bwc_decl *walk_consts(sema *s, bwc_decl *d)
{
  for (;;) {
    if (d->const_state == 1)
      report_const_cycle(s, d);
    if (d->const_state != 0)
      return d;
    d->const_state = 1;
    if (d->value.kind != BWC_BOUND_CONST) {
      eval_literal(s, d);
      d->const_state = 2;
      return d;
    }
    chain_push(s, d);
    bwc_decl *next = lookup_const(s, info_of(s, d->file), &d->value);
    if (next == NULL) {
      s->chain_len--;
      d->const_state = 2;
      return d;
    }
    d = next;
  }
}

/* Resolves the constant D and every constant it depends on.  Returns
 * whether D has a value. */
static bool resolve_const(sema *s, bwc_decl *d)
{
  if (d->const_state == 2)
    return d->value.resolved;
  s->chain_len = 0;
  bwc_decl *target = walk_consts(s, d);

  /* Unwind: each constant on the chain takes the value of the next. */
  while (s->chain_len > 0) {
    bwc_decl *c = s->chain[--s->chain_len];
    if (target->const_state == 2 && target->value.resolved)
      apply_unit_sign(s, info_of(s, c->file), &c->value,
                      target->value.value);
    c->const_state = 2;
    target = c;
  }
  return d->value.resolved;
}

/* Resolves an integer bound written in FI into b->value.  Returns false
 * after reporting a problem, or quietly when the constant it names has
 * already been reported. */
static bool resolve_int(sema *s, file_info *fi, bwc_bound *b)
{
  if (b->invalid)
    return false;
  if (b->kind == BWC_BOUND_INT) {
    if (b->literal_overflow) {
      report_overflow(s, fi, b);
      return false;
    }
    return apply_unit_sign(s, fi, b, bwc_int_from_u64(b->literal));
  }
  if (b->kind != BWC_BOUND_CONST)
    return false;
  bwc_decl *c = lookup_const(s, fi, b);
  if (c == NULL || !resolve_const(s, c))
    return false;
  return apply_unit_sign(s, fi, b, c->value.value);
}

static void resolve_file_consts(sema *s, const file_info *fi)
{
  for (bwc_decl *d = fi->file->decls; d != NULL && !stopped(s); d = d->next)
    if (d->kind == BWC_DECL_CONST)
      resolve_const(s, d);
}

/* ---- Limits ---------------------------------------------------------- */

static const struct limit_key {
  const char *name;
  uint64_t min, max;
} limit_keys[] = {
  { "max_message_bytes", 1, MAX_SIZE_LIMIT },
  { "max_depth", 1, MAX_DEPTH_LIMIT },
  { "default_max_length", 1, MAX_SIZE_LIMIT },
  { "default_max_count", 1, MAX_SIZE_LIMIT },
};

enum { LIMIT_KEY_COUNT = sizeof limit_keys / sizeof limit_keys[0] };

static void store_limit(bwc_limits *limits, size_t key, uint64_t value)
{
  switch (key) {
  case 0: limits->max_message_bytes = value; break;
  case 1: limits->max_depth = value; limits->max_depth_set = true; break;
  case 2: limits->default_max_length = value; break;
  default: limits->default_max_count = value; break;
  }
}

static void report_unknown_limit(sema *s, file_info *fi, bwc_limit *line)
{
  suggestion g;
  suggestion_init(&g, s, line->name);
  for (size_t i = 0; i < LIMIT_KEY_COUNT; i++)
    suggestion_offer(&g, limit_keys[i].name);
  const bwc_source *src = fi->file->source;
  if (g.best != NULL)
    bwc_error(s->diag, src, line->name_span,
              "unknown limit '%s'; did you mean '%s'?", q(s, line->name),
              g.best);
  else
    bwc_error(s->diag, src, line->name_span,
              "unknown limit '%s'; the limits are max_message_bytes, "
              "max_depth, default_max_length and default_max_count",
              q(s, line->name));
}

/* Checks the value of a known limit and returns whether it is valid. */
static bool limit_value(sema *s, file_info *fi, bwc_limit *line, size_t key)
{
  const struct limit_key *k = &limit_keys[key];
  const bwc_source *src = fi->file->source;
  bwc_bound *b = &line->value;
  if (b->kind == BWC_BOUND_FLOAT) {
    bwc_error(s->diag, src, b->span, "limit '%s' must be an integer, not %s",
              k->name, span_text(s, src, b->span));
    return false;
  }
  if (!resolve_int(s, fi, b))
    return false;
  if (b->value.negative || b->value.magnitude < k->min ||
      b->value.magnitude > k->max) {
    bwc_error(s->diag, src, b->span, "%s %s is out of range %s..%s",
              k->name, int_text(s, b->value), u64_text(s, k->min),
              u64_text(s, k->max));
    return false;
  }
  return true;
}

static void check_limit(sema *s, file_info *fi, bwc_symtab *seen,
                        bwc_limit *line)
{
  size_t key = 0;
  while (key < LIMIT_KEY_COUNT && strcmp(limit_keys[key].name, line->name))
    key++;
  if (key == LIMIT_KEY_COUNT) {
    report_unknown_limit(s, fi, line);
    return;
  }
  bwc_limit *first = bwc_symtab_insert(seen, limit_keys[key].name, line);
  if (first != NULL) {
    bwc_error(s->diag, fi->file->source, line->name_span,
              "limit '%s' is set twice", limit_keys[key].name);
    bwc_note(s->diag, fi->file->source, first->name_span,
             "'%s' was first set here", limit_keys[key].name);
    return;
  }
  if (limit_value(s, fi, line, key))
    store_limit(&fi->file->limits, key, line->value.value.magnitude);
}

static void check_limits(sema *s, file_info *fi)
{
  bwc_limits *limits = &fi->file->limits;
  limits->max_message_bytes = DEFAULT_MAX_MESSAGE_BYTES;
  limits->max_depth = DEFAULT_MAX_DEPTH;
  limits->default_max_length = DEFAULT_MAX_LENGTH;
  limits->default_max_count = DEFAULT_MAX_COUNT;
  limits->max_depth_set = false;

  bwc_symtab *seen = bwc_symtab_new(s->arena);
  for (bwc_limit *l = fi->file->limit_lines; l != NULL && !stopped(s);
       l = l->next)
    check_limit(s, fi, seen, l);
}

/* ---- Constraints ----------------------------------------------------- */

static const bwc_source *source_of(const file_info *fi)
{
  return fi->file->source;
}

/* Checks one bound of an integer type against the type's range. */
static bool int_bound_ok(sema *s, file_info *fi, bwc_type *t, bwc_bound *b)
{
  if (b->kind == BWC_BOUND_OPEN)
    return true;
  const char *type = kind_name(t->kind);
  if (b->kind == BWC_BOUND_FLOAT) {
    bwc_error(s->diag, source_of(fi), b->span,
              "bound %s is not an integer; '%s' takes integer bounds",
              span_text(s, source_of(fi), b->span), type);
    return false;
  }
  if (!resolve_int(s, fi, b))
    return false;

  bwc_int min, max;
  int_range(t->kind, &min, &max);
  if (bwc_int_cmp(b->value, max) > 0)
    bwc_error(s->diag, source_of(fi), b->span,
              "bound %s is above the maximum %s of %s",
              int_text(s, b->value), int_text(s, max), type);
  else if (bwc_int_cmp(b->value, min) < 0)
    bwc_error(s->diag, source_of(fi), b->span,
              "bound %s is below the minimum %s of %s",
              int_text(s, b->value), int_text(s, min), type);
  else
    return true;
  return false;
}

static void check_int_order(sema *s, file_info *fi, bwc_constraint *c)
{
  if (!c->lo.resolved || !c->hi.resolved)
    return;
  if (bwc_int_cmp(c->lo.value, c->hi.value) > 0)
    bwc_error(s->diag, source_of(fi), c->span,
              "minimum %s is above maximum %s", int_text(s, c->lo.value),
              int_text(s, c->hi.value));
}

static void check_int_bounds(sema *s, file_info *fi, bwc_type *t)
{
  bool lo_ok = int_bound_ok(s, fi, t, &t->constraint.lo);
  bool hi_ok = int_bound_ok(s, fi, t, &t->constraint.hi);
  if (lo_ok && hi_ok)
    check_int_order(s, fi, &t->constraint);
}

/* Checks a length or count bound: an integer, never negative. */
static bool size_bound_ok(sema *s, file_info *fi, bwc_type *t, bwc_bound *b)
{
  const char *what = is_container(t->kind) ? "count" : "length";
  if (b->kind == BWC_BOUND_OPEN)
    return true;
  if (b->kind == BWC_BOUND_FLOAT) {
    bwc_error(s->diag, source_of(fi), b->span,
              "a %s must be an integer, not %s", what,
              span_text(s, source_of(fi), b->span));
    return false;
  }
  if (!resolve_int(s, fi, b))
    return false;
  if (b->value.negative) {
    bwc_error(s->diag, source_of(fi), b->span,
              "%s cannot be negative (found %s)", what,
              int_text(s, b->value));
    return false;
  }
  return true;
}

static void check_size_bounds(sema *s, file_info *fi, bwc_type *t)
{
  bool lo_ok = size_bound_ok(s, fi, t, &t->constraint.lo);
  bool hi_ok = size_bound_ok(s, fi, t, &t->constraint.hi);
  if (lo_ok && hi_ok)
    check_int_order(s, fi, &t->constraint);
}

/* The value of a float type's bound; false if it has none. */
static bool float_bound(sema *s, file_info *fi, bwc_bound *b, double *out)
{
  if (b->invalid)
    return false;
  if (b->kind == BWC_BOUND_FLOAT) {
    *out = b->real;
    return true;
  }
  if (!resolve_int(s, fi, b))
    return false;
  *out = (double)b->value.magnitude;
  if (b->value.negative)
    *out = -*out;
  return true;
}

/* True when V is finite and stays finite once rounded to T: for f32, any
 * value below FLT_MAX plus half a unit in its last place. */
static bool fits_float(bwc_type_kind t, double v)
{
  double limit = t == BWC_TYPE_F32 ? 0x1.ffffffp127 : 0x1.fffffffffffffp1023;
  bool inclusive = t == BWC_TYPE_F64;
  return inclusive ? v >= -limit && v <= limit : v > -limit && v < limit;
}

static bool float_bound_ok(sema *s, file_info *fi, bwc_type *t, bwc_bound *b,
                           double *out)
{
  if (b->kind == BWC_BOUND_OPEN || !float_bound(s, fi, b, out))
    return false;
  if (fits_float(t->kind, *out))
    return true;
  bwc_error(s->diag, source_of(fi), b->span,
            "bound %s is outside the finite range of %s",
            bound_text(s, source_of(fi), b), kind_name(t->kind));
  return false;
}

static void check_float_bounds(sema *s, file_info *fi, bwc_type *t)
{
  bwc_constraint *c = &t->constraint;
  double lo = 0, hi = 0;
  bool has_lo = float_bound_ok(s, fi, t, &c->lo, &lo);
  bool has_hi = float_bound_ok(s, fi, t, &c->hi, &hi);
  if (has_lo && has_hi && lo > hi)
    bwc_error(s->diag, source_of(fi), c->span,
              "minimum %s is above maximum %s",
              bound_text(s, source_of(fi), &c->lo),
              bound_text(s, source_of(fi), &c->hi));
}

static void check_nonfinite(sema *s, file_info *fi, bwc_type *t)
{
  bwc_constraint *c = &t->constraint;
  if (!is_float(t->kind))
    bwc_error(s->diag, source_of(fi), c->span,
              "'nonfinite' applies only to f32 and f64, not to '%s'",
              q(s, t->name));
  else if (c->lo.kind != BWC_BOUND_OPEN || c->hi.kind != BWC_BOUND_OPEN)
    bwc_error(s->diag, source_of(fi), c->span,
              "'nonfinite' cannot be combined with a range");
}

static void check_constraint(sema *s, file_info *fi, bwc_type *t)
{
  bwc_constraint *c = &t->constraint;
  if (!c->present)
    return;
  if (t->kind == BWC_TYPE_BOOL || t->kind == BWC_TYPE_ENUM ||
      is_message(t->kind)) {
    bwc_error(s->diag, source_of(fi), c->span,
              "type '%s' takes no constraint", q(s, t->name));
    return;
  }
  if (c->nonfinite)
    check_nonfinite(s, fi, t);
  else if (is_integer(t->kind))
    check_int_bounds(s, fi, t);
  else if (is_float(t->kind))
    check_float_bounds(s, fi, t);
  else
    check_size_bounds(s, fi, t);
}

/* A length or count with no maximum falls back to the file's default;
 * say so, since the schema reads as if there were no limit at all. */
static void warn_unbounded(sema *s, file_info *fi, const bwc_type *t)
{
  const bwc_constraint *c = &t->constraint;
  if (!is_sized(t->kind) || c->nonfinite)
    return;
  if (c->present && c->hi.kind != BWC_BOUND_OPEN)
    return;
  const bwc_limits *l = &fi->file->limits;
  bool count = is_container(t->kind);
  uint64_t limit = count ? l->default_max_count : l->default_max_length;
  if (c->present && c->lo.resolved && !c->lo.value.negative &&
      c->lo.value.magnitude > limit) {
    bwc_error(s->diag, source_of(fi), c->lo.span,
              "minimum %s is above the default maximum %s that applies "
              "here; state a maximum", u64_text(s, c->lo.value.magnitude),
              u64_text(s, limit));
    return;
  }
  const char *unit = t->kind == BWC_TYPE_STRING ? "code points"
                     : t->kind == BWC_TYPE_BYTES ? "bytes"
                     : t->kind == BWC_TYPE_LIST  ? "elements"
                                                 : "entries";
  bwc_warning(s->diag, source_of(fi), t->span,
              "%s has no maximum %s; the default limit of %s %s applies",
              kind_name(t->kind), count ? "count" : "length",
              u64_text(s, limit), unit);
}

/* ---- Types ----------------------------------------------------------- */

static size_t count_args(const bwc_type *t)
{
  size_t n = 0;
  for (const bwc_type_arg *a = t->args; a != NULL; a = a->next)
    n++;
  return n;
}

/* A list element or map value must not itself be a list or map: the
 * wire format has no way to nest repeated fields directly. */
static void check_nested(sema *s, file_info *fi, const bwc_type *inner,
                         const char *role)
{
  if (inner != NULL && is_container(inner->kind))
    bwc_error(s->diag, source_of(fi), inner->span,
              "%s cannot be a list or map; wrap it in a struct", role);
}

static void check_map_key(sema *s, file_info *fi, const bwc_type *key)
{
  bwc_type_kind k = key->kind;
  if (k == BWC_TYPE_ERROR || is_integer(k) || k == BWC_TYPE_STRING ||
      k == BWC_TYPE_ENUM)
    return;
  bwc_error(s->diag, source_of(fi), key->span,
            "a map key must be an integer type, string or enum, not '%s'",
            q(s, key->name));
}

static bwc_type_kind resolve_generic(sema *s, file_info *fi, bwc_type *t,
                                     bwc_type_kind kind)
{
  bool list = kind == BWC_TYPE_LIST;
  size_t want_args = list ? 1 : 2, n = count_args(t);
  if (!t->has_args) {
    bwc_error(s->diag, source_of(fi), t->name_span,
              list ? "'list' needs an element type, as in list<T>"
                   : "'map' needs a key and a value type, as in map<K, V>");
    return BWC_TYPE_ERROR;
  }
  if (n != want_args) {
    bwc_error(s->diag, source_of(fi), t->span,
              "'%s' takes %zu type argument%s, not %zu", kind_name(kind),
              want_args, want_args == 1 ? "" : "s", n);
    return BWC_TYPE_ERROR;
  }
  if (list) {
    t->elem = t->args->type;
    check_nested(s, fi, t->elem, "a list element");
  } else {
    t->key = t->args->type;
    t->elem = t->args->next->type;
    check_map_key(s, fi, t->key);
    check_nested(s, fi, t->elem, "a map value");
  }
  return kind;
}

static void report_type_args(sema *s, file_info *fi, const bwc_type *t)
{
  bwc_error(s->diag, source_of(fi), t->span,
            "type '%s' takes no type arguments", q(s, t->name));
}

static bwc_type_kind resolve_user(sema *s, file_info *fi, bwc_type *t)
{
  bwc_decl *d = lookup(s, fi, t->name, t->name_span, WANT_TYPE);
  if (d == NULL)
    return BWC_TYPE_ERROR;
  if (d->kind == BWC_DECL_CONST) {
    bwc_error(s->diag, source_of(fi), t->name_span,
              "'%s' is a constant, not a type", q(s, t->name));
    bwc_note(s->diag, d->file->source, d->name_span,
             "'%s' is defined here", q(s, d->name));
    return BWC_TYPE_ERROR;
  }
  if (t->has_args) {
    report_type_args(s, fi, t);
    return BWC_TYPE_ERROR;
  }
  t->decl = d;
  return d->kind == BWC_DECL_ENUM     ? BWC_TYPE_ENUM
         : d->kind == BWC_DECL_STRUCT ? BWC_TYPE_STRUCT
                                      : BWC_TYPE_UNION;
}

/* Resolves T and its arguments.  Recursion follows the nesting of type
 * arguments, which the parser caps. */
static void resolve_type(sema *s, file_info *fi, bwc_type *t)
{
  for (bwc_type_arg *a = t->args; a != NULL && !stopped(s); a = a->next)
    resolve_type(s, fi, a->type);

  bwc_type_kind kind = builtin_kind(t->name);
  if (is_container(kind)) {
    kind = resolve_generic(s, fi, t, kind);
  } else if (kind == BWC_TYPE_UNRESOLVED) {
    kind = resolve_user(s, fi, t);
  } else if (t->has_args) {
    report_type_args(s, fi, t);
    kind = BWC_TYPE_ERROR;
  }
  t->kind = kind;
  if (kind == BWC_TYPE_ERROR)
    return;
  check_constraint(s, fi, t);
  warn_unbounded(s, fi, t);
}

/* ---- Reserved numbers and names -------------------------------------- */

/* A declaration's reserved items, ready for lookups in log time. */
typedef struct reserved_set {
  bwc_reserved **ranges;    /* valid number ranges, sorted by start */
  bwc_reserved **reach;     /* reach[i]: of ranges[0..i], the one that
                               ends last */
  size_t count;
  bwc_symtab *names;        /* NULL when no name is reserved */
} reserved_set;

static int compare_ranges(const void *a, const void *b)
{
  const bwc_reserved *x = *(bwc_reserved *const *)a;
  const bwc_reserved *y = *(bwc_reserved *const *)b;
  if (x->lo != y->lo)
    return x->lo < y->lo ? -1 : 1;
  if (x->hi != y->hi)
    return x->hi < y->hi ? -1 : 1;
  return 0;
}

/* Checks a reserved number or range against MIN..MAX. */
static bool reserved_range_ok(sema *s, file_info *fi, const bwc_reserved *r,
                              uint64_t min, uint64_t max)
{
  const bwc_source *src = source_of(fi);
  const char *range = bwc_arena_printf(s->arena, "%s..%s", u64_text(s, min),
                                       u64_text(s, max));
  if (r->overflow)
    bwc_error(s->diag, src, r->span, "reserved '%s' is out of range %s",
              span_text(s, src, r->span), range);
  else if (r->lo == r->hi && (r->lo < min || r->lo > max))
    bwc_error(s->diag, src, r->span,
              "reserved number %" PRIu64 " is out of range %s", r->lo, range);
  else if (r->lo > r->hi)
    bwc_error(s->diag, src, r->span,
              "reserved range start %" PRIu64 " is above its end %" PRIu64,
              r->lo, r->hi);
  else if (r->lo < min || r->hi > max)
    bwc_error(s->diag, src, r->span,
              "reserved range %" PRIu64 "..%" PRIu64 " goes outside %s",
              r->lo, r->hi, range);
  else
    return true;
  return false;
}

static void sort_reserved(reserved_set *set)
{
  qsort(set->ranges, set->count, sizeof *set->ranges, compare_ranges);
  for (size_t i = 0; i < set->count; i++) {
    bwc_reserved *r = set->ranges[i];
    set->reach[i] = i > 0 && set->reach[i - 1]->hi > r->hi ? set->reach[i - 1]
                                                           : r;
  }
}

static void collect_reserved(sema *s, file_info *fi, const bwc_decl *d,
                             uint64_t min, uint64_t max, reserved_set *set)
{
  size_t n = 0;
  for (bwc_reserved *r = d->reserved; r != NULL; r = r->next)
    n++;
  set->ranges = bwc_arena_alloc(s->arena, (n + 1) * sizeof *set->ranges);
  set->reach = bwc_arena_alloc(s->arena, (n + 1) * sizeof *set->reach);
  set->count = 0;
  set->names = NULL;

  for (bwc_reserved *r = d->reserved; r != NULL && !stopped(s); r = r->next) {
    if (r->name != NULL && set->names == NULL)
      set->names = bwc_symtab_new(s->arena);
    if (r->name != NULL)
      bwc_symtab_insert(set->names, r->name, r);
    else if (reserved_range_ok(s, fi, r, min, max))
      set->ranges[set->count++] = r;
  }
  sort_reserved(set);
}

/* Returns the reserved range holding X, or NULL. */
static const bwc_reserved *find_reserved(const reserved_set *set, uint64_t x)
{
  size_t lo = 0, hi = set->count;   /* first range starting above X */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (set->ranges[mid]->lo <= x)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0 || set->reach[lo - 1]->hi < x)
    return NULL;
  return set->reach[lo - 1];
}

/* ---- Fields and members ---------------------------------------------- */

/* Tables for finding duplicates within one declaration. */
typedef struct body {
  bwc_decl *decl;
  reserved_set reserved;
  bwc_symtab *names;
  bwc_symtab *numbers;
} body;

/* A file can declare a hundred thousand small types, so the tables are
 * made only where a repeat is possible: with two entries or more. */
static void body_init(sema *s, file_info *fi, bwc_decl *d, body *b,
                      uint64_t min, uint64_t max)
{
  size_t n = 0;
  for (bwc_field *f = d->fields; f != NULL && n < 2; f = f->next)
    n++;
  for (bwc_member *m = d->members; m != NULL && n < 2; m = m->next)
    n++;
  b->decl = d;
  collect_reserved(s, fi, d, min, max, &b->reserved);
  b->names = n > 1 ? bwc_symtab_new(s->arena) : NULL;
  b->numbers = n > 1 ? bwc_symtab_new(s->arena) : NULL;
}

/* Checks a field or member name for repeats and reservations; WHAT says
 * "field" or "member", FIRST is where the name appeared before, if it
 * did.  Returns false after reporting. */
static bool name_ok(sema *s, file_info *fi, body *b, const char *what,
                    const char *name, bwc_span at, const bwc_span *first)
{
  const bwc_source *src = source_of(fi);
  if (first != NULL) {
    bwc_error(s->diag, src, at, "duplicate %s '%s' in %s '%s'", what,
              q(s, name), decl_word(b->decl), q(s, b->decl->name));
    bwc_note(s->diag, src, *first, "'%s' was first defined here",
             q(s, name));
    return false;
  }
  if (b->reserved.names == NULL)
    return true;
  const bwc_reserved *r = bwc_symtab_find(b->reserved.names, name);
  if (r != NULL) {
    bwc_error(s->diag, src, at, "%s '%s' uses a reserved name", what,
              q(s, name));
    bwc_note(s->diag, src, r->span, "'%s' is reserved here", q(s, name));
    return false;
  }
  return true;
}

static void check_field_name(sema *s, file_info *fi, body *b, bwc_field *f)
{
  bwc_field *first = NULL;
  if (b->names != NULL)
    first = bwc_symtab_insert(b->names, f->name, f);
  name_ok(s, fi, b, "field", f->name, f->name_span,
          first != NULL ? &first->name_span : NULL);
}

static bool field_number_in_range(sema *s, file_info *fi, const bwc_field *f)
{
  const bwc_source *src = source_of(fi);
  if (f->number_overflow || f->number < 1 || f->number > FIELD_NUMBER_MAX) {
    bwc_error(s->diag, src, f->number_span,
              "field number %s is out of range 1..%u",
              span_text(s, src, f->number_span), FIELD_NUMBER_MAX);
    return false;
  }
  if (f->number >= WIRE_RESERVED_LO && f->number <= WIRE_RESERVED_HI) {
    bwc_error(s->diag, src, f->number_span,
              "field number %" PRIu64 " is reserved by the protobuf wire "
              "format (%u..%u)", f->number, WIRE_RESERVED_LO,
              WIRE_RESERVED_HI);
    return false;
  }
  return true;
}

static void check_field_number(sema *s, file_info *fi, body *b, bwc_field *f)
{
  const bwc_source *src = source_of(fi);
  if (!field_number_in_range(s, fi, f))
    return;
  bwc_field *first = NULL;
  if (b->numbers != NULL)
    first = bwc_symtab_insert_number(b->numbers, f->number, f);
  if (first != NULL) {
    bwc_error(s->diag, src, f->number_span,
              "duplicate field number %" PRIu64 " in %s '%s'", f->number,
              decl_word(b->decl), q(s, b->decl->name));
    bwc_note(s->diag, src, first->number_span,
             "number %" PRIu64 " was first used by '%s' here", f->number,
             q(s, first->name));
    return;
  }
  const bwc_reserved *r = find_reserved(&b->reserved, f->number);
  if (r != NULL) {
    bwc_error(s->diag, src, f->number_span,
              "field '%s' uses reserved number %" PRIu64, q(s, f->name),
              f->number);
    bwc_note(s->diag, src, r->span, "number %" PRIu64 " is reserved here",
             f->number);
  }
}

static void check_optional(sema *s, file_info *fi, const bwc_decl *d,
                           const bwc_field *f)
{
  if (!f->optional)
    return;
  const bwc_source *src = source_of(fi);
  if (d->kind == BWC_DECL_UNION) {
    bwc_error(s->diag, src, f->optional_span,
              "union members cannot be optional");
    return;
  }
  bwc_type_kind k = f->type->kind;
  if (is_container(k))
    bwc_error(s->diag, src, f->optional_span,
              "a %s cannot be optional; an empty %s already means absent",
              kind_name(k), kind_name(k));
}

/* An empty list or map writes nothing, so a union holding one would
 * arrive with no member at all; protobuf's oneof refuses them too. */
static void check_union_member(sema *s, file_info *fi, const bwc_decl *d,
                               const bwc_field *f)
{
  if (d->kind == BWC_DECL_UNION && is_container(f->type->kind))
    bwc_error(s->diag, source_of(fi), f->type->span,
              "a union member cannot be a %s; wrap it in a struct",
              kind_name(f->type->kind));
}

static void check_field(sema *s, file_info *fi, body *b, bwc_field *f)
{
  check_field_name(s, fi, b, f);
  check_field_number(s, fi, b, f);
  if (f->type == NULL)
    return;
  resolve_type(s, fi, f->type);
  check_optional(s, fi, b->decl, f);
  check_union_member(s, fi, b->decl, f);
}

/* Reports an enum or union without members, unless a syntax error may
 * have dropped them: the parser has said what went wrong already. */
static void report_empty(sema *s, file_info *fi, const bwc_decl *d)
{
  if (fi->file->incomplete)
    return;
  bwc_error(s->diag, source_of(fi), d->name_span, "%s '%s' has no members",
            decl_word(d), q(s, d->name));
}

static void check_fields(sema *s, file_info *fi, bwc_decl *d)
{
  body b;
  body_init(s, fi, d, &b, 1, FIELD_NUMBER_MAX);
  if (d->kind == BWC_DECL_UNION && d->fields == NULL)
    report_empty(s, fi, d);
  for (bwc_field *f = d->fields; f != NULL && !stopped(s); f = f->next)
    check_field(s, fi, &b, f);
}

static void check_member_value(sema *s, file_info *fi, body *b,
                               bwc_member *m)
{
  const bwc_source *src = source_of(fi);
  if (m->value_overflow || m->value > ENUM_VALUE_MAX) {
    bwc_error(s->diag, src, m->value_span,
              "enum value %s is out of range 0..%u",
              span_text(s, src, m->value_span), ENUM_VALUE_MAX);
    return;
  }
  bwc_member *first = NULL;
  if (b->numbers != NULL)
    first = bwc_symtab_insert_number(b->numbers, m->value, m);
  if (first != NULL) {
    bwc_error(s->diag, src, m->value_span,
              "duplicate value %" PRIu64 " in enum '%s'", m->value,
              q(s, b->decl->name));
    bwc_note(s->diag, src, first->value_span,
             "value %" PRIu64 " was first used by '%s' here", m->value,
             q(s, first->name));
    return;
  }
  const bwc_reserved *r = find_reserved(&b->reserved, m->value);
  if (r != NULL) {
    bwc_error(s->diag, src, m->value_span,
              "member '%s' uses reserved value %" PRIu64, q(s, m->name),
              m->value);
    bwc_note(s->diag, src, r->span, "value %" PRIu64 " is reserved here",
             m->value);
  }
}

static void check_enum(sema *s, file_info *fi, bwc_decl *d)
{
  body b;
  body_init(s, fi, d, &b, 0, ENUM_VALUE_MAX);
  if (d->members == NULL)
    report_empty(s, fi, d);
  for (bwc_member *m = d->members; m != NULL && !stopped(s); m = m->next) {
    bwc_member *first = NULL;
    if (b.names != NULL)
      first = bwc_symtab_insert(b.names, m->name, m);
    name_ok(s, fi, &b, "member", m->name, m->name_span,
            first != NULL ? &first->name_span : NULL);
    check_member_value(s, fi, &b, m);
  }
}

static void check_decls(sema *s, file_info *fi)
{
  for (bwc_decl *d = fi->file->decls; d != NULL && !stopped(s); d = d->next) {
    if (d->kind == BWC_DECL_ENUM)
      check_enum(s, fi, d);
    else if (d->kind != BWC_DECL_CONST)
      check_fields(s, fi, d);
  }
}

/* ---- The type graph -------------------------------------------------- */

static node *node_for(sema *s, const bwc_decl *d)
{
  return bwc_symtab_find_number(s->node_of, address_key(d));
}

/* Adds an edge from FROM for every struct or union T names, arguments
 * included; only the outermost type of a required field is direct. */
static void add_edges(sema *s, node *from, bwc_field *f, const bwc_type *t,
                      bool direct)
{
  if (t == NULL)
    return;
  if (is_message(t->kind) && t->decl != NULL) {
    edge *e = BWC_NEW(s->arena, edge);
    e->to = node_for(s, t->decl);
    e->field = f;
    e->direct = direct && !f->optional;
    e->next = from->edges;
    from->edges = e;
  }
  for (const bwc_type_arg *a = t->args; a != NULL; a = a->next)
    add_edges(s, from, f, a->type, false);
}

static void make_nodes(sema *s)
{
  size_t n = 0;
  for (bwc_file *f = s->comp->files; f != NULL; f = f->next)
    for (bwc_decl *d = f->decls; d != NULL; d = d->next)
      n += d->kind == BWC_DECL_STRUCT || d->kind == BWC_DECL_UNION;
  s->nodes = bwc_arena_alloc(s->arena, (n + 1) * sizeof *s->nodes);
  s->node_of = bwc_symtab_new(s->arena);

  for (bwc_file *f = s->comp->files; f != NULL; f = f->next)
    for (bwc_decl *d = f->decls; d != NULL; d = d->next)
      if (d->kind == BWC_DECL_STRUCT || d->kind == BWC_DECL_UNION) {
        node *nd = &s->nodes[s->node_count++];
        nd->decl = d;
        bwc_symtab_insert_number(s->node_of, address_key(d), nd);
      }
}

static void build_graph(sema *s)
{
  make_nodes(s);
  for (size_t i = 0; i < s->node_count; i++) {
    node *nd = &s->nodes[i];
    for (bwc_field *f = nd->decl->fields; f != NULL; f = f->next)
      add_edges(s, nd, f, f->type, true);
    /* Keep field order, so that messages name the first field. */
    BWC_REVERSE(edge, nd->edges);
  }
}

/* Tarjan's strongly connected components, without recursion: a chain of
 * a hundred thousand declarations would overflow the C stack. */
typedef bool edge_filter(const edge *e);

typedef struct walk {
  node **calls, **stack;
  size_t ncalls, nstack;
  size_t counter, components;
  edge_filter *follow;
} walk;

static void open_node(walk *w, node *n)
{
  n->index = n->low = ++w->counter;
  n->cursor = n->edges;
  n->stack_at = w->nstack;
  n->on_stack = true;
  w->stack[w->nstack++] = n;
  w->calls[w->ncalls++] = n;
}

static bool has_loop(const walk *w, const node *n)
{
  for (const edge *e = n->edges; e != NULL; e = e->next)
    if (e->to == n && w->follow(e))
      return true;
  return false;
}

/* Pops the component whose root is N off the stack. */
static void close_component(walk *w, node *n)
{
  size_t begin = n->stack_at;
  bool cyclic = w->nstack - begin > 1 || has_loop(w, n);
  w->components++;
  for (size_t i = begin; i < w->nstack; i++) {
    node *m = w->stack[i];
    m->on_stack = false;
    m->cyclic = cyclic;
    m->component = w->components;
  }
  w->nstack = begin;
}

static void advance(walk *w, node *n)
{
  edge *e = n->cursor;
  n->cursor = e->next;
  if (!w->follow(e))
    return;
  if (e->to->index == 0)
    open_node(w, e->to);
  else if (e->to->on_stack && e->to->index < n->low)
    n->low = e->to->index;
}

static void walk_from(walk *w, node *root)
{
  open_node(w, root);
  while (w->ncalls > 0) {
    node *n = w->calls[w->ncalls - 1];
    if (n->cursor != NULL) {
      advance(w, n);
      continue;
    }
    w->ncalls--;
    if (n->low == n->index)
      close_component(w, n);
    if (w->ncalls > 0 && n->low < w->calls[w->ncalls - 1]->low)
      w->calls[w->ncalls - 1]->low = n->low;
  }
}

/* Marks every node that lies on a cycle of edges FOLLOW accepts. */
static void find_cycles(sema *s, edge_filter *follow)
{
  walk w = { NULL, NULL, 0, 0, 0, 0, follow };
  w.calls = bwc_arena_alloc(s->arena, (s->node_count + 1) * sizeof *w.calls);
  w.stack = bwc_arena_alloc(s->arena, (s->node_count + 1) * sizeof *w.stack);
  for (size_t i = 0; i < s->node_count; i++) {
    s->nodes[i].index = 0;
    s->nodes[i].on_stack = false;
  }
  for (size_t i = 0; i < s->node_count; i++)
    if (s->nodes[i].index == 0)
      walk_from(&w, &s->nodes[i]);
}

static bool any_edge(const edge *e)
{
  (void)e;
  return true;
}

/* The edges that keep a value from ever being finished: required fields
 * whose type has no finite value either. */
static bool blocking_edge(const edge *e)
{
  return e->direct && !e->to->encodable;
}

/* Whether N has a finite value before any other type is known to: a
 * union with a member of another kind, or a struct without required
 * struct or union fields.  A union with no members was reported already,
 * so it counts as encodable rather than cascading. */
static bool encodable_alone(node *n)
{
  bool is_union = n->decl->kind == BWC_DECL_UNION;
  if (is_union && n->decl->fields == NULL)
    return true;
  for (const edge *e = n->edges; e != NULL; e = e->next)
    n->pending += e->direct;
  if (!is_union)
    return n->pending == 0;
  for (const bwc_field *f = n->decl->fields; f != NULL; f = f->next)
    if (f->type == NULL || f->optional || !is_message(f->type->kind))
      return true;
  return false;
}

static void link_users(sema *s)
{
  for (size_t i = 0; i < s->node_count; i++)
    for (edge *e = s->nodes[i].edges; e != NULL; e = e->next)
      if (e->direct) {
        rev *r = BWC_NEW(s->arena, rev);
        r->from = &s->nodes[i];
        r->next = e->to->users;
        e->to->users = r;
      }
}

/* Finds the types that have a finite value, from those that have one on
 * their own outwards, each node entering the queue once. */
static void find_encodable(sema *s)
{
  node **queue = bwc_arena_alloc(s->arena,
                                 (s->node_count + 1) * sizeof *queue);
  size_t head = 0, tail = 0;
  link_users(s);
  for (size_t i = 0; i < s->node_count; i++)
    if (encodable_alone(&s->nodes[i])) {
      s->nodes[i].encodable = true;
      queue[tail++] = &s->nodes[i];
    }

  while (head < tail)
    for (rev *r = queue[head++]->users; r != NULL; r = r->next) {
      node *user = r->from;
      if (user->encodable)
        continue;
      bool done = user->decl->kind == BWC_DECL_UNION || --user->pending == 0;
      if (done) {
        user->encodable = true;
        queue[tail++] = user;
      }
    }
}

/* Reports N, a type on a cycle of required fields. */
static void report_unencodable(sema *s, const node *n)
{
  const edge *e = n->edges;
  while (e != NULL && !(blocking_edge(e) && e->to->component == n->component))
    e = e->next;
  if (e == NULL)
    return;
  bwc_error(s->diag, n->decl->file->source, n->decl->name_span,
            "%s '%s' contains itself through '%s' with no optional, list or "
            "map in between; no value of it could be encoded",
            decl_word(n->decl), q(s, n->decl->name), q(s, e->field->name));
}

static void report_graph(sema *s)
{
  for (size_t i = 0; i < s->node_count && !stopped(s); i++) {
    const node *n = &s->nodes[i];
    const bwc_decl *d = n->decl;
    if (!n->encodable && n->cyclic)
      report_unencodable(s, n);
    else if (d->recursive && !d->file->limits.max_depth_set)
      bwc_error(s->diag, d->file->source, d->name_span,
                "recursive type '%s' needs max_depth in a limits block",
                q(s, d->name));
  }
}

static void check_graph(sema *s)
{
  build_graph(s);
  find_cycles(s, any_edge);
  for (size_t i = 0; i < s->node_count; i++)
    s->nodes[i].decl->recursive = s->nodes[i].cyclic;
  find_encodable(s);
  find_cycles(s, blocking_edge);
  report_graph(s);
}

/* ---- Entry point ----------------------------------------------------- */

static void for_each_file(sema *s, void (*pass)(sema *, file_info *))
{
  for (bwc_file *f = s->comp->files; f != NULL && !stopped(s); f = f->next)
    pass(s, info_of(s, f));
}

static void consts_and_limits(sema *s, file_info *fi)
{
  resolve_file_consts(s, fi);
  check_limits(s, fi);
}

bool bwc_check(bwc_compilation *comp)
{
  sema s;
  memset(&s, 0, sizeof s);
  s.comp = comp;
  s.diag = comp->diag;
  s.arena = comp->arena;
  s.spaces = bwc_symtab_new(comp->arena);
  s.infos = bwc_symtab_new(comp->arena);
  s.suggest_budget = SUGGEST_BUDGET;

  collect_names(&s);
  for_each_file(&s, consts_and_limits);
  for_each_file(&s, check_decls);
  if (!stopped(&s))
    check_graph(&s);
  return comp->diag->errors == 0;
}
