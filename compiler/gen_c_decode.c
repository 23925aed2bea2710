/* gen_c_decode.c: the generated decoders.
 *
 * A struct decoder reads tags until its input ends, dispatching on the
 * field number; each case checks the wire type, reads the value and its
 * rules at once, and marks a singular field as seen so that a duplicate
 * fails.  Repeated strings, bytes, messages and map entries are counted
 * (bw_dec_count) when the first of them appears, from there to the end
 * of the message, so that each array is allocated once, at its exact
 * size, after its count has passed the schema's bounds.
 * After the loop, a missing field whose default breaks a rule fails.
 */
#include <config.h>

#include <inttypes.h>
#include <string.h>

#include "gen_c_internal.h"

#define C(...) bwc_out_printf(&g->c, __VA_ARGS__)

/* ---- One value ------------------------------------------------------ */

/* Emits statements that read one value of type T, whose tag is in `tag`,
 * into the lvalue DST; RANGE names its rule constant; FAIL is the
 * statement run on failure. */
static void read_value(gen *g, const bwc_type *t, bool pointer,
                       const char *dst, const char *range, const char *fail)
{
  const char *ct = gc_ctype(g, t);
  if (gc_is_unsigned(t->kind) || gc_is_signed(t->kind)) {
    bool u = gc_is_unsigned(t->kind);
    C("{\n  %s v;\n  if (!bw_dec_%s(r, tag, &%s, &v, d->err))\n    %s\n"
      "  %s = (%s)v;\n}\n", u ? "uint64_t" : "int64_t", u ? "uint" : "sint",
      range, fail, dst, ct);
  } else if (t->kind == BWC_TYPE_BOOL) {
    C("if (!bw_dec_bool(r, tag, &%s, d->err))\n  %s\n", dst, fail);
  } else if (gc_is_float(t->kind)) {
    C("if (!bw_dec_%s(r, tag, &%s, &%s, d->err))\n  %s\n",
      t->kind == BWC_TYPE_F32 ? "f32" : "f64", range, dst, fail);
  } else if (t->kind == BWC_TYPE_ENUM) {
    C("{\n  uint64_t v;\n  size_t at = bw_reader_offset(r);\n"
      "  if (!bw_tag_expect(tag, BW_WIRE_VARINT, d->err) ||\n"
      "      !bw_reader_read_varint(r, &v, d->err) ||\n"
      "      !%s__check(v, at, d->err))\n    %s\n  %s = (%s)v;\n}\n",
      ct, fail, dst, ct);
  } else if (t->kind == BWC_TYPE_STRING || t->kind == BWC_TYPE_BYTES) {
    C("if (!bw_dec_%s(d, r, tag, &%s, &%s))\n  %s\n",
      t->kind == BWC_TYPE_STRING ? "str" : "bytes", range, dst, fail);
  } else if (!pointer) {
    C("{\n  bw_reader sub;\n  if (!bw_dec_enter(d, r, tag, &sub) ||\n"
      "      !%s__decode(d, &sub, &%s))\n    %s\n  bw_dec_leave(d);\n}\n",
      ct, dst, fail);
  } else {
    C("{\n  bw_reader sub;\n  %s *p;\n"
      "  if (!bw_dec_enter(d, r, tag, &sub) ||\n"
      "      (p = bw_dec_array(d, 1, sizeof *p, _Alignof(%s), "
      "tag.offset)) == NULL ||\n"
      "      !%s__decode(d, &sub, p))\n    %s\n"
      "  bw_dec_leave(d);\n  %s = p;\n}\n", ct, ct, ct, fail, dst);
  }
}

static const char *fail_field(gen *g, const bwc_field *f)
{
  return bwc_arena_printf(g->arena, "return bw_fail_field(d->err, \"%s\");",
                          f->name);
}

static const char *fail_index(gen *g, const bwc_field *f, const char *index)
{
  return bwc_arena_printf(g->arena,
                          "return bw_fail_index(d->err, %s, \"%s\");", index,
                          f->name);
}

static const char *value_range(gen *g, const bwc_decl *d, const bwc_field *f,
                               const char *role)
{
  return gc_range_name(g, d, f, role);
}

/* ---- Packed lists --------------------------------------------------- */

static size_t fixed_size(bwc_type_kind k)
{
  return k == BWC_TYPE_F32 ? 4 : k == BWC_TYPE_F64 ? 8 : 0;
}

