/* gen_c_encode.c: generated validation, sizing, encoding, and the public
 * entry points of each type.
 *
 * Canonical output: fields in ascending number order, values equal to
 * their default left out (unless the field is optional and present, or
 * a union member), scalar lists packed, map entries in key order with
 * both key and value written, minimal varints.
 */
#include <config.h>

#include <inttypes.h>
#include <string.h>

#include "gen_c_internal.h"

#define C(...) bwc_out_printf(&g->c, __VA_ARGS__)

static const char *fail_field(gen *g, const bwc_field *f)
{
  return bwc_arena_printf(g->arena, "return bw_fail_field(err, \"%s\");",
                          f->name);
}

static const char *fail_index(gen *g, const bwc_field *f)
{
  return bwc_arena_printf(g->arena, "return bw_fail_index(err, i, \"%s\");",
                          f->name);
}

static const char *member(gen *g, const char *base, const bwc_field *f)
{
  return bwc_arena_printf(g->arena, "%s%s", base, gc_member(g, f->name));
}

/* ---- Validation ----------------------------------------------------- */

/* Emits the check of value EXPR of type T against RANGE; FAIL runs when
 * it breaks a rule.  POINTER: EXPR is a pointer to a struct or union. */
static void check_value(gen *g, const bwc_type *t, const char *expr,
                        bool pointer, bool optional, const char *range,
                        const char *fail)
{
  const char *ct = gc_ctype(g, t);
  if (t->kind == BWC_TYPE_BOOL)
    return;             /* every bool is valid */
  if (gc_is_unsigned(t->kind))
    C("if (!bw_check_uint(%s, &%s, err))\n  %s\n", expr, range, fail);
  else if (gc_is_signed(t->kind))
    C("if (!bw_check_sint(%s, &%s, err))\n  %s\n", expr, range, fail);
  else if (gc_is_float(t->kind))
    C("if (!bw_check_f64(%s, &%s, err))\n  %s\n", expr, range, fail);
  else if (t->kind == BWC_TYPE_STRING)
    C("if (!bw_check_str(%s, &%s, err))\n  %s\n", expr, range, fail);
  else if (t->kind == BWC_TYPE_BYTES)
    C("if (!bw_check_bytes(%s, &%s, err))\n  %s\n", expr, range, fail);
  else if (t->kind == BWC_TYPE_ENUM)
    C("if (!%s__check((uint64_t)%s, 0, err))\n  %s\n", ct, expr, fail);
  else if (!pointer)
    C("if (!%s__validate(&%s, depth + 1, max_depth, err))\n  %s\n", ct,
      expr, fail);
  else if (optional)
    C("if (%s != NULL && !%s__validate(%s, depth + 1, max_depth, err))\n"
      "  %s\n", expr, ct, expr, fail);
  else
    /* A struct held by pointer for recursion only: NULL stands for its
     * default value. */
    C("{\n  %s none;\n  memset(&none, 0, sizeof none);\n"
      "  if (!%s__validate(%s != NULL ? %s : &none, depth + 1, max_depth, "
      "err))\n    %s\n}\n", ct, ct, expr, expr, fail);
}

static void check_map(gen *g, const bwc_decl *d, const bwc_field *f,
                      const char *expr)
{
  const bwc_type *key = f->type->key, *val = f->type->elem;
  C("for (size_t i = 0; i < %s.count; i++) {\n", expr);
  g->c.indent++;
  const char *k = bwc_arena_printf(g->arena, "%s.items[i].key", expr);
  const char *v = bwc_arena_printf(g->arena, "%s.items[i].value", expr);
  const char *bad_key = bwc_arena_printf(
      g->arena, "{\n  bw_error_prepend_field(err, \"key\");\n  %s\n}",
      fail_index(g, f));
  check_value(g, key, k, false, false, gc_range_name(g, d, f, "key"),
              bad_key);
  const char *path =
      key->kind == BWC_TYPE_STRING
          ? bwc_arena_printf(g->arena, "bw_error_prepend_key_str(err, "
                                       "%s.data, %s.len);", k, k)
      : gc_is_signed(key->kind)
          ? bwc_arena_printf(g->arena,
                             "bw_error_prepend_key_int(err, %s);", k)
          : bwc_arena_printf(g->arena,
                             "bw_error_prepend_key_uint(err, %s);", k);
  const char *bad_value = bwc_arena_printf(g->arena, "{\n  %s\n  %s\n}",
                                           path, fail_field(g, f));
  check_value(g, val, v, gc_by_pointer(val, false), false,
              gc_range_name(g, d, f, "value"), bad_value);
  g->c.indent--;
  const char *less = key->kind == BWC_TYPE_STRING
      ? "bw_cmp_str(%s.items[i - 1].key, %s.items[i].key)"
      : "((%s.items[i - 1].key > %s.items[i].key) - "
        "(%s.items[i - 1].key < %s.items[i].key))";
  C("}\nfor (size_t i = 1; i < %s.count; i++) {\n  int order = ", expr);
  C(less, expr, expr, expr, expr);
  C(";\n  if (order < 0)\n    continue;\n"
    "  bw_error_set(err, order == 0 ? BW_ERR_DUPLICATE_KEY : "
    "BW_ERR_UNSORTED_KEYS, 0);\n  %s\n  %s\n}\n", path, fail_field(g, f));
}

