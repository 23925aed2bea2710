/* gen_py_conv.c: the conversions between the C structs of the C back
 * end and Python objects, for every struct and union a module knows.
 *
 * to_py_T builds the instance for a decoded value: the decoder has
 * checked every rule, so nothing here can fail but memory.  to_c_T fills
 * a C value from an instance for encode() and validate(): it checks the
 * type of each Python value (lists and dicts can be changed behind the
 * setters' back) and that each int fits its C type, then leaves every
 * rule to the C validator.  Fields are visited in number order, as the
 * validator visits them, and failures carry the same paths.
 */
#include <config.h>

#include <inttypes.h>
#include <string.h>

#include "gen_py_internal.h"

#define C(...) bwc_out_printf(&p->c, __VA_ARGS__)

void py_emit_prototypes(pygen *p)
{
  for (size_t i = 0; i < p->ndecls; i++) {
    py_decl *pd = p->decls[i];
    if (pd->decl->kind == BWC_DECL_ENUM && pd->referenced)
      C("static PyObject *py_%s(bwpy_state *st, int64_t v);\n", pd->cname);
    if (!py_is_message(pd->decl))
      continue;
    C("static PyObject *to_py_%s(bwpy_state *st, const void *value);\n"
      "static int to_c_%s(bwpy_enc *e, PyObject *obj, void *value,\n"
      "    uint32_t depth);\n", pd->cname, pd->cname);
  }
}

/* ---- To Python ---------------------------------------------------------- */

static void emit_enum_to_py(pygen *p, py_decl *pd)
{
  C("\nstatic PyObject *py_%s(bwpy_state *st, int64_t v)\n{\n"
    "  switch (v) {\n", pd->cname);
  int i = 1;
  for (const bwc_member *m = pd->decl->members; m != NULL; m = m->next)
    C("  case %" PRIu64 ":\n    return Py_NewRef(st->slots[SLOT_%s + %d]);"
      "\n", m->value, pd->cname, i++);
  C("  default:\n    return Py_NewRef(Py_None);\n  }\n}\n");
}

/* The expression of a new reference to the Python value of C value X of
 * scalar, enum or message type T; POINTER: X is a pointer. */
static const char *py_expr(pygen *p, const bwc_type *t, const char *x,
                           bool pointer, bool optional)
{
  bwc_arena *a = p->arena;
  if (t->kind == BWC_TYPE_BOOL)
    return bwc_arena_printf(a, "bwpy_py_bool(%s)", x);
  if (gc_is_unsigned(t->kind))
    return bwc_arena_printf(a, "PyLong_FromUnsignedLongLong(%s)", x);
  if (gc_is_signed(t->kind))
    return bwc_arena_printf(a, "PyLong_FromLongLong(%s)", x);
  if (gc_is_float(t->kind))
    return bwc_arena_printf(a, "PyFloat_FromDouble((double)%s)", x);
  if (t->kind == BWC_TYPE_STRING)
    return bwc_arena_printf(a, "bwpy_py_str(%s)", x);
  if (t->kind == BWC_TYPE_BYTES)
    return bwc_arena_printf(a, "bwpy_py_bytes(%s)", x);
  py_decl *pd = py_find(p, t->decl);
  if (t->kind == BWC_TYPE_ENUM)
    return bwc_arena_printf(a, "py_%s(st, (int64_t)%s)", pd->cname, x);
  if (!pointer)
    return bwc_arena_printf(a, "to_py_%s(st, &%s)", pd->cname, x);
  /* A NULL that is not an absent optional stands for the default. */
  const char *none = optional || t->kind == BWC_TYPE_UNION
      ? "Py_NewRef(Py_None)"
      : bwc_arena_printf(a, "bwpy_new_default(st, &INFO_%s)", pd->cname);
  return bwc_arena_printf(a, "%s != NULL ? to_py_%s(st, %s) : %s", x,
                          pd->cname, x, none);
}

