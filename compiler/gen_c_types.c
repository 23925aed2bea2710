/* gen_c_types.c: the generated header, and the rule constants. */
#include <config.h>

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "gen_c_internal.h"

/* ---- Order of definitions ------------------------------------------- */

/* The struct or union whose complete definition a field of D needs
 * before D's own: one held by value and declared in the same file. */
static const bwc_decl *value_dep(const bwc_decl *d, const bwc_field *f)
{
  const bwc_type *t = f->type;
  if (t->kind == BWC_TYPE_MAP)
    t = t->elem;
  else if (t->kind == BWC_TYPE_LIST)
    return NULL;
  if (!gc_is_message(t) || gc_by_pointer(t, f->optional))
    return NULL;
  return t->decl->file == d->file ? t->decl : NULL;
}

/* Struct and union declarations of the file, each after those it holds
 * by value.  The walk keeps its own stack: a file may declare long
 * chains of types. */
static bwc_decl **definition_order(gen *g, size_t *count)
{
  size_t n = 0;
  for (bwc_decl *d = g->file->decls; d != NULL; d = d->next)
    n++;
  bwc_decl **order = bwc_arena_alloc(g->arena, (n + 1) * sizeof *order);
  bwc_decl **stack = bwc_arena_alloc(g->arena, (n + 1) * sizeof *stack);
  bwc_field **next = bwc_arena_alloc(g->arena, (n + 1) * sizeof *next);
  bwc_symtab *state = bwc_symtab_new(g->arena);
  size_t done = 0;
  for (bwc_decl *root = g->file->decls; root != NULL; root = root->next) {
    bool message = root->kind == BWC_DECL_STRUCT ||
                   root->kind == BWC_DECL_UNION;
    if (!message || bwc_symtab_find(state, gc_decl_name(g, root)))
      continue;
    size_t top = 0;
    stack[top] = root;
    next[top++] = root->fields;
    bwc_symtab_insert(state, gc_decl_name(g, root), root);
    while (top > 0) {
      bwc_decl *d = stack[top - 1];
      bwc_field *f = next[top - 1];
      if (f == NULL) {
        order[done++] = d;
        top--;
        continue;
      }
      next[top - 1] = f->next;
      bwc_decl *dep = (bwc_decl *)value_dep(d, f);
      if (dep == NULL || bwc_symtab_find(state, gc_decl_name(g, dep)))
        continue;
      bwc_symtab_insert(state, gc_decl_name(g, dep), dep);
      stack[top] = dep;
      next[top++] = dep->fields;
    }
  }
  *count = done;
  return order;
}

bwc_field **gc_sorted_fields(gen *g, const bwc_decl *d)
{
  size_t n = 0;
  for (bwc_field *f = d->fields; f != NULL; f = f->next)
    n++;
  bwc_field **out = bwc_arena_alloc(g->arena, (n + 1) * sizeof *out);
  n = 0;
  for (bwc_field *f = d->fields; f != NULL; f = f->next) {
    size_t at = n++;
    /* Insertion sort: fields are written mostly in order already. */
    while (at > 0 && out[at - 1]->number > f->number) {
      out[at] = out[at - 1];
      at--;
    }
    out[at] = f;
  }
  return out;
}

/* ---- Defaults ------------------------------------------------------- */

static bool range_holds_zero(const bwc_constraint *c)
{
  bwc_int zero = bwc_int_from_u64(0);
  if (!c->present)
    return true;
  if (c->lo.kind == BWC_BOUND_FLOAT && c->lo.real > 0)
    return false;
  if (c->hi.kind == BWC_BOUND_FLOAT && c->hi.real < 0)
    return false;
  if (c->lo.resolved && bwc_int_cmp(c->lo.value, zero) > 0)
    return false;
  if (c->hi.resolved && bwc_int_cmp(c->hi.value, zero) < 0)
    return false;
  return true;
}

static bool enum_has_zero(const bwc_decl *d)
{
  for (const bwc_member *m = d->members; m != NULL; m = m->next)
    if (m->value == 0)
      return true;
  return false;
}

bool gc_struct_default_ok(const bwc_decl *d)
{
  if (d->kind == BWC_DECL_UNION)
    return false;       /* a union always holds one member */
  for (const bwc_field *f = d->fields; f != NULL; f = f->next)
    if (!f->optional && !gc_default_ok(f->type))
      return false;
  return true;
}