static void check_field(gen *g, const bwc_decl *d, const bwc_field *f,
                        const char *base)
{
  const bwc_type *t = f->type;
  const char *expr = member(g, base, f);
  if (gc_is_container(t->kind))
    C("if (!bw_check_count(%s.count, &%s, 0, err))\n  %s\n", expr,
      gc_range_name(g, d, f, "count"), fail_field(g, f));
  if (t->kind == BWC_TYPE_LIST) {
    const bwc_type *e = t->elem;
    if (e->kind == BWC_TYPE_BOOL)
      return;
    C("for (size_t i = 0; i < %s.count; i++) {\n", expr);
    g->c.indent++;
    check_value(g, e, bwc_arena_printf(g->arena, "%s.items[i]", expr),
                false, false, gc_range_name(g, d, f, "item"),
                fail_index(g, f));
    g->c.indent--;
    C("}\n");
  } else if (t->kind == BWC_TYPE_MAP) {
    check_map(g, d, f, expr);
  } else if (t->kind != BWC_TYPE_BOOL) {
    bool pointer = gc_by_pointer(t, f->optional);
    bool flag = f->optional && !pointer;
    if (flag)
      C("if (v->has_%s) {\n", f->name);
    g->c.indent += flag;
    check_value(g, t, expr, pointer, f->optional,
                gc_range_name(g, d, f, ""), fail_field(g, f));
    g->c.indent -= flag;
    if (flag)
      C("}\n");
  }
}

static void emit_validate(gen *g, const bwc_decl *d)
{
  const char *name = gc_decl_name(g, d);
  C("\nbool %s__validate(const %s *v, uint32_t depth, uint32_t max_depth,\n"
    "    bw_error *err)\n{\n  if (!bw_check_depth(depth, max_depth, err))\n"
    "    return false;\n", name, name);
  if (d->fields == NULL)
    C("  (void)v;\n");
  g->c.indent++;
  if (d->kind == BWC_DECL_STRUCT) {
    bwc_field **sorted = gc_sorted_fields(g, d);
    for (size_t i = 0; sorted[i] != NULL; i++)
      check_field(g, d, sorted[i], "v->");
  } else {
    C("switch (v->which) {\n");
    for (const bwc_field *f = d->fields; f != NULL; f = f->next) {
      C("case %s:\n", gc_which_const(g, d, f));
      g->c.indent++;
      check_field(g, d, f, "v->u.");
      C("return true;\n");
      g->c.indent--;
    }
    C("default:\n  return bw_error_set(err, BW_ERR_UNION_EMPTY, 0);\n}\n");
  }
  g->c.indent--;
  C("  return true;\n}\n");
}

/* ---- Sizes ---------------------------------------------------------- */

static unsigned tag_size(uint64_t number)
{
  uint64_t key = number << 3;
  unsigned n = 1;
  while (key >= 0x80) {
    key >>= 7;
    n++;
  }
  return n;
}

/* The expression for the payload size of value EXPR of type T, without
 * its tag: for a length-delimited value, its length prefix included. */