static void to_py_list(pygen *p, const bwc_type *t, const char *x,
                       const char *dst)
{
  C("%s = bwpy_decoded_list(st, (Py_ssize_t)%s.count);\nif (%s == NULL)\n"
    "  goto fail;\nfor (size_t i = 0; i < %s.count; i++) {\n"
    "  PyObject *item = %s;\n  if (item == NULL)\n    goto fail;\n"
    "  PyList_SET_ITEM(%s, (Py_ssize_t)i, item);\n}\n", dst, x, dst, x,
    py_expr(p, t->elem, bwc_arena_printf(p->arena, "%s.items[i]", x), false,
            false), dst);
}

static void to_py_map(pygen *p, const bwc_type *t, const char *x,
                      const char *dst)
{
  const char *k = bwc_arena_printf(p->arena, "%s.items[i].key", x);
  const char *v = bwc_arena_printf(p->arena, "%s.items[i].value", x);
  C("%s = PyDict_New();\nif (%s == NULL)\n  goto fail;\n"
    "for (size_t i = 0; i < %s.count; i++) {\n"
    "  PyObject *mk = %s, *mv;\n  if (mk == NULL)\n    goto fail;\n"
    "  mv = %s;\n  if (mv == NULL || PyDict_SetItem(%s, mk, mv) < 0) {\n"
    "    Py_DECREF(mk);\n    Py_XDECREF(mv);\n    goto fail;\n  }\n"
    "  Py_DECREF(mk);\n  Py_DECREF(mv);\n}\n", dst, dst, x,
    py_expr(p, t->key, k, false, false),
    py_expr(p, t->elem, v, gc_by_pointer(t->elem, false), false), dst);
}

/* Emits statements that store in DST the Python value of field F, whose
 * C value is X; they jump to `fail` when memory runs out. */
static void to_py_field(pygen *p, const bwc_field *f, const char *x,
                        const char *has, const char *dst)
{
  const bwc_type *t = f->type;
  if (t->kind == BWC_TYPE_LIST) {
    to_py_list(p, t, x, dst);
    return;
  }
  if (t->kind == BWC_TYPE_MAP) {
    to_py_map(p, t, x, dst);
    return;
  }
  bool pointer = gc_by_pointer(t, f->optional);
  const char *expr = py_expr(p, t, x, pointer, f->optional);
  if (has != NULL)
    C("%s = %s ? %s : Py_NewRef(Py_None);\n", dst, has, expr);
  else
    C("%s = %s;\n", dst, expr);
  C("if (%s == NULL)\n  goto fail;\n", dst);
}

static const char *has_flag(pygen *p, const bwc_field *f)
{
  if (!f->optional || gc_by_pointer(f->type, true))
    return NULL;
  return bwc_arena_printf(p->arena, "v->has_%s", f->name);
}

static void emit_struct_to_py(pygen *p, py_decl *pd)
{
  C("\nstatic PyObject *to_py_%s(bwpy_state *st, const void *value)\n{\n"
    "  const %s *v = value;\n  PyObject *o = bwpy_alloc(st, SLOT_%s);\n"
    "  if (o == NULL)\n    return NULL;\n", pd->cname, pd->cname,
    pd->cname);
  if (pd->decl->fields == NULL)
    C("  (void)v;\n  return bwpy_decoded(st, o);\n}\n");
  if (pd->decl->fields == NULL)
    return;
  C("  PyObject **f = BWPY_F(o);\n");
  p->c.indent++;
  size_t i = 0;
  for (const bwc_field *f = pd->decl->fields; f != NULL; f = f->next, i++)
    to_py_field(p, f, py_c_field(p, "v->", f), has_flag(p, f),
                bwc_arena_printf(p->arena, "f[%zu]", i));
  p->c.indent--;
  C("  return bwpy_decoded(st, o);\nfail:\n  Py_DECREF(o);\n"
    "  return NULL;\n}\n");
}