/* Emits the read of element I of a packed list from `payload`. */
static void read_packed_item(gen *g, const bwc_decl *d, const bwc_field *f)
{
  const bwc_type *t = f->type->elem;
  const char *range = value_range(g, d, f, "item");
  const char *fail = fail_index(g, f, "i");
  const char *ct = gc_ctype(g, t);
  if (gc_is_unsigned(t->kind) || gc_is_signed(t->kind)) {
    bool u = gc_is_unsigned(t->kind);
    C("%s v;\nif (!bw_dec_packed_%s(&payload, &%s, &v, d->err))\n  %s\n"
      "items[i] = (%s)v;\n", u ? "uint64_t" : "int64_t", u ? "uint" : "sint",
      range, fail, ct);
  } else if (t->kind == BWC_TYPE_BOOL) {
    C("if (!bw_dec_packed_bool(&payload, &items[i], d->err))\n  %s\n", fail);
  } else if (gc_is_float(t->kind)) {
    C("if (!bw_dec_packed_%s(&payload, &%s, &items[i], d->err))\n  %s\n",
      t->kind == BWC_TYPE_F32 ? "f32" : "f64", range, fail);
  } else {
    C("uint64_t v;\nsize_t at = bw_reader_offset(&payload);\n"
      "if (!bw_reader_read_varint(&payload, &v, d->err) ||\n"
      "    !%s__check(v, at, d->err))\n  %s\nitems[i] = (%s)v;\n",
      ct, fail, ct);
  }
}

static void read_packed(gen *g, const bwc_decl *d, const bwc_field *f,
                        unsigned bit)
{
  const char *ct = gc_ctype(g, f->type->elem);
  const char *name = gc_member(g, f->name);
  const char *fail = fail_field(g, f);
  C("{\n  bw_reader payload;\n  size_t n;\n  %s *items;\n"
    "  if (!bw_dec_once(seen, %u, tag, d->err) ||\n"
    "      !bw_dec_packed(r, tag, %zu, &payload, &n, d->err) ||\n"
    "      !bw_check_count(n, &%s, tag.offset, d->err))\n    %s\n"
    "  items = bw_dec_array(d, n, sizeof *items, _Alignof(%s), "
    "tag.offset);\n"
    "  if (n > 0 && items == NULL)\n    %s\n"
    "  for (size_t i = 0; i < n; i++) {\n",
    ct, bit, fixed_size(f->type->elem->kind),
    value_range(g, d, f, "count"), fail, ct, fail);
  g->c.indent += 2;
  read_packed_item(g, d, f);
  g->c.indent -= 2;
  C("  }\n  out->%s.items = items;\n  out->%s.count = n;\n}\n", name, name);
}

/* ---- Repeated strings, bytes, messages, map entries ------------------ */

/* Allocates the array of a repeated field at its first occurrence, from
 * the count taken before the loop. */
static void first_occurrence(gen *g, const bwc_decl *d, const bwc_field *f,
                             unsigned slot, const char *elem)
{
  const char *name = gc_member(g, f->name);
  const char *fail = fail_field(g, f);
  /* The count taken before the loop covers every occurrence the loop
   * can reach (both stop at the same malformed byte); the check on it
   * keeps a disagreement from ever writing past the array. */
  C("if (!counted) {\n"
    "  bw_reader rest = { r->data, tag.offset, r->end };\n"
    "  bw_dec_count(&rest, repeated, sizeof repeated / sizeof *repeated, "
    "counts);\n  counted = true;\n}\n");
  C("if (out->%s.count >= counts[%u])\n"
    "  return bw_error_set(d->err, BW_ERR_TRUNCATED, tag.offset);\n"
    "if (out->%s.items == NULL) {\n"
    "  if (!bw_check_count(counts[%u], &%s, tag.offset, d->err))\n    %s\n"
    "  out->%s.items = bw_dec_array(d, counts[%u], sizeof *out->%s.items,\n"
    "                               _Alignof(%s), tag.offset);\n"
    "  if (out->%s.items == NULL)\n    %s\n}\n",
    name, slot, name, slot, value_range(g, d, f, "count"), fail, name, slot,
    name, elem, name, fail);
}