static const char *value_size(gen *g, const bwc_type *t, const char *expr,
                              bool pointer)
{
  bwc_arena *a = g->arena;
  if (gc_is_unsigned(t->kind) || t->kind == BWC_TYPE_ENUM)
    return bwc_arena_printf(a, "bw_varint_size((uint64_t)%s)", expr);
  if (gc_is_signed(t->kind))
    return bwc_arena_printf(a, "bw_varint_size(bw_zigzag_encode64(%s))",
                            expr);
  if (t->kind == BWC_TYPE_BOOL)
    return "1";
  if (t->kind == BWC_TYPE_F32)
    return "4";
  if (t->kind == BWC_TYPE_F64)
    return "8";
  if (t->kind == BWC_TYPE_STRING || t->kind == BWC_TYPE_BYTES)
    return bwc_arena_printf(a, "bw_len_size(%s.len)", expr);
  if (pointer)
    /* A pointer held for recursion only is NULL for the default value,
     * an empty message. */
    return bwc_arena_printf(a, "bw_len_size(%s != NULL ? %s__size(%s) : 0)",
                            expr, gc_ctype(g, t), expr);
  return bwc_arena_printf(a, "bw_len_size(%s__size(&%s))", gc_ctype(g, t),
                          expr);
}

/* The condition under which a singular value is written: it differs
 * from its type's default. */
static const char *non_default(gen *g, const bwc_type *t, const char *expr)
{
  bwc_arena *a = g->arena;
  if (t->kind == BWC_TYPE_F32)
    return bwc_arena_printf(a, "bw_float_to_bits(%s) != 0", expr);
  if (t->kind == BWC_TYPE_F64)
    return bwc_arena_printf(a, "bw_double_to_bits(%s) != 0", expr);
  if (t->kind == BWC_TYPE_STRING || t->kind == BWC_TYPE_BYTES)
    return bwc_arena_printf(a, "%s.len != 0", expr);
  return bwc_arena_printf(a, "%s != 0", expr);
}

static void emit_entry_size(gen *g, const bwc_decl *d, const bwc_field *f)
{
  const bwc_type *val = f->type->elem;
  C("\nstatic size_t %s(const %s *e)\n{\n  return 2 + %s + %s;\n}\n",
    gc_entry_fn(g, d, f, "entry_size"), gc_entry_name(g, d, f),
    value_size(g, f->type->key, "e->key", false),
    value_size(g, val, "e->value", gc_by_pointer(val, false)));
}

static void size_list(gen *g, const bwc_decl *d, const bwc_field *f,
                      const char *expr, unsigned tag)
{
  const bwc_type *e = f->type->elem;
  const char *item = bwc_arena_printf(g->arena, "%s.items[i]", expr);
  if (f->type->kind == BWC_TYPE_MAP)
    C("for (size_t i = 0; i < %s.count; i++)\n"
      "  n += %u + bw_len_size(%s(&%s));\n", expr, tag,
      gc_entry_fn(g, d, f, "entry_size"), item);
  else if (!gc_is_packed(e->kind))
    C("for (size_t i = 0; i < %s.count; i++)\n  n += %u + %s;\n", expr, tag,
      value_size(g, e, item, false));
  else
    C("if (%s.count > 0) {\n  size_t payload = 0;\n"
      "  for (size_t i = 0; i < %s.count; i++)\n    payload += %s;\n"
      "  n += %u + bw_len_size(payload);\n}\n", expr, expr,
      value_size(g, e, item, false), tag);
}

static void size_message(gen *g, const bwc_type *t, const char *expr,
                         bool pointer, bool optional, unsigned tag)
{
  const char *ct = gc_ctype(g, t);
  if (optional)
    C("if (%s != NULL)\n  n += %u + bw_len_size(%s__size(%s));\n", expr, tag,
      ct, expr);
  else
    C("{\n  size_t m = %s%s__size(%s%s);\n"
      "  if (m != 0)\n    n += %u + bw_len_size(m);\n}\n",
      pointer ? bwc_arena_printf(g->arena, "%s == NULL ? 0 : ", expr) : "",
      ct, pointer ? "" : "&", expr, tag);
}

static void size_field(gen *g, const bwc_decl *d, const bwc_field *f,
                       const char *base, bool member_of_union)
{
  const bwc_type *t = f->type;
  const char *expr = member(g, base, f);
  unsigned tag = tag_size(f->number);
  bool pointer = gc_by_pointer(t, f->optional);
  if (gc_is_container(t->kind))
    size_list(g, d, f, expr, tag);
  else if (member_of_union)
    C("n += %u + %s;\n", tag, value_size(g, t, expr, pointer));
  else if (gc_is_message(t))
    size_message(g, t, expr, pointer, f->optional, tag);
  else
    C("if (%s)\n  n += %u + %s;\n",
      f->optional ? bwc_arena_printf(g->arena, "v->has_%s", f->name)
                  : non_default(g, t, expr),
      tag, value_size(g, t, expr, false));
}