static void emit_union_to_py(pygen *p, py_decl *pd)
{
  C("\nstatic PyObject *to_py_%s(bwpy_state *st, const void *value)\n{\n"
    "  const %s *v = value;\n  PyObject *x = NULL;\n  Py_ssize_t which;\n"
    "  switch (v->which) {\n", pd->cname, pd->cname);
  size_t i = 0;
  for (const bwc_field *f = pd->decl->fields; f != NULL; f = f->next, i++) {
    C("  case %s_is_%s:\n    which = %zu;\n", pd->cname, f->name, i);
    p->c.indent += 2;
    to_py_field(p, f, py_c_field(p, "v->u.", f), NULL, "x");
    p->c.indent -= 2;
    C("    break;\n");
  }
  C("  default:\n    return Py_NewRef(Py_None);\n  }\n"
    "  return bwpy_decoded_union(st, &INFO_%s, which, x);\n"
    "fail:\n  Py_XDECREF(x);\n  return NULL;\n}\n", pd->cname);
}

/* ---- To C --------------------------------------------------------------- */

static void int_bounds(bwc_type_kind k, bwc_int *min, bwc_int *max)
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

static const char *int_literal(pygen *p, bwc_int v, bool is_unsigned)
{
  if (is_unsigned)
    return bwc_arena_printf(p->arena, "UINT64_C(%" PRIu64 ")", v.magnitude);
  if (v.negative && v.magnitude == UINT64_C(1) << 63)
    return "INT64_MIN";
  return bwc_arena_printf(p->arena, "INT64_C(%s%" PRIu64 ")",
                          v.negative ? "-" : "", v.magnitude);
}

/* The rule of an int, as the C back end states it: the error for a
 * value that does not fit the C type names the same bounds. */
static const char *int_range(pygen *p, const bwc_decl *d, const bwc_type *t,
                             const char *name)
{
  bwc_int min, max;
  int_bounds(t->kind, &min, &max);
  const bwc_constraint *c = &t->constraint;
  if (c->present && c->lo.resolved)
    min = c->lo.value;
  if (c->present && c->hi.resolved)
    max = c->hi.value;
  bool u = gc_is_unsigned(t->kind);
  p->cg.file = d->file;
  C("static const bw_%srange %s = {\n  %s, %s, \"%s\"\n};\n", u ? "u" : "s",
    name, int_literal(p, min, u), int_literal(p, max, u),
    gc_rule(&p->cg, t));
  return name;
}

static const char *int_type_max(bwc_type_kind k)
{
  static const char *const names[] = {
    [BWC_TYPE_I8] = "INT8_MAX", [BWC_TYPE_I16] = "INT16_MAX",
    [BWC_TYPE_I32] = "INT32_MAX", [BWC_TYPE_I64] = "INT64_MAX",
    [BWC_TYPE_U8] = "UINT8_MAX", [BWC_TYPE_U16] = "UINT16_MAX",
    [BWC_TYPE_U32] = "UINT32_MAX", [BWC_TYPE_U64] = "UINT64_MAX",
  };
  return names[k];
}

static const char *int_type_min(bwc_type_kind k)
{
  static const char *const names[] = {
    [BWC_TYPE_I8] = "INT8_MIN", [BWC_TYPE_I16] = "INT16_MIN",
    [BWC_TYPE_I32] = "INT32_MIN", [BWC_TYPE_I64] = "INT64_MIN",
  };
  return names[k];
}

/* What a conversion needs to know about where its value sits. */
typedef struct slot_ctx {
  const bwc_decl *d;
  const bwc_field *f;
  const char *role;       /* "", "item", "key" or "value" */
  bool nullable;
  bool pointer;           /* a struct or union held by pointer */
} slot_ctx;

/* Emits statements converting Python value X (an expression) of scalar,
 * enum or message type T into lvalue DST; FAIL runs on failure. */