static void read_repeated(gen *g, const bwc_decl *d, const bwc_field *f,
                          unsigned slot)
{
  const bwc_type *t = f->type->elem;
  const char *name = gc_member(g, f->name);
  first_occurrence(g, d, f, slot, gc_ctype(g, t));
  C("{\n  size_t i = out->%s.count;\n", name);
  g->c.indent++;
  const char *dst = bwc_arena_printf(g->arena, "out->%s.items[i]", name);
  read_value(g, t, false, dst, value_range(g, d, f, "item"),
             fail_index(g, f, "i"));
  g->c.indent--;
  C("  out->%s.count = i + 1;\n}\n", name);
}

/* Maps arrive sorted from canonical writers: each entry is compared with
 * the one before, so a repeated key is reported at its own entry.  Only
 * a map that arrives out of order is sorted once complete, and then a
 * repeated key is reported at the map's last entry. */
static void read_map(gen *g, const bwc_decl *d, const bwc_field *f,
                     unsigned slot)
{
  const char *name = gc_member(g, f->name);
  const char *fail = fail_field(g, f);
  first_occurrence(g, d, f, slot, gc_entry_name(g, d, f));
  C("{\n  size_t i = out->%s.count;\n  bw_reader sub;\n"
    "  if (!bw_tag_expect(tag, BW_WIRE_LEN, d->err) ||\n"
    "      !bw_reader_read_sub(r, &sub, d->err) ||\n"
    "      !%s(d, &sub, &out->%s.items[i], i))\n    %s\n"
    "  out->%s.count = i + 1;\n"
    "  if (i > 0 && !unsorted_%s) {\n"
    "    int order = %s(&out->%s.items[i - 1], &out->%s.items[i]);\n"
    "    if (order == 0 && !%s(d->err, &out->%s.items[i], tag.offset))\n"
    "      %s\n"
    "    unsorted_%s = order > 0;\n  }\n"
    "  if (out->%s.count == counts[%u] && unsorted_%s &&\n"
    "      !%s(d->err, out->%s.items, out->%s.count, tag.offset))\n"
    "    %s\n}\n",
    name, gc_entry_fn(g, d, f, "entry"), name, fail, name, f->name,
    gc_entry_fn(g, d, f, "cmp"), name, name, gc_entry_fn(g, d, f, "dup"),
    name, fail, f->name, name, slot, f->name, gc_entry_fn(g, d, f, "sort"),
    name, name, fail);
}

/* ---- Map entries ---------------------------------------------------- */

static void key_to_path(gen *g, const bwc_type *key, const char *expr)
{
  if (key->kind == BWC_TYPE_STRING)
    C("bw_error_prepend_key_str(err, %s.data, %s.len);\n", expr, expr);
  else if (gc_is_signed(key->kind))
    C("bw_error_prepend_key_int(err, (int64_t)%s);\n", expr);
  else
    C("bw_error_prepend_key_uint(err, (uint64_t)%s);\n", expr);
}

/* The check that a missing key or value's default keeps its rules. */
static void default_check(gen *g, const bwc_type *t, const char *range,
                          const char *dst, bool pointer, const char *fail);

static void emit_entry_decoder(gen *g, const bwc_decl *d, const bwc_field *f)
{
  const bwc_type *key = f->type->key, *val = f->type->elem;
  const char *entry = gc_entry_name(g, d, f);
  C("\nstatic bool %s(bw_decoder *d, bw_reader *r, %s *e, size_t index)\n{\n"
    "  uint64_t seen[1] = { 0 };\n  memset(e, 0, sizeof *e);\n"
    "  while (!bw_reader_at_end(r)) {\n    bw_tag tag;\n"
    "    if (!bw_reader_read_tag(r, &tag, d->err))\n      return false;\n"
    "    if (tag.field == 1) {\n"
    "      if (!bw_dec_once(seen, 0, tag, d->err))\n        goto bad_key;\n",
    gc_entry_fn(g, d, f, "entry"), entry);
  g->c.indent += 3;
  read_value(g, key, false, "e->key", value_range(g, d, f, "key"),
             "goto bad_key;");
  g->c.indent -= 3;
  C("    } else if (tag.field == 2) {\n"
    "      if (!bw_dec_once(seen, 1, tag, d->err))\n        goto bad_value;\n");
  g->c.indent += 3;
  read_value(g, val, gc_by_pointer(val, false), "e->value",
             value_range(g, d, f, "value"), "goto bad_value;");
  g->c.indent -= 3;
  C("    } else if (!bw_dec_unknown(d, r, tag)) {\n      return false;\n"
    "    }\n  }\n");
  g->c.indent++;
  if (!gc_default_ok(key)) {
    C("if (!(seen[0] & 1)) {\n");
    g->c.indent++;
    default_check(g, key, value_range(g, d, f, "key"), "e->key", false,
                  "goto bad_key;");
    g->c.indent--;
    C("}\n");
  }
  if (!gc_default_ok(val)) {
    C("if (!(seen[0] & 2)) {\n");
    g->c.indent++;
    default_check(g, val, value_range(g, d, f, "value"), "e->value",
                  gc_by_pointer(val, false), "goto bad_value;");
    g->c.indent--;
    C("}\n");
  }
  g->c.indent--;
  C("  return true;\nbad_key:\n"
    "  bw_error_prepend_field(d->err, \"key\");\n"
    "  bw_error_prepend_index(d->err, index);\n  return false;\n"
    "bad_value:\n  {\n    bw_error *err = d->err;\n");
  g->c.indent += 2;
  key_to_path(g, key, "e->key");
  g->c.indent -= 2;
  C("  }\n  return false;\n}\n");
}