bool gc_default_ok(const bwc_type *t)
{
  switch (t->kind) {
  case BWC_TYPE_ENUM:
    return enum_has_zero(t->decl);
  case BWC_TYPE_STRUCT:
  case BWC_TYPE_UNION:
    /* Sema refuses a struct that holds itself with nothing optional in
     * between, so this recursion ends. */
    return gc_struct_default_ok(t->decl);
  default:
    return range_holds_zero(&t->constraint);
  }
}

/* ---- Rule constants ------------------------------------------------- */

const char *gc_range_name(gen *g, const bwc_decl *d, const bwc_field *f,
                          const char *role)
{
  return bwc_arena_printf(g->arena, "R_%s_%s%s%s", d->name, f->name,
                          role[0] ? "_" : "", role);
}

static void int_limits(bwc_type_kind k, bwc_int *min, bwc_int *max)
{
  static const int bits[] = {
    [BWC_TYPE_I8] = 8, [BWC_TYPE_I16] = 16, [BWC_TYPE_I32] = 32,
    [BWC_TYPE_I64] = 64, [BWC_TYPE_U8] = 8, [BWC_TYPE_U16] = 16,
    [BWC_TYPE_U32] = 32, [BWC_TYPE_U64] = 64,
  };
  int n = bits[k];
  if (gc_is_unsigned(k)) {
    *min = bwc_int_from_u64(0);
    *max = bwc_int_from_u64(n == 64 ? UINT64_MAX : (UINT64_C(1) << n) - 1);
  } else {
    uint64_t half = UINT64_C(1) << (n - 1);
    *min = (bwc_int){ true, half };
    *max = bwc_int_from_u64(half - 1);
  }
}

static const char *int_literal(gen *g, bwc_int v, bool is_unsigned)
{
  if (is_unsigned)
    return bwc_arena_printf(g->arena, "UINT64_C(%" PRIu64 ")", v.magnitude);
  if (v.negative && v.magnitude == UINT64_C(1) << 63)
    return "INT64_MIN";
  return bwc_arena_printf(g->arena, "INT64_C(%s%" PRIu64 ")",
                          v.negative ? "-" : "", v.magnitude);
}

static void int_range(gen *g, const char *name, const bwc_type *t)
{
  bwc_int min, max;
  int_limits(t->kind, &min, &max);
  const bwc_constraint *c = &t->constraint;
  if (c->present && c->lo.resolved)
    min = c->lo.value;
  if (c->present && c->hi.resolved)
    max = c->hi.value;
  bool u = gc_is_unsigned(t->kind);
  bwc_out_printf(&g->c, "static const bw_%srange %s = {\n  %s, %s, \"%s\"\n};\n",
                 u ? "u" : "s", name, int_literal(g, min, u),
                 int_literal(g, max, u), gc_rule(g, t));
}

/* A float bound as the value will be compared: rounded to f32 first for
 * f32 fields, so that writing 0.1 admits the f32 nearest 0.1. */
static const char *float_literal(gen *g, const bwc_bound *b,
                                 bwc_type_kind k, const char *open)
{
  double v;
  if (b->kind == BWC_BOUND_FLOAT)
    v = b->real;
  else if (b->resolved)
    v = b->value.negative ? -(double)b->value.magnitude
                          : (double)b->value.magnitude;
  else
    return open;
  if (k == BWC_TYPE_F32)
    v = (double)(float)v;
  return bwc_arena_printf(g->arena, "%.17g", v);
}

static void float_range(gen *g, const char *name, const bwc_type *t)
{
  const bwc_constraint *c = &t->constraint;
  const char *lo = c->present ? float_literal(g, &c->lo, t->kind, "-HUGE_VAL")
                              : "-HUGE_VAL";
  const char *hi = c->present ? float_literal(g, &c->hi, t->kind, "HUGE_VAL")
                              : "HUGE_VAL";
  bwc_out_printf(&g->c,
                 "static const bw_frange %s = {\n  %s, %s, %s, \"%s\"\n};\n",
                 name, lo, hi, c->nonfinite ? "true" : "false",
                 gc_rule(g, t));
}