static void to_c_value(pygen *p, const bwc_type *t, const slot_ctx *s,
                       const char *x, const char *dst, const char *fail)
{
  const char *ct = gc_ctype(&p->cg, t);
  if (t->kind == BWC_TYPE_BOOL || gc_is_float(t->kind) ||
      t->kind == BWC_TYPE_STRING || t->kind == BWC_TYPE_BYTES) {
    static const char *const fn[] = {
      [BWC_TYPE_BOOL] = "bool", [BWC_TYPE_F32] = "f32",
      [BWC_TYPE_F64] = "f64", [BWC_TYPE_STRING] = "str",
      [BWC_TYPE_BYTES] = "bytes",
    };
    C("if (bwpy_to_%s(e, %s, &%s) < 0)\n  %s\n", fn[t->kind], x, dst, fail);
  } else if (gc_is_unsigned(t->kind) || gc_is_signed(t->kind)) {
    const char *range = bwc_arena_printf(
        p->arena, "PR_%s__%s%s%s", py_find(p, s->d)->cname, s->f->name,
        s->role[0] ? "_" : "", s->role);
    if (gc_is_unsigned(t->kind))
      C("{\n  uint64_t num;\n  if (bwpy_to_uint(e, %s, &%s, %s, &num) < 0)"
        "\n    %s\n  %s = (%s)num;\n}\n", x, range, int_type_max(t->kind), fail,
        dst, ct);
    else
      C("{\n  int64_t num;\n  if (bwpy_to_sint(e, %s, &%s, %s, %s, &num) < 0)"
        "\n    %s\n  %s = (%s)num;\n}\n", x, range, int_type_min(t->kind),
        int_type_max(t->kind), fail, dst, ct);
  } else if (t->kind == BWC_TYPE_ENUM) {
    C("{\n  int64_t num;\n  if (bwpy_to_enum(e, %s, &ENUM_%s, %s, &num) < 0)"
      "\n    %s\n  %s = (%s)num;\n}\n", x, py_find(p, t->decl)->cname,
      s->nullable ? "true" : "false", fail, dst, ct);
  } else {
    const char *n = py_find(p, t->decl)->cname;
    C("{\n  int rc = bwpy_to_msg_check(e, %s, &INFO_%s, %s);\n"
      "  if (rc < 0)\n    %s\n", x, n, s->nullable ? "true" : "false", fail);
    if (s->pointer)
      C("  if (rc == 0) {\n    %s *held = bwpy_enc_alloc(e, 1, sizeof *held);"
        "\n    if (held == NULL || to_c_%s(e, %s, held, depth + 1) < 0)\n"
        "      %s\n    %s = held;\n  }\n}\n", n, n, x, fail, dst);
    else
      C("  if (rc == 0 && to_c_%s(e, %s, &%s, depth + 1) < 0)\n    %s\n}\n",
        n, x, dst, fail);
  }
}

static const char *prepend_key(pygen *p, const bwc_type *key,
                               const char *k)
{
  if (key->kind == BWC_TYPE_STRING)
    return bwc_arena_printf(p->arena, "bw_error_prepend_key_str(&e->err, "
                            "%s.data, %s.len);", k, k);
  if (gc_is_signed(key->kind))
    return bwc_arena_printf(p->arena, "bw_error_prepend_key_int(&e->err, "
                            "%s);", k);
  return bwc_arena_printf(p->arena, "bw_error_prepend_key_uint(&e->err, "
                          "(uint64_t)%s);", k);
}

static void to_c_list(pygen *p, const slot_ctx *s, const char *x,
                      const char *dst, const char *fail)
{
  const bwc_type *t = s->f->type;
  slot_ctx item = { s->d, s->f, "item", false, false };
  C("{\n  PyObject *l = %s;\n  if (!PyList_Check(l)) {\n"
    "    bwpy_fail_type(e, l, \"%s\");\n    %s\n  }\n"
    "  size_t n = (size_t)PyList_GET_SIZE(l);\n"
    "  %s *a = bwpy_enc_alloc(e, n, sizeof *a);\n  if (a == NULL)\n    %s\n"
    "  %s.items = a;\n  %s.count = n;\n"
    "  for (size_t i = 0; i < n; i++) {\n", x, py_type_label(p, t), fail,
    gc_ctype(&p->cg, t->elem), fail, dst, dst);
  p->c.indent += 2;
  to_c_value(p, t->elem, &item, "PyList_GET_ITEM(l, (Py_ssize_t)i)",
             "a[i]", bwc_arena_printf(p->arena, "return bwpy_fail_index(e, "
                                      "i, \"%s\");", s->f->name));
  p->c.indent -= 2;
  C("  }\n}\n");
}