static void emit_key_compare(gen *g, const bwc_decl *d, const bwc_field *f)
{
  const char *entry = gc_entry_name(g, d, f);
  C("\nstatic int %s(const void *a, const void *b)\n{\n"
    "  const %s *x = a, *y = b;\n", gc_entry_fn(g, d, f, "cmp"), entry);
  if (f->type->key->kind == BWC_TYPE_STRING)
    C("  return bw_cmp_str(x->key, y->key);\n}\n");
  else
    C("  return (x->key > y->key) - (x->key < y->key);\n}\n");
}

/* Reports the key of entry E as given twice. */
static void emit_dup(gen *g, const bwc_decl *d, const bwc_field *f)
{
  C("\nstatic bool %s(bw_error *err, const %s *e, size_t offset)\n{\n"
    "  bw_error_set(err, BW_ERR_DUPLICATE_KEY, offset);\n",
    gc_entry_fn(g, d, f, "dup"), gc_entry_name(g, d, f));
  g->c.indent++;
  key_to_path(g, f->type->key, "e->key");
  g->c.indent--;
  C("  return false;\n}\n");
}

/* Sorts a decoded map by key, as canonical output needs it, and refuses
 * a key that appears twice. */
static void emit_sort(gen *g, const bwc_decl *d, const bwc_field *f)
{
  const char *entry = gc_entry_name(g, d, f);
  const char *cmp = gc_entry_fn(g, d, f, "cmp");
  C("\nstatic bool %s(bw_error *err, %s *items, size_t n, size_t offset)\n"
    "{\n  qsort(items, n, sizeof *items, %s);\n"
    "  for (size_t i = 1; i < n; i++)\n"
    "    if (%s(&items[i - 1], &items[i]) == 0)\n"
    "      return %s(err, &items[i], offset);\n  return true;\n}\n",
    gc_entry_fn(g, d, f, "sort"), entry, cmp, cmp,
    gc_entry_fn(g, d, f, "dup"));
}

/* ---- Missing fields ------------------------------------------------- */

static void default_check(gen *g, const bwc_type *t, const char *range,
                          const char *dst, bool pointer, const char *fail)
{
  const char *ct = gc_ctype(g, t);
  if (gc_is_unsigned(t->kind))
    C("if (!bw_check_uint(0, &%s, d->err))\n  %s\n", range, fail);
  else if (gc_is_signed(t->kind))
    C("if (!bw_check_sint(0, &%s, d->err))\n  %s\n", range, fail);
  else if (gc_is_float(t->kind))
    C("if (!bw_check_f64(0.0, &%s, d->err))\n  %s\n", range, fail);
  else if (t->kind == BWC_TYPE_STRING)
    C("if (!bw_check_str((bw_str){ \"\", 0 }, &%s, d->err))\n  %s\n", range,
      fail);
  else if (t->kind == BWC_TYPE_BYTES)
    C("if (!bw_check_bytes((bw_bytes){ NULL, 0 }, &%s, d->err))\n  %s\n",
      range, fail);
  else if (t->kind == BWC_TYPE_ENUM)
    C("if (!%s__check(0, bw_reader_offset(r), d->err))\n  %s\n", ct, fail);
  else if (t->kind == BWC_TYPE_UNION)
    C("bw_error_set(d->err, BW_ERR_UNION_EMPTY, bw_reader_offset(r));\n"
      "%s\n", fail);
  else if (!pointer)
    C("{\n  bw_reader none;\n  bw_reader_init(&none, NULL, 0);\n"
      "  if (!%s__decode(d, &none, &%s))\n    %s\n}\n", ct, dst, fail);
  else
    C("{\n  bw_reader none;\n  %s *p = bw_dec_array(d, 1, sizeof *p, "
      "_Alignof(%s), 0);\n  bw_reader_init(&none, NULL, 0);\n"
      "  if (p == NULL || !%s__decode(d, &none, p))\n    %s\n}\n",
      ct, ct, ct, fail);
}