uint64_t gc_count_max(const bwc_file *f, const bwc_type *t)
{
  const bwc_constraint *c = &t->constraint;
  if (c->present && c->hi.resolved)
    return c->hi.value.magnitude;
  if (gc_is_container(t->kind))
    return f->limits.default_max_count;
  return f->limits.default_max_length;
}

static void length_range(gen *g, const char *name, const bwc_type *t)
{
  const bwc_constraint *c = &t->constraint;
  uint64_t min = c->present && c->lo.resolved ? c->lo.value.magnitude : 0;
  bwc_out_printf(&g->c,
                 "static const bw_lrange %s = {\n  %" PRIu64 "u, %" PRIu64
                 "u, \"%s\"\n};\n",
                 name, min, gc_count_max(g->file, t), gc_rule(g, t));
}

/* Emits the constant for a value of type T, if its kind has rules. */
static void value_range(gen *g, const char *name, const bwc_type *t)
{
  if (gc_is_unsigned(t->kind) || gc_is_signed(t->kind))
    int_range(g, name, t);
  else if (gc_is_float(t->kind))
    float_range(g, name, t);
  else if (t->kind == BWC_TYPE_STRING || t->kind == BWC_TYPE_BYTES)
    length_range(g, name, t);
}

static void field_ranges(gen *g, const bwc_decl *d, const bwc_field *f)
{
  const bwc_type *t = f->type;
  bool has_rule = gc_is_container(t->kind) || gc_is_unsigned(t->kind) ||
                  gc_is_signed(t->kind) || gc_is_float(t->kind) ||
                  t->kind == BWC_TYPE_STRING || t->kind == BWC_TYPE_BYTES;
  if (!has_rule)
    return;
  unsigned line, column;
  bwc_source_position(g->file->source, f->name_span.begin, &line, &column);
  bwc_out_printf(&g->c, "/* %s:%u: %s @%" PRIu64 " */\n",
                 g->file->source->path, line, f->name, f->number);
  if (t->kind == BWC_TYPE_LIST) {
    length_range(g, gc_range_name(g, d, f, "count"), t);
    value_range(g, gc_range_name(g, d, f, "item"), t->elem);
  } else if (t->kind == BWC_TYPE_MAP) {
    length_range(g, gc_range_name(g, d, f, "count"), t);
    value_range(g, gc_range_name(g, d, f, "key"), t->key);
    value_range(g, gc_range_name(g, d, f, "value"), t->elem);
  } else {
    value_range(g, gc_range_name(g, d, f, ""), t);
  }
}

void gc_ranges(gen *g)
{
  for (bwc_decl *d = g->file->decls; d != NULL; d = d->next) {
    if (d->kind != BWC_DECL_STRUCT && d->kind != BWC_DECL_UNION)
      continue;
    bwc_out_printf(&g->c, "\n/* Rules of %s. */\n", d->name);
    for (bwc_field *f = d->fields; f != NULL; f = f->next)
      field_ranges(g, d, f);
  }
}

/* ---- Header: types -------------------------------------------------- */

static void doc(gen *g, const char *text)
{
  if (text == NULL)
    return;
  bwc_out_printf(&g->h, "/*\n");
  bwc_out_comment(&g->h, " * ", text);
  bwc_out_printf(&g->h, " */\n");
}

static void emit_enum(gen *g, const bwc_decl *d)
{
  const char *name = gc_decl_name(g, d);
  bwc_out_printf(&g->h, "\n");
  doc(g, d->doc);
  bwc_out_printf(&g->h, "typedef enum %s {\n", name);
  g->h.indent++;
  for (const bwc_member *m = d->members; m != NULL; m = m->next) {
    doc(g, m->doc);
    bwc_out_printf(&g->h, "%s = %" PRIu64 ",\n", gc_enum_const(g, d, m),
                   m->value);
  }
  g->h.indent--;
  bwc_out_printf(&g->h,
                 "} %s;\n\n"
                 "/* Returns the name of VALUE, or NULL when VALUE is not a\n"
                 " * member. */\n"
                 "const char *%s_name(%s value);\n",
                 name, name, name);
}

const char *gc_entry_name(gen *g, const bwc_decl *d, const bwc_field *f)
{
  return bwc_arena_printf(g->arena, "%s_%s_entry", gc_decl_name(g, d),
                          f->name);
}