static void emit_size(gen *g, const bwc_decl *d)
{
  const char *name = gc_decl_name(g, d);
  C("\nsize_t %s__size(const %s *v)\n{\n  size_t n = 0;\n", name, name);
  if (d->fields == NULL)
    C("  (void)v;\n");
  g->c.indent++;
  if (d->kind == BWC_DECL_STRUCT) {
    bwc_field **sorted = gc_sorted_fields(g, d);
    for (size_t i = 0; sorted[i] != NULL; i++)
      size_field(g, d, sorted[i], "v->", false);
  } else {
    C("switch (v->which) {\n");
    for (const bwc_field *f = d->fields; f != NULL; f = f->next) {
      C("case %s:\n", gc_which_const(g, d, f));
      g->c.indent++;
      size_field(g, d, f, "v->u.", true);
      C("break;\n");
      g->c.indent--;
    }
    C("default:\n  break;\n}\n");
  }
  g->c.indent--;
  C("  return n;\n}\n");
}

/* ---- Encoding ------------------------------------------------------- */

/* Emits the backwards write of the payload of value EXPR of type T.  A
 * float that may be NaN gets its canonical bits; one that must be finite
 * has been validated before it is written. */
static void put_value(gen *g, const bwc_type *t, const char *expr,
                      bool pointer)
{
  if (gc_is_unsigned(t->kind) || t->kind == BWC_TYPE_ENUM)
    C("p = bw_put_varint(p, (uint64_t)%s);\n", expr);
  else if (gc_is_signed(t->kind))
    C("p = bw_put_varint(p, bw_zigzag_encode64(%s));\n", expr);
  else if (t->kind == BWC_TYPE_BOOL)
    C("p = bw_put_varint(p, %s ? 1 : 0);\n", expr);
  else if (t->kind == BWC_TYPE_F32)
    C("p = bw_put_fixed32(p, bw_%s(%s));\n",
      t->constraint.nonfinite ? "float_wire_bits" : "float_to_bits", expr);
  else if (t->kind == BWC_TYPE_F64)
    C("p = bw_put_fixed64(p, bw_%s(%s));\n",
      t->constraint.nonfinite ? "double_wire_bits" : "double_to_bits",
      expr);
  else if (t->kind == BWC_TYPE_STRING || t->kind == BWC_TYPE_BYTES)
    C("p = bw_put_raw(p, %s.data, %s.len);\n"
      "p = bw_put_varint(p, %s.len);\n", expr, expr, expr);
  else if (pointer)
    C("{\n  uint8_t *end = p;\n  if (%s != NULL)\n"
      "    p = %s__encode(%s, p);\n"
      "  p = bw_put_varint(p, (uint64_t)(end - p));\n}\n",
      expr, gc_ctype(g, t), expr);
  else
    C("{\n  uint8_t *end = p;\n  p = %s__encode(&%s, p);\n"
      "  p = bw_put_varint(p, (uint64_t)(end - p));\n}\n",
      gc_ctype(g, t), expr);
}

static void put_tagged(gen *g, const bwc_type *t, const char *expr,
                       bool pointer, uint64_t number)
{
  put_value(g, t, expr, pointer);
  C("p = bw_put_tag(p, %" PRIu64 ", %s);\n", number, gc_wire(t->kind));
}

static void emit_entry_put(gen *g, const bwc_decl *d, const bwc_field *f)
{
  const bwc_type *val = f->type->elem;
  C("\nstatic uint8_t *%s(const %s *e, uint8_t *p)\n{\n",
    gc_entry_fn(g, d, f, "entry_put"), gc_entry_name(g, d, f));
  g->c.indent++;
  put_tagged(g, val, "e->value", gc_by_pointer(val, false), 2);
  put_tagged(g, f->type->key, "e->key", false, 1);
  g->c.indent--;
  C("  return p;\n}\n");
}