static void missing_fields(gen *g, const bwc_decl *d, bwc_field **sorted)
{
  unsigned bit = 0;
  for (size_t i = 0; sorted[i] != NULL; i++) {
    const bwc_field *f = sorted[i];
    const bwc_type *t = f->type;
    const char *name = gc_member(g, f->name);
    if (t->kind == BWC_TYPE_LIST && gc_is_packed(t->elem->kind))
      bit++;
    if (gc_is_container(t->kind)) {
      const bwc_constraint *c = &t->constraint;
      if (c->present && c->lo.resolved && c->lo.value.magnitude > 0)
        C("if (!bw_check_count(out->%s.count, &%s, bw_reader_offset(r),"
          " d->err))\n  %s\n", name, value_range(g, d, f, "count"),
          fail_field(g, f));
      continue;
    }
    unsigned my_bit = bit++;
    if (f->optional || gc_default_ok(t))
      continue;
    C("if (!(seen[%u] & UINT64_C(0x%" PRIx64 "))) {\n", my_bit / 64,
      UINT64_C(1) << (my_bit % 64));
    g->c.indent++;
    const char *dst = bwc_arena_printf(g->arena, "out->%s", name);
    default_check(g, t, value_range(g, d, f, ""), dst,
                  gc_by_pointer(t, false), fail_field(g, f));
    g->c.indent--;
    C("}\n");
  }
}

/* ---- Structs and unions --------------------------------------------- */

/* Repeated fields whose elements take a tag each: their counts come
 * first. */
static bool counted(const bwc_field *f)
{
  const bwc_type *t = f->type;
  return t->kind == BWC_TYPE_MAP ||
         (t->kind == BWC_TYPE_LIST && !gc_is_packed(t->elem->kind));
}

static unsigned count_counted(bwc_field **sorted)
{
  unsigned n = 0;
  for (size_t i = 0; sorted[i] != NULL; i++)
    n += counted(sorted[i]);
  return n;
}

static unsigned emit_counts(gen *g, bwc_field **sorted)
{
  unsigned n = count_counted(sorted);
  if (n == 0)
    return 0;
  C("  static const uint32_t repeated[%u] = {", n);
  for (size_t i = 0; sorted[i] != NULL; i++)
    if (counted(sorted[i]))
      C(" %" PRIu64 ",", sorted[i]->number);
  C(" };\n  size_t counts[%u] = { 0 };\n  bool counted = false;\n", n);
  return n;
}

static void struct_case(gen *g, const bwc_decl *d, const bwc_field *f,
                        unsigned *bit, unsigned *slot)
{
  const bwc_type *t = f->type;
  C("case %" PRIu64 ":  /* %s */\n", f->number, f->name);
  g->c.indent++;
  if (t->kind == BWC_TYPE_LIST && gc_is_packed(t->elem->kind)) {
    read_packed(g, d, f, (*bit)++);
  } else if (t->kind == BWC_TYPE_LIST) {
    read_repeated(g, d, f, (*slot)++);
  } else if (t->kind == BWC_TYPE_MAP) {
    read_map(g, d, f, (*slot)++);
  } else {
    C("if (!bw_dec_once(seen, %u, tag, d->err))\n  %s\n", (*bit)++,
      fail_field(g, f));
    const char *dst = bwc_arena_printf(g->arena, "out->%s",
                                       gc_member(g, f->name));
    read_value(g, t, gc_by_pointer(t, f->optional), dst,
               value_range(g, d, f, ""), fail_field(g, f));
    if (f->optional && !gc_by_pointer(t, true))
      C("out->has_%s = true;\n", f->name);
  }
  C("break;\n");
  g->c.indent--;
}