static void to_c_map(pygen *p, const slot_ctx *s, const char *x,
                     const char *dst, const char *fail)
{
  const bwc_type *t = s->f->type;
  const char *entry = gc_entry_name(&p->cg, s->d, s->f);
  slot_ctx key = { s->d, s->f, "key", false, false };
  slot_ctx val = { s->d, s->f, "value", false,
                   gc_by_pointer(t->elem, false) };
  C("{\n  PyObject *m = %s, *k, *x;\n  if (!PyDict_Check(m)) {\n"
    "    bwpy_fail_type(e, m, \"%s\");\n    %s\n  }\n"
    "  size_t n = (size_t)PyDict_GET_SIZE(m), i = 0;\n  Py_ssize_t pos = 0;\n"
    "  %s *a = bwpy_enc_alloc(e, n, sizeof *a);\n  if (a == NULL)\n    %s\n"
    "  while (i < n && PyDict_Next(m, &pos, &k, &x)) {\n", x,
    py_type_label(p, t), fail, entry, fail);
  p->c.indent += 2;
  to_c_value(p, t->key, &key, "k", "a[i].key",
             bwc_arena_printf(p->arena, "return bwpy_fail_key(e, m, k, "
                              "\"%s\");", s->f->name));
  to_c_value(p, t->elem, &val, "x", "a[i].value",
             bwc_arena_printf(p->arena, "{\n  %s\n  return bwpy_fail_field("
                              "e, \"%s\");\n}", prepend_key(p, t->key,
                                                           "a[i].key"),
                              s->f->name));
  C("i++;\n");
  p->c.indent -= 2;
  C("  }\n  qsort(a, i, sizeof *a, %s);\n  %s.items = a;\n"
    "  %s.count = i;\n}\n", gc_entry_fn(&p->cg, s->d, s->f, "pycmp"), dst,
    dst);
}

static void to_c_field(pygen *p, const bwc_decl *d, const bwc_field *f,
                       const char *x, const char *base)
{
  slot_ctx s = { d, f, "", py_nullable(d, f),
                 gc_by_pointer(f->type, f->optional) };
  const char *dst = py_c_field(p, base, f);
  const char *fail = bwc_arena_printf(p->arena, "return bwpy_fail_field(e, "
                                      "\"%s\");", f->name);
  if (f->type->kind == BWC_TYPE_LIST) {
    to_c_list(p, &s, x, dst, fail);
  } else if (f->type->kind == BWC_TYPE_MAP) {
    to_c_map(p, &s, x, dst, fail);
  } else if (has_flag(p, f) != NULL) {
    C("if (%s != Py_None) {\n  out->has_%s = true;\n", x, f->name);
    p->c.indent++;
    to_c_value(p, f->type, &s, x, dst, fail);
    p->c.indent--;
    C("}\n");
  } else {
    to_c_value(p, f->type, &s, x, dst, fail);
  }
}