static void put_list(gen *g, const bwc_decl *d, const bwc_field *f,
                     const char *expr)
{
  const bwc_type *e = f->type->elem;
  const char *item = bwc_arena_printf(g->arena, "%s.items[i]", expr);
  if (f->type->kind == BWC_TYPE_MAP) {
    C("for (size_t i = %s.count; i-- > 0;) {\n  uint8_t *end = p;\n"
      "  p = %s(&%s, p);\n  p = bw_put_varint(p, (uint64_t)(end - p));\n"
      "  p = bw_put_tag(p, %" PRIu64 ", BW_WIRE_LEN);\n}\n", expr,
      gc_entry_fn(g, d, f, "entry_put"), item, f->number);
  } else if (!gc_is_packed(e->kind)) {
    C("for (size_t i = %s.count; i-- > 0;) {\n", expr);
    g->c.indent++;
    put_tagged(g, e, item, false, f->number);
    g->c.indent--;
    C("}\n");
  } else {
    C("if (%s.count > 0) {\n  uint8_t *end = p;\n"
      "  for (size_t i = %s.count; i-- > 0;) {\n", expr, expr);
    g->c.indent += 2;
    put_value(g, e, item, false);
    g->c.indent -= 2;
    C("  }\n  p = bw_put_varint(p, (uint64_t)(end - p));\n"
      "  p = bw_put_tag(p, %" PRIu64 ", BW_WIRE_LEN);\n}\n", f->number);
  }
}

static void put_message(gen *g, const bwc_type *t, const char *expr,
                        bool pointer, bool optional, uint64_t number)
{
  if (optional || pointer)
    C("if (%s != NULL) {\n", expr);
  else
    C("{\n");
  C("  uint8_t *end = p;\n  p = %s__encode(%s%s, p);\n", gc_ctype(g, t),
    pointer ? "" : "&", expr);
  C(optional ? "  {\n" : "  if (p != end) {\n");
  C("    p = bw_put_varint(p, (uint64_t)(end - p));\n"
    "    p = bw_put_tag(p, %" PRIu64 ", BW_WIRE_LEN);\n  }\n}\n", number);
}

static void put_field(gen *g, const bwc_decl *d, const bwc_field *f,
                      const char *base, bool member_of_union)
{
  const bwc_type *t = f->type;
  const char *expr = member(g, base, f);
  bool pointer = gc_by_pointer(t, f->optional);
  if (gc_is_container(t->kind)) {
    put_list(g, d, f, expr);
  } else if (gc_is_message(t) && !member_of_union) {
    put_message(g, t, expr, pointer, f->optional, f->number);
  } else if (member_of_union) {
    put_tagged(g, t, expr, pointer, f->number);
  } else {
    C("if (%s) {\n", f->optional
                         ? bwc_arena_printf(g->arena, "v->has_%s", f->name)
                         : non_default(g, t, expr));
    g->c.indent++;
    put_tagged(g, t, expr, false, f->number);
    g->c.indent--;
    C("}\n");
  }
}

static void emit_encode(gen *g, const bwc_decl *d)
{
  const char *name = gc_decl_name(g, d);
  C("\nuint8_t *%s__encode(const %s *v, uint8_t *p)\n{\n", name, name);
  if (d->fields == NULL)
    C("  (void)v;\n");
  g->c.indent++;
  if (d->kind == BWC_DECL_STRUCT) {
    bwc_field **sorted = gc_sorted_fields(g, d);
    size_t n = 0;
    while (sorted[n] != NULL)
      n++;
    while (n-- > 0)
      put_field(g, d, sorted[n], "v->", false);
  } else {
    C("switch (v->which) {\n");
    for (const bwc_field *f = d->fields; f != NULL; f = f->next) {
      C("case %s:\n", gc_which_const(g, d, f));
      g->c.indent++;
      put_field(g, d, f, "v->u.", true);
      C("break;\n");
      g->c.indent--;
    }
    C("default:\n  break;\n}\n");
  }
  g->c.indent--;
  C("  return p;\n}\n");
}

/* ---- Public entry points -------------------------------------------- */