static void loop_head(gen *g)
{
  C("  while (!bw_reader_at_end(r)) {\n    bw_tag tag;\n"
    "    if (!bw_reader_read_tag(r, &tag, d->err))\n      return false;\n"
    "    switch (tag.field) {\n");
}

static void loop_tail(gen *g)
{
  C("    default:\n      if (!bw_dec_unknown(d, r, tag))\n"
    "        return false;\n    }\n  }\n");
}

static void emit_struct_decoder(gen *g, const bwc_decl *d)
{
  bwc_field **sorted = gc_sorted_fields(g, d);
  size_t n = 0;
  while (sorted[n] != NULL)
    n++;
  const char *name = gc_decl_name(g, d);
  C("\nbool %s__decode(bw_decoder *d, bw_reader *r, %s *out)\n{\n", name,
    name);
  if (n > count_counted(sorted))
    C("  uint64_t seen[%zu] = { 0 };\n", n / 64 + 1);
  emit_counts(g, sorted);
  for (size_t i = 0; sorted[i] != NULL; i++)
    if (sorted[i]->type->kind == BWC_TYPE_MAP)
      C("  bool unsorted_%s = false;\n", sorted[i]->name);
  C("  memset(out, 0, sizeof *out);\n");
  loop_head(g);
  g->c.indent += 2;
  unsigned bit = 0, slot = 0;
  for (size_t i = 0; sorted[i] != NULL; i++)
    struct_case(g, d, sorted[i], &bit, &slot);
  g->c.indent -= 2;
  loop_tail(g);
  g->c.indent++;
  missing_fields(g, d, sorted);
  g->c.indent--;
  C("  return true;\n}\n");
}

static void union_case(gen *g, const bwc_decl *d, const bwc_field *f)
{
  C("case %" PRIu64 ":  /* %s */\n", f->number, f->name);
  g->c.indent++;
  C("if (!bw_dec_member(&which, %" PRIu64 ", tag, d->err))\n  %s\n",
    f->number, fail_field(g, f));
  const char *dst = bwc_arena_printf(g->arena, "out->u.%s",
                                     gc_member(g, f->name));
  read_value(g, f->type, gc_by_pointer(f->type, false), dst,
             value_range(g, d, f, ""), fail_field(g, f));
  C("break;\n");
  g->c.indent--;
}

static void emit_union_decoder(gen *g, const bwc_decl *d)
{
  const char *name = gc_decl_name(g, d);
  C("\nbool %s__decode(bw_decoder *d, bw_reader *r, %s *out)\n{\n"
    "  uint32_t which = 0;\n  size_t start = bw_reader_offset(r);\n"
    "  memset(out, 0, sizeof *out);\n", name, name);
  loop_head(g);
  g->c.indent += 2;
  for (const bwc_field *f = d->fields; f != NULL; f = f->next)
    union_case(g, d, f);
  g->c.indent -= 2;
  loop_tail(g);
  C("  if (which == 0)\n"
    "    return bw_error_set(d->err, BW_ERR_UNION_EMPTY, start);\n"
    "  out->which = (%s_which)which;\n  return true;\n}\n", name);
}

/* ---- Enums ---------------------------------------------------------- */

static void emit_enum_functions(gen *g, const bwc_decl *d)
{
  const char *name = gc_decl_name(g, d);
  C("\nconst char *%s_name(%s value)\n{\n  switch (value) {\n", name, name);
  for (const bwc_member *m = d->members; m != NULL; m = m->next)
    C("  case %s:\n    return \"%s\";\n", gc_enum_const(g, d, m), m->name);
  C("  }\n  return NULL;\n}\n\n"
    "bool %s__check(uint64_t value, size_t offset, bw_error *err)\n{\n"
    "  switch (value) {\n", name);
  for (const bwc_member *m = d->members; m != NULL; m = m->next)
    C("  case %" PRIu64 ":\n", m->value);
  C("    return true;\n  }\n"
    "  return bw_error_set_detail(err, BW_ERR_UNKNOWN_ENUM, offset,\n"
    "                             bw_num_uint(value), bw_num_none(), "
    "\"%s\");\n}\n", d->name);
}