static void emit_struct_to_c(pygen *p, py_decl *pd)
{
  C("\nstatic int to_c_%s(bwpy_enc *e, PyObject *obj, void *value,\n"
    "    uint32_t depth)\n{\n  %s *out = value;\n", pd->cname, pd->cname);
  C("  if (depth > e->max_depth)\n    return bwpy_too_deep(e, depth);\n");
  if (pd->decl->fields == NULL)
    C("  (void)obj;\n  (void)out;\n");
  p->c.indent++;
  bwc_field **sorted = gc_sorted_fields(&p->cg, pd->decl);
  for (size_t i = 0; sorted[i] != NULL; i++) {
    size_t index = 0;
    for (const bwc_field *f = pd->decl->fields; f != sorted[i]; f = f->next)
      index++;
    to_c_field(p, pd->decl, sorted[i],
               bwc_arena_printf(p->arena, "bwpy_get_field(obj, %zu)", index),
               "out->");
  }
  p->c.indent--;
  C("  return 0;\n}\n");
}

static void emit_union_to_c(pygen *p, py_decl *pd)
{
  C("\nstatic int to_c_%s(bwpy_enc *e, PyObject *obj, void *value,\n"
    "    uint32_t depth)\n{\n  %s *out = value;\n"
    "  bwpy_union *u = (bwpy_union *)obj;\n"
    "  PyObject *uv = u->value != NULL ? u->value : Py_None;\n"
    "  if (depth > e->max_depth)\n    return bwpy_too_deep(e, depth);\n"
    "  switch (u->which) {\n", pd->cname, pd->cname);
  size_t i = 0;
  for (const bwc_field *f = pd->decl->fields; f != NULL; f = f->next, i++) {
    C("  case %zu:\n    out->which = %s_is_%s;\n", i, pd->cname, f->name);
    p->c.indent += 2;
    to_c_field(p, pd->decl, f, "uv", "out->u.");
    p->c.indent -= 2;
    C("    return 0;\n");
  }
  C("  default:\n    return 0;\n  }\n}\n");
}

/* The ranges of ints, and the key order of maps, of D's fields. */
static void emit_field_helpers(pygen *p, py_decl *pd)
{
  const bwc_decl *d = pd->decl;
  for (const bwc_field *f = d->fields; f != NULL; f = f->next) {
    const bwc_type *t = f->type;
    const char *base = bwc_arena_printf(p->arena, "PR_%s__%s", pd->cname,
                                        f->name);
    bool is_int = gc_is_unsigned(t->kind) || gc_is_signed(t->kind);
    if (is_int)
      int_range(p, d, t, base);
    if (t->kind == BWC_TYPE_LIST &&
        (gc_is_unsigned(t->elem->kind) || gc_is_signed(t->elem->kind)))
      int_range(p, d, t->elem, bwc_arena_printf(p->arena, "%s_item", base));
    if (t->kind != BWC_TYPE_MAP)
      continue;
    if (gc_is_unsigned(t->key->kind) || gc_is_signed(t->key->kind))
      int_range(p, d, t->key, bwc_arena_printf(p->arena, "%s_key", base));
    if (gc_is_unsigned(t->elem->kind) || gc_is_signed(t->elem->kind))
      int_range(p, d, t->elem, bwc_arena_printf(p->arena, "%s_value", base));
    C("\nstatic int %s(const void *a, const void *b)\n{\n"
      "  const %s *x = a, *y = b;\n", gc_entry_fn(&p->cg, d, f, "pycmp"),
      gc_entry_name(&p->cg, d, f));
    if (t->key->kind == BWC_TYPE_STRING)
      C("  return bw_cmp_str(x->key, y->key);\n}\n");
    else
      C("  return (x->key > y->key) - (x->key < y->key);\n}\n");
  }
}

void py_emit_conversions(pygen *p)
{
  for (size_t i = 0; i < p->ndecls; i++) {
    py_decl *pd = p->decls[i];
    if (pd->decl->kind == BWC_DECL_ENUM) {
      if (pd->referenced)
        emit_enum_to_py(p, pd);
      continue;
    }
    C("\n");
    emit_field_helpers(p, pd);
    if (pd->decl->kind == BWC_DECL_UNION) {
      emit_union_to_py(p, pd);
      emit_union_to_c(p, pd);
    } else {
      emit_struct_to_py(p, pd);
      emit_struct_to_c(p, pd);
    }
  }
}