static const char *held_type(gen *g, const bwc_type *t, bool optional)
{
  return bwc_arena_printf(g->arena, "%s%s", gc_ctype(g, t),
                          gc_by_pointer(t, optional) ? " *" : " ");
}

static void emit_entry(gen *g, const bwc_decl *d, const bwc_field *f)
{
  const char *name = gc_entry_name(g, d, f);
  bwc_out_printf(&g->h,
                 "\n/* One entry of %s.%s. */\n"
                 "typedef struct %s {\n"
                 "  %skey;\n"
                 "  %svalue;\n"
                 "} %s;\n",
                 d->name, f->name, name, held_type(g, f->type->key, false),
                 held_type(g, f->type->elem, false), name);
}

static void emit_field(gen *g, const bwc_decl *d, const bwc_field *f)
{
  const bwc_type *t = f->type;
  const char *name = gc_member(g, f->name);
  doc(g, f->doc);
  if (t->kind == BWC_TYPE_LIST)
    bwc_out_printf(&g->h, "struct {\n  %s *items;\n  size_t count;\n} %s;",
                   gc_ctype(g, t->elem), name);
  else if (t->kind == BWC_TYPE_MAP)
    bwc_out_printf(&g->h, "struct {\n  %s *items;\n  size_t count;\n} %s;",
                   gc_entry_name(g, d, f), name);
  else if (f->optional && !gc_by_pointer(t, true))
    bwc_out_printf(&g->h, "bool has_%s;\n%s%s;", f->name,
                   held_type(g, t, false), name);
  else
    bwc_out_printf(&g->h, "%s%s;", held_type(g, t, f->optional), name);
  bwc_out_printf(&g->h, "  /* @%" PRIu64 " %s */\n", f->number,
                 gc_rule(g, t));
}

static void emit_struct(gen *g, const bwc_decl *d)
{
  for (const bwc_field *f = d->fields; f != NULL; f = f->next)
    if (f->type->kind == BWC_TYPE_MAP)
      emit_entry(g, d, f);
  bwc_out_printf(&g->h, "\n");
  doc(g, d->doc);
  bwc_out_printf(&g->h, "struct %s {\n", gc_decl_name(g, d));
  g->h.indent++;
  for (const bwc_field *f = d->fields; f != NULL; f = f->next)
    emit_field(g, d, f);
  if (d->fields == NULL)
    bwc_out_printf(&g->h, "char unused_;  /* C wants a member */\n");
  g->h.indent--;
  bwc_out_printf(&g->h, "};\n");
}

static void emit_union(gen *g, const bwc_decl *d)
{
  const char *name = gc_decl_name(g, d);
  bwc_out_printf(&g->h, "\n/* Which member of %s is set. */\n"
                        "typedef enum %s_which {\n  %s_unset = 0,\n",
                 d->name, name, name);
  for (const bwc_field *f = d->fields; f != NULL; f = f->next)
    bwc_out_printf(&g->h, "  %s = %" PRIu64 ",\n", gc_which_const(g, d, f),
                   f->number);
  bwc_out_printf(&g->h, "} %s_which;\n\n", name);
  doc(g, d->doc);
  bwc_out_printf(&g->h, "struct %s {\n  %s_which which;\n  union {\n", name,
                 name);
  g->h.indent += 2;
  for (const bwc_field *f = d->fields; f != NULL; f = f->next)
    emit_field(g, d, f);
  g->h.indent -= 2;
  bwc_out_printf(&g->h, "  } u;\n};\n");
}

/* ---- Header: functions ---------------------------------------------- */

static void emit_prototypes(gen *g, const bwc_decl *d)
{
  const char *n = gc_decl_name(g, d);
  bwc_out_printf(&g->h,
    "\n/* %s: see \"Generated functions\" in boundwire.h. */\n"
    "bool %s_decode(%s *out, const void *data, size_t len, "
    "bw_arena *arena,\n    const bw_decode_options *options, "
    "bw_error *err);\n"
    "bool %s_validate(const %s *value, bw_error *err);\n"
    "bool %s_encoded_size(const %s *value, size_t *size, bw_error *err);\n"
    "bool %s_encode(const %s *value, void *buf, size_t cap, size_t *len,\n"
    "    bw_error *err);\n"
    "extern const bw_type %s_type;\n"
    "/* The most arena memory a decode of LEN bytes can take. */\n"
    "size_t %s_arena_bound(size_t len);\n",
    gc_qualified(g, d), n, n, n, n, n, n, n, n, n, n);
}