void gc_decoders(gen *g)
{
  for (bwc_decl *d = g->file->decls; d != NULL; d = d->next)
    if (d->kind == BWC_DECL_ENUM)
      emit_enum_functions(g, d);
  for (bwc_decl *d = g->file->decls; d != NULL; d = d->next) {
    if (d->kind != BWC_DECL_STRUCT)
      continue;
    for (const bwc_field *f = d->fields; f != NULL; f = f->next) {
      if (f->type->kind != BWC_TYPE_MAP)
        continue;
      emit_entry_decoder(g, d, f);
      emit_key_compare(g, d, f);
      emit_dup(g, d, f);
      emit_sort(g, d, f);
    }
  }
  for (bwc_decl *d = g->file->decls; d != NULL; d = d->next) {
    if (d->kind == BWC_DECL_STRUCT)
      emit_struct_decoder(g, d);
    else if (d->kind == BWC_DECL_UNION)
      emit_union_decoder(g, d);
  }
}

/* ---- Arena bound ---------------------------------------------------- */

/* Every allocation a decode makes is paid for by input bytes: a string
 * or bytes copy (its length and a NUL) by its own payload and prefix; a
 * packed array (at most 8 bytes an element, plus alignment) by at least
 * one byte an element and a two-byte header; an array of messages,
 * strings or map entries, and a message held by pointer, by a tag and a
 * length, two bytes at least an element.  Only a string's length prefix
 * pays twice (for its array slot and its copy).  So LEN input bytes take
 * at most (K + 1) * LEN arena bytes, where K is the larger of 8 and, for
 * every element type E that a decode of the type can allocate,
 * sizeof(E) / 2 plus alignof(E).  One more allocation, of a missing
 * field's default on the way to an error, is covered by 2 * K. */

typedef struct bound_walk {
  gen *g;
  bwc_symtab *seen;
  const bwc_decl **stack;
  size_t top, cap;
} bound_walk;

static void bound_push(bound_walk *w, const bwc_decl *d)
{
  if (bwc_symtab_insert(w->seen, gc_decl_name(w->g, d), (void *)d) != NULL)
    return;
  if (w->top == w->cap) {
    size_t cap = w->cap ? 2 * w->cap : 16;
    const bwc_decl **grown = bwc_arena_alloc(w->g->arena, cap * sizeof *grown);
    if (w->top > 0)
      memcpy(grown, w->stack, w->top * sizeof *grown);
    w->stack = grown;
    w->cap = cap;
  }
  w->stack[w->top++] = d;
}

/* Emits the term for element type ELEM (a C type name). */
static void bound_term(gen *g, const char *elem)
{
  C("  k = bw_grow_factor(k, sizeof(%s) / 2 + _Alignof(%s));\n", elem, elem);
}

static void bound_type(bound_walk *w, const bwc_decl *d, const bwc_field *f)
{
  gen *g = w->g;
  const bwc_type *t = f->type;
  if (t->kind == BWC_TYPE_MAP) {
    bound_term(g, gc_entry_name(g, d, f));
    t = t->elem;
  } else if (t->kind == BWC_TYPE_LIST) {
    t = t->elem;
    if (!gc_is_packed(t->kind))
      bound_term(g, gc_ctype(g, t));
  } else if (gc_by_pointer(t, f->optional)) {
    bound_term(g, gc_ctype(g, t));
  }
  if (gc_is_message(t))
    bound_push(w, t->decl);
}

static void emit_arena_bound(gen *g, const bwc_decl *root)
{
  bound_walk w = { g, bwc_symtab_new(g->arena), NULL, 0, 0 };
  C("\nsize_t %s_arena_bound(size_t len)\n{\n  size_t k = 8;\n",
    gc_decl_name(g, root));
  bound_push(&w, root);
  while (w.top > 0) {
    const bwc_decl *d = w.stack[--w.top];
    for (const bwc_field *f = d->fields; f != NULL; f = f->next)
      bound_type(&w, d, f);
  }
  C("  return bw_scale_bound(k, len);\n}\n");
}

void gc_arena_bounds(gen *g)
{
  for (bwc_decl *d = g->file->decls; d != NULL; d = d->next)
    if (d->kind == BWC_DECL_STRUCT || d->kind == BWC_DECL_UNION)
      emit_arena_bound(g, d);
}