static void emit_public(gen *g, const bwc_decl *d)
{
  const char *n = gc_decl_name(g, d);
  C("\nbool %s_decode(%s *out, const void *data, size_t len, "
    "bw_arena *arena,\n    const bw_decode_options *options, "
    "bw_error *err)\n{\n  bw_decoder d;\n  bw_reader r;\n"
    "  bw_error_clear(err);\n"
    "  if (!bw_decoder_start(&d, len, arena, options, file_limits, err))\n"
    "    return false;\n  bw_reader_init(&r, data, len);\n"
    "  return %s__decode(&d, &r, out);\n}\n", n, n, n);
  C("\nbool %s_validate(const %s *value, bw_error *err)\n{\n"
    "  bw_error_clear(err);\n"
    "  return %s__validate(value, 1, file_limits.max_depth, err);\n}\n",
    n, n, n);
  C("\nbool %s_encoded_size(const %s *value, size_t *size, bw_error *err)\n"
    "{\n  if (!%s_validate(value, err))\n    return false;\n"
    "  *size = %s__size(value);\n"
    "  return bw_limits_check_size(&file_limits, *size, err);\n}\n",
    n, n, n, n);
  C("\nbool %s_encode(const %s *value, void *buf, size_t cap, size_t *len,\n"
    "    bw_error *err)\n{\n  size_t size;\n"
    "  if (!%s_encoded_size(value, &size, err))\n    return false;\n"
    "  if (size > cap)\n"
    "    return bw_error_set_detail(err, BW_ERR_OUTPUT_FULL, 0, "
    "bw_num_uint(size),\n                               bw_num_uint(cap), "
    "NULL);\n"
    "  uint8_t *start = %s__encode(value, (uint8_t *)buf + size);\n"
    "  *len = size;\n  return start == (uint8_t *)buf;\n}\n", n, n, n, n);
}

/* Adapters from the typed functions to the untyped bw_type ones. */
static void emit_descriptor(gen *g, const bwc_decl *d)
{
  const char *n = gc_decl_name(g, d);
  C("\nstatic bool any_decode_%s(void *out, const void *data, size_t len,\n"
    "    bw_arena *arena, const bw_decode_options *options, "
    "bw_error *err)\n{\n"
    "  return %s_decode(out, data, len, arena, options, err);\n}\n\n"
    "static bool any_validate_%s(const void *value, bw_error *err)\n{\n"
    "  return %s_validate(value, err);\n}\n\n"
    "static bool any_size_%s(const void *value, size_t *size, "
    "bw_error *err)\n{\n  return %s_encoded_size(value, size, err);\n}\n\n"
    "static bool any_encode_%s(const void *value, void *buf, size_t cap,\n"
    "    size_t *len, bw_error *err)\n{\n"
    "  return %s_encode(value, buf, cap, len, err);\n}\n\n"
    "const bw_type %s_type = {\n  \"%s\", sizeof(%s), any_decode_%s,\n"
    "  any_validate_%s, any_size_%s, any_encode_%s,\n  %s_arena_bound,\n"
    "};\n",
    n, n, n, n, n, n, n, n, n, gc_qualified(g, d), n, n, n, n, n, n);
}

static bool is_message_decl(const bwc_decl *d)
{
  return d->kind == BWC_DECL_STRUCT || d->kind == BWC_DECL_UNION;
}

void gc_encoders(gen *g)
{
  for (bwc_decl *d = g->file->decls; d != NULL; d = d->next) {
    if (d->kind != BWC_DECL_STRUCT)
      continue;
    for (const bwc_field *f = d->fields; f != NULL; f = f->next)
      if (f->type->kind == BWC_TYPE_MAP) {
        emit_entry_size(g, d, f);
        emit_entry_put(g, d, f);
      }
  }
  for (bwc_decl *d = g->file->decls; d != NULL; d = d->next)
    if (is_message_decl(d)) {
      emit_validate(g, d);
      emit_size(g, d);
      emit_encode(g, d);
      emit_public(g, d);
      emit_descriptor(g, d);
    }
  C("\nconst bw_type *const %s_bw_types[] = {\n", gc_stem_ident(g));
  for (bwc_decl *d = g->file->decls; d != NULL; d = d->next)
    if (is_message_decl(d))
      C("  &%s_type,\n", gc_decl_name(g, d));
  C("  NULL,\n};\n");
}

void gc_source(gen *g)
{
  C("#include \"%s.bw.h\"\n\n#include <math.h>\n#include <stdlib.h>\n"
    "#include <string.h>\n\n", g->stem);
  bool messages = false;
  for (bwc_decl *d = g->file->decls; d != NULL; d = d->next)
    messages |= is_message_decl(d);
  if (messages)
    C("/* The limits the schema file sets, or their defaults. */\n"
      "static const bw_limits file_limits = { %" PRIu64 "u, %" PRIu64
      "u };\n", g->file->limits.max_message_bytes,
      g->file->limits.max_depth);
  gc_ranges(g);
  gc_decoders(g);
  gc_arena_bounds(g);
  gc_encoders(g);
}