/* Entry points the code generated for other schema files calls. */
static void emit_internal_prototypes(gen *g, const bwc_decl *d)
{
  const char *n = gc_decl_name(g, d);
  bwc_out_printf(&g->h,
    "bool %s__decode(bw_decoder *d, bw_reader *r, %s *out);\n"
    "bool %s__validate(const %s *v, uint32_t depth, uint32_t max_depth,\n"
    "    bw_error *err);\n"
    "size_t %s__size(const %s *v);\n"
    "uint8_t *%s__encode(const %s *v, uint8_t *p);\n",
    n, n, n, n, n, n, n, n);
}

static const char *guard_name(gen *g)
{
  char *s = bwc_arena_printf(g->arena, "BW_GEN_%s_BW_H", g->stem);
  for (char *p = s; *p; p++)
    *p = isalnum((unsigned char)*p) ? (char)toupper((unsigned char)*p) : '_';
  return s;
}

static void emit_includes(gen *g)
{
  bwc_out_printf(&g->h, "#include <boundwire.h>\n");
  for (const bwc_import *imp = g->file->imports; imp; imp = imp->next)
    if (imp->file != NULL)
      bwc_out_printf(&g->h, "#include \"%s.bw.h\"\n",
                     bwc_file_stem(g->arena, imp->file->source));
  bwc_out_printf(&g->h,
    "\n#if BW_VERSION_MAJOR != %d || BW_VERSION_MINOR != %d\n"
    "#error \"made for libboundwire %d.%d: regenerate it with its bwc\"\n"
    "#endif\n",
    BWC_RUNTIME_MAJOR, BWC_RUNTIME_MINOR, BWC_RUNTIME_MAJOR,
    BWC_RUNTIME_MINOR);
}

static void emit_forward(gen *g)
{
  bwc_out_printf(&g->h, "\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
  for (bwc_decl *d = g->file->decls; d != NULL; d = d->next)
    if (d->kind == BWC_DECL_STRUCT || d->kind == BWC_DECL_UNION)
      bwc_out_printf(&g->h, "typedef struct %s %s;\n", gc_decl_name(g, d),
                     gc_decl_name(g, d));
}

static void emit_enum_internals(gen *g, const bwc_decl *d)
{
  bwc_out_printf(&g->h, "bool %s__check(uint64_t value, size_t offset, "
                        "bw_error *err);\n", gc_decl_name(g, d));
}

void gc_header(gen *g)
{
  const char *guard = guard_name(g);
  bwc_out_printf(&g->h, "#ifndef %s\n#define %s\n\n", guard, guard);
  if (g->file->doc != NULL) {
    doc(g, g->file->doc);
    bwc_out_printf(&g->h, "\n");
  }
  emit_includes(g);
  emit_forward(g);
  for (bwc_decl *d = g->file->decls; d != NULL; d = d->next)
    if (d->kind == BWC_DECL_ENUM)
      emit_enum(g, d);
  size_t n;
  bwc_decl **order = definition_order(g, &n);
  for (size_t i = 0; i < n; i++) {
    if (order[i]->kind == BWC_DECL_STRUCT)
      emit_struct(g, order[i]);
    else
      emit_union(g, order[i]);
  }
  for (size_t i = 0; i < n; i++)
    emit_prototypes(g, order[i]);
  bwc_out_printf(&g->h, "\n/* Every type of this file, then NULL. */\n"
                        "extern const bw_type *const %s_bw_types[];\n",
                 gc_stem_ident(g));
  bwc_out_printf(&g->h, "\n/* For the code generated from other schema "
                        "files; not for applications. */\n");
  for (bwc_decl *d = g->file->decls; d != NULL; d = d->next)
    if (d->kind == BWC_DECL_ENUM)
      emit_enum_internals(g, d);
  for (size_t i = 0; i < n; i++)
    emit_internal_prototypes(g, order[i]);
  bwc_out_printf(&g->h, "\n#ifdef __cplusplus\n}\n#endif\n\n#endif\n");
}
