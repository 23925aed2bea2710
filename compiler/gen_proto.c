/* gen_proto.c: the .proto export.  For each loaded schema file, writes a
 * proto3 file that describes the same bytes on the wire, so that any
 * protobuf runtime can read and write boundwire messages.
 *
 * protobuf is looser than boundwire about values (no ranges, no lengths,
 * open enums) but stricter about names: enum values share their
 * package's scope, and proto3 refuses field names that differ only in
 * case and underscores.  The constraints travel as comments; the names
 * are checked before anything is written, and a schema whose names
 * protobuf cannot tell apart is reported rather than exported as a file
 * protoc would refuse.
 */
#include <config.h>

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* What a proto name was made from, for the diagnostics about clashes. */
typedef struct origin {
  const bwc_source *source;
  bwc_span span;
  const char *label;      /* "'Status.paid'", "struct 'Item'" */
  const char *name;       /* the proto name: "STATUS_PAID" */
} origin;

/* An enum as the export writes it: members in ascending value order,
 * each with its package-wide proto name. */
typedef struct enum_info {
  const char *prefix;     /* the enum's name in UPPER_SNAKE case */
  size_t count;
  bwc_member **members;
  const char **names;
  const char *zero;       /* the value added for 0, or NULL */
} enum_info;

typedef struct gen {
  bwc_compilation *comp;
  bwc_arena *arena;
  bwc_diag *diag;
  bwc_symtab *packages;   /* package -> bwc_symtab of its proto names */
  bwc_symtab *enums;      /* enum decl address -> enum_info */
  const bwc_file *file;   /* the file being written */
  bwc_symtab *entries;    /* map entry messages of the message written */
  bwc_out out;
} gen;

/* ---- Names -------------------------------------------------------------- */

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static char to_upper(char c) { return is_lower(c) ? (char)(c - 32) : c; }
static char to_lower(char c) { return is_upper(c) ? (char)(c + 32) : c; }

/* A capital starts a word after a lower-case letter or a digit, and at
 * the end of an acronym: "HTTPServer" is HTTP_SERVER. */
static bool starts_word(const char *name, size_t i)
{
  if (i == 0 || !is_upper(name[i]) || name[i - 1] == '_')
    return false;
  char prev = name[i - 1];
  return is_lower(prev) || is_digit(prev) ||
         (is_upper(prev) && is_lower(name[i + 1]));
}

/* NAME in UPPER_SNAKE case: CamelCase -> CAMEL_CASE, paid -> PAID. */
static char *upper_snake(bwc_arena *arena, const char *name)
{
  size_t len = strlen(name);
  char *out = bwc_arena_alloc(arena, 2 * len + 1);
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    if (starts_word(name, i))
      out[n++] = '_';
    out[n++] = to_upper(name[i]);
  }
  out[n] = '\0';
  return out;
}

/* protoc's test for enum values that differ in spelling only: it strips
 * the enum's name from the front, then compares the rest in PascalCase,
 * which ignores case and underscores between words.  MEMBER is the
 * upper-snaked member, FULL the whole value name. */
static char *enum_key(bwc_arena *arena, const char *member, const char *full)
{
  while (*member == '_')
    member++;
  const char *text = *member != '\0' ? member : full;
  char *key = bwc_arena_strndup(arena, text, strlen(text));
  size_t n = 0;
  bool next_upper = true;
  for (const char *p = text; *p != '\0'; p++) {
    if (*p == '_') {
      next_upper = true;
      continue;
    }
    key[n++] = next_upper ? to_upper(*p) : to_lower(*p);
    next_upper = false;
  }
  key[n] = '\0';
  return key;
}

/* proto3's test for field names that clash: lower case, no underscores. */
static char *field_key(bwc_arena *arena, const char *name)
{
  char *key = bwc_arena_strndup(arena, name, strlen(name));
  size_t n = 0;
  for (const char *p = name; *p != '\0'; p++)
    if (*p != '_')
      key[n++] = to_lower(*p);
  key[n] = '\0';
  return key;
}

/* The message protoc makes for map field NAME: "tags" -> "TagsEntry". */
static char *map_entry_name(bwc_arena *arena, const char *name)
{
  char *out = bwc_arena_alloc(arena, strlen(name) + sizeof "Entry");
  size_t n = 0;
  bool cap = true;
  for (const char *p = name; *p != '\0'; p++) {
    if (*p == '_') {
      cap = true;
      continue;
    }
    out[n++] = cap ? to_upper(*p) : *p;
    cap = false;
  }
  memcpy(out + n, "Entry", sizeof "Entry");
  return out;
}

/* ---- Types -------------------------------------------------------------- */

/* Words that protoc reads as something other than a type name at the
 * start of a field; a declaration so named is referred to with its
 * package, which protoc never misreads. */
static bool is_proto_word(const char *name)
{
  static const char *const words[] = {
    "double", "float", "int32", "int64", "uint32", "uint64", "sint32",
    "sint64", "fixed32", "fixed64", "sfixed32", "sfixed64", "bool",
    "string", "bytes", "map", "group", "optional", "repeated", "required",
    "oneof", "option", "reserved", "extensions", "extend", "message",
    "enum",
  };
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strcmp(words[i], name) == 0)
      return true;
  return false;
}

/* A declaration's name as the file being written refers to it: bare in
 * its own package, else fully qualified with a leading dot.  A bare name
 * that protoc would misread, or find first among the map entries the
 * current message holds, is qualified too. */
static const char *decl_ref(gen *g, const bwc_decl *d)
{
  bool same = strcmp(d->file->package, g->file->package) == 0;
  bool shadowed = g->entries != NULL &&
                  bwc_symtab_find(g->entries, d->name) != NULL;
  if (same && !shadowed && !is_proto_word(d->name))
    return d->name;
  return bwc_arena_printf(g->arena, ".%s.%s", d->file->package, d->name);
}

static const char *scalar_name(bwc_type_kind kind)
{
  switch (kind) {
  case BWC_TYPE_BOOL:   return "bool";
  case BWC_TYPE_I8:
  case BWC_TYPE_I16:
  case BWC_TYPE_I32:    return "sint32";
  case BWC_TYPE_I64:    return "sint64";
  case BWC_TYPE_U8:
  case BWC_TYPE_U16:
  case BWC_TYPE_U32:    return "uint32";
  case BWC_TYPE_U64:    return "uint64";
  case BWC_TYPE_F32:    return "float";
  case BWC_TYPE_F64:    return "double";
  case BWC_TYPE_STRING: return "string";
  case BWC_TYPE_BYTES:  return "bytes";
  default:              return NULL;
  }
}

/* The proto type of T, which is not a list or map.  protobuf forbids
 * enum map keys; int32 has the same varint encoding for every enum
 * value boundwire allows (0..2^31-1). */
static const char *value_type(gen *g, const bwc_type *t, bool map_key)
{
  if (t->kind == BWC_TYPE_ENUM && map_key)
    return "int32";
  if (t->decl != NULL)
    return decl_ref(g, t->decl);
  return scalar_name(t->kind);
}

/* The type part of a field's line, label included. */
static const char *field_type(gen *g, const bwc_field *f)
{
  const bwc_type *t = f->type;
  if (t->kind == BWC_TYPE_LIST)
    return bwc_arena_printf(g->arena, "repeated %s",
                            value_type(g, t->elem, false));
  if (t->kind == BWC_TYPE_MAP)
    return bwc_arena_printf(g->arena, "map<%s, %s>",
                            value_type(g, t->key, true),
                            value_type(g, t->elem, false));
  return bwc_arena_printf(g->arena, "%s%s", f->optional ? "optional " : "",
                          value_type(g, t, false));
}

/* ---- The boundwire type, for the comment beside a constrained field ----- */

static const char *unit_word(uint64_t unit)
{
  switch (unit) {
  case 1024u:        return " KiB";
  case 1048576u:     return " MiB";
  case 1073741824u:  return " GiB";
  default:           return "";
  }
}

/* The shortest text that reads back as V, in the form of a boundwire
 * float literal: 0.1 rather than 0.10000000000000001, 50.0 rather than
 * 50, 1e20 rather than 1e+20. */
static const char *float_text(gen *g, double v)
{
  char buf[40];
  for (int digits = 1; digits <= 17; digits++) {
    snprintf(buf, sizeof buf, "%.*g", digits, v);
    if (strtod(buf, NULL) == v)
      break;
  }
  /* %g turns to an exponent once it has fewer digits than the integer
   * part; 5e1 reads worse than 50.0, so spell out integer parts of up to
   * 17 digits.  More digits than needed still read back as V. */
  char *e = strchr(buf, 'e');
  int exp10 = e != NULL ? atoi(e + 1) : -1;
  if (exp10 >= 0 && exp10 < 17) {
    snprintf(buf, sizeof buf, "%.*g", exp10 + 1, v);
    e = NULL;
  }
  if (e == NULL)
    return bwc_arena_printf(g->arena, "%s%s", buf,
                            strchr(buf, '.') != NULL ? "" : ".0");
  *e = '\0';
  const char *exp = e + 1;
  bool negative = *exp == '-';
  if (*exp == '-' || *exp == '+')
    exp++;
  while (exp[0] == '0' && exp[1] != '\0')
    exp++;
  return bwc_arena_printf(g->arena, "%se%s%s", buf, negative ? "-" : "", exp);
}

static const char *bound_text(gen *g, const bwc_bound *b)
{
  char buf[24];
  switch (b->kind) {
  case BWC_BOUND_OPEN:
    return "";
  case BWC_BOUND_FLOAT:
    return float_text(g, b->real);
  case BWC_BOUND_CONST:
    return bwc_arena_printf(g->arena, "%s%s%s", b->negative ? "-" : "",
                            b->name, unit_word(b->unit));
  case BWC_BOUND_INT:
    break;
  }
  /* A clean check resolves every integer bound; the literal is only a
   * fallback. */
  bwc_int v = b->value;
  if (!b->resolved)
    v = (bwc_int){ .negative = b->negative, .magnitude = b->literal };
  return bwc_arena_printf(g->arena, "%s", bwc_int_format(v, buf));
}

static const char *constraint_text(gen *g, const bwc_constraint *c)
{
  if (!c->present)
    return "";
  if (c->nonfinite)
    return "(nonfinite)";
  return bwc_arena_printf(g->arena, "(%s..%s)", bound_text(g, &c->lo),
                          bound_text(g, &c->hi));
}

/* T as the schema wrote it, constraints and type arguments included. */
static const char *bw_type_text(gen *g, const bwc_type *t)
{
  const char *args = "";
  for (const bwc_type_arg *a = t->args; a != NULL; a = a->next)
    args = bwc_arena_printf(g->arena, "%s%s%s", args, a == t->args ? "" : ", ",
                            bw_type_text(g, a->type));
  if (t->has_args)
    args = bwc_arena_printf(g->arena, "<%s>", args);
  return bwc_arena_printf(g->arena, "%s%s%s", t->name, args,
                          constraint_text(g, &t->constraint));
}

static bool has_constraint(const bwc_type *t)
{
  if (t->constraint.present)
    return true;
  for (const bwc_type_arg *a = t->args; a != NULL; a = a->next)
    if (has_constraint(a->type))
      return true;
  return false;
}

/* ---- Sorting ------------------------------------------------------------ */

static int cmp_u64(uint64_t a, uint64_t b)
{
  return a < b ? -1 : a > b;
}

static int cmp_field(const void *a, const void *b)
{
  const bwc_field *x = *(const bwc_field *const *)a;
  const bwc_field *y = *(const bwc_field *const *)b;
  return cmp_u64(x->number, y->number);
}

static int cmp_member(const void *a, const void *b)
{
  const bwc_member *x = *(const bwc_member *const *)a;
  const bwc_member *y = *(const bwc_member *const *)b;
  return cmp_u64(x->value, y->value);
}

/* FIELDS in ascending number order, in an array from the arena. */
static bwc_field **sorted_fields(gen *g, bwc_field *fields, size_t *count)
{
  size_t n = 0;
  for (bwc_field *f = fields; f != NULL; f = f->next)
    n++;
  bwc_field **arr = bwc_arena_alloc(g->arena, (n + 1) * sizeof *arr);
  n = 0;
  for (bwc_field *f = fields; f != NULL; f = f->next)
    arr[n++] = f;
  qsort(arr, n, sizeof *arr, cmp_field);
  *count = n;
  return arr;
}

/* ---- Checking names ----------------------------------------------------- */

static origin *make_origin(gen *g, const bwc_decl *d, bwc_span span,
                           const char *label, const char *name)
{
  origin *o = BWC_NEW(g->arena, origin);
  o->source = d->file->source;
  o->span = span;
  o->label = label;
  o->name = name;
  return o;
}

static void report_clash(gen *g, const origin *o, const origin *first,
                         const char *message)
{
  bwc_error(g->diag, o->source, o->span, "%s", message);
  bwc_note(g->diag, first->source, first->span, "%s is declared here",
           first->label);
}

/* Claims O's name in the package scope of D's file.  Returns false after
 * reporting what holds it already. */
static bool claim(gen *g, const bwc_decl *d, origin *o)
{
  bwc_symtab *scope = bwc_symtab_find(g->packages, d->file->package);
  if (scope == NULL) {
    scope = bwc_symtab_new(g->arena);
    bwc_symtab_insert(g->packages, d->file->package, scope);
  }
  const origin *first = bwc_symtab_insert(scope, o->name, o);
  if (first == NULL)
    return true;
  report_clash(g, o, first, bwc_arena_printf(g->arena,
      "%s becomes '%s' in the .proto export, as does %s; rename one",
      o->label, o->name, first->label));
  return false;
}

/* Records O under KEY in KEYS, the enum's values as protoc compares them.
 * Two names with one key make protoc refuse the enum; one name twice is
 * a clash that claim() reports instead. */
static bool add_enum_key(gen *g, bwc_symtab *keys, const char *key,
                         origin *o)
{
  const origin *first = bwc_symtab_insert(keys, key, o);
  if (first == NULL || strcmp(first->name, o->name) == 0)
    return true;
  report_clash(g, o, first, bwc_arena_printf(g->arena,
      "%s becomes '%s' in the .proto export, which protoc cannot tell "
      "from '%s' (%s): it ignores case and underscores in enum values; "
      "rename one", o->label, o->name, first->name, first->label));
  return false;
}

/* Fills E with D's members in ascending value order. */
static void sort_members(gen *g, const bwc_decl *d, enum_info *e)
{
  size_t n = 0;
  for (bwc_member *m = d->members; m != NULL; m = m->next)
    n++;
  e->count = n;
  e->members = bwc_arena_alloc(g->arena, (n + 1) * sizeof *e->members);
  e->names = bwc_arena_alloc(g->arena, (n + 1) * sizeof *e->names);
  n = 0;
  for (bwc_member *m = d->members; m != NULL; m = m->next)
    e->members[n++] = m;
  qsort(e->members, n, sizeof *e->members, cmp_member);
}

/* proto3 needs a value 0.  The one added is named so that no member
 * clashes with it: PREFIX_UNSET_, or PREFIX_UNSET_1_ and so on. */
static bool add_zero(gen *g, const bwc_decl *d, enum_info *e,
                     bwc_symtab *keys)
{
  const char *rest = "UNSET_";
  unsigned tries = 0;
  while (bwc_symtab_find(keys, enum_key(g->arena, rest, rest)) != NULL)
    rest = bwc_arena_printf(g->arena, "UNSET_%u_", ++tries);
  e->zero = bwc_arena_printf(g->arena, "%s_%s", e->prefix, rest);
  const char *label = bwc_arena_printf(g->arena,
      "the value 0 added to enum '%s'", d->name);
  return claim(g, d, make_origin(g, d, d->name_span, label, e->zero));
}

/* Names the values of enum D and checks that protoc can tell them apart,
 * within the enum and within the package. */
static bool prepare_enum(gen *g, const bwc_decl *d)
{
  enum_info *e = BWC_NEW(g->arena, enum_info);
  e->prefix = upper_snake(g->arena, d->name);
  sort_members(g, d, e);
  bwc_symtab *keys = bwc_symtab_new(g->arena);
  bool ok = true;
  for (size_t i = 0; i < e->count; i++) {
    const bwc_member *m = e->members[i];
    const char *upper = upper_snake(g->arena, m->name);
    e->names[i] = bwc_arena_printf(g->arena, "%s_%s", e->prefix, upper);
    origin *o = make_origin(g, d, m->name_span, bwc_arena_printf(g->arena,
        "'%s.%s'", d->name, m->name), e->names[i]);
    ok = add_enum_key(g, keys, enum_key(g->arena, upper, e->names[i]), o)
         && ok;
    ok = claim(g, d, o) && ok;
  }
  if (e->count > 0 && e->members[0]->value != 0)
    ok = add_zero(g, d, e, keys) && ok;
  bwc_symtab_insert_number(g->enums, (uint64_t)(uintptr_t)d, e);
  return ok;
}

static origin *field_origin(gen *g, const bwc_decl *d, const bwc_field *f)
{
  const char *label = bwc_arena_printf(g->arena, "'%s.%s'", d->name,
                                       f->name);
  return make_origin(g, d, f->name_span, label, f->name);
}

/* The message protoc makes for a map field shares the struct's scope. */
static bool check_map_entry(gen *g, const bwc_decl *d, const bwc_field *f,
                            bwc_symtab *names)
{
  if (f->type->kind != BWC_TYPE_MAP)
    return true;
  const char *entry = map_entry_name(g->arena, f->name);
  const bwc_field *other = bwc_symtab_find(names, entry);
  if (other == NULL)
    return true;
  origin *o = field_origin(g, d, other);
  origin *map = field_origin(g, d, f);
  report_clash(g, o, map, bwc_arena_printf(g->arena, "%s has the name "
      "protobuf gives the entries of map %s; rename one", o->label,
      map->label));
  return false;
}

/* proto3 refuses field names that differ only in case and underscores. */
static bool check_fields(gen *g, const bwc_decl *d)
{
  bwc_symtab *keys = bwc_symtab_new(g->arena);
  bwc_symtab *names = bwc_symtab_new(g->arena);
  bool ok = true;
  for (bwc_field *f = d->fields; f != NULL; f = f->next)
    bwc_symtab_insert(names, f->name, f);
  for (bwc_field *f = d->fields; f != NULL; f = f->next) {
    origin *o = field_origin(g, d, f);
    const origin *first = bwc_symtab_insert(keys,
                                            field_key(g->arena, f->name), o);
    if (first != NULL) {
      report_clash(g, o, first, bwc_arena_printf(g->arena,
          "proto3 cannot tell %s from %s: it ignores case and underscores "
          "in field names; rename one", o->label, first->label));
      ok = false;
    }
    ok = check_map_entry(g, d, f, names) && ok;
  }
  return ok;
}

static bool is_type(const bwc_decl *d)
{
  return d->kind != BWC_DECL_CONST;
}

static const char *decl_word(const bwc_decl *d)
{
  return d->kind == BWC_DECL_ENUM ? "enum"
         : d->kind == BWC_DECL_STRUCT ? "struct" : "union";
}

/* Checks every name the export will write before writing anything: the
 * types first, so that an enum value that clashes with a type is the
 * one reported. */
static bool check_names(gen *g)
{
  bool ok = true;
  for (bwc_file *f = g->comp->files; f != NULL; f = f->next)
    for (bwc_decl *d = f->decls; d != NULL; d = d->next)
      if (is_type(d))
        ok = claim(g, d, make_origin(g, d, d->name_span, bwc_arena_printf(
            g->arena, "%s '%s'", decl_word(d), d->name), d->name)) && ok;
  for (bwc_file *f = g->comp->files; f != NULL; f = f->next)
    for (bwc_decl *d = f->decls; d != NULL; d = d->next) {
      if (d->kind == BWC_DECL_ENUM)
        ok = prepare_enum(g, d) && ok;
      else if (is_type(d))
        ok = check_fields(g, d) && ok;
    }
  return ok;
}

/* ---- Writing ------------------------------------------------------------ */

/* Writes DOC as // lines, without trailing blanks. */
static void emit_doc(gen *g, const char *doc)
{
  if (doc == NULL)
    return;
  for (;;) {
    const char *eol = strchr(doc, '\n');
    size_t len = eol ? (size_t)(eol - doc) : strlen(doc);
    size_t end = len;
    while (end > 0 && strchr(" \t\r", doc[end - 1]) != NULL)
      end--;
    bwc_out_printf(&g->out, "//%s%.*s\n", end ? " " : "", (int)end, doc);
    if (eol == NULL)
      return;
    doc = eol + 1;
  }
}

static void emit_field(gen *g, const bwc_field *f)
{
  emit_doc(g, f->doc);
  bwc_out_printf(&g->out, "%s %s = %" PRIu64 ";", field_type(g, f), f->name,
                 f->number);
  if (has_constraint(f->type))
    bwc_out_printf(&g->out, "  // bw: %s", bw_type_text(g, f->type));
  bwc_out_printf(&g->out, "\n");
}

typedef struct range {
  uint64_t lo, hi;
} range;

static int cmp_range(const void *a, const void *b)
{
  const range *x = a, *y = b;
  int c = cmp_u64(x->lo, y->lo);
  return c != 0 ? c : cmp_u64(x->hi, y->hi);
}

/* The reserved numbers of RES from FLOOR up, in ascending order.
 * boundwire lets ranges overlap and protoc does not, so overlapping
 * ranges are merged. */
static size_t reserved_ranges(gen *g, const bwc_reserved *res,
                              uint64_t floor, range **out)
{
  size_t n = 0;
  for (const bwc_reserved *r = res; r != NULL; r = r->next)
    n++;
  range *arr = bwc_arena_alloc(g->arena, (n + 1) * sizeof *arr);
  n = 0;
  for (const bwc_reserved *r = res; r != NULL; r = r->next)
    if (r->name == NULL && r->hi >= floor)
      arr[n++] = (range){ r->lo < floor ? floor : r->lo, r->hi };
  qsort(arr, n, sizeof *arr, cmp_range);
  size_t kept = 0;
  for (size_t i = 0; i < n; i++) {
    if (kept > 0 && arr[i].lo <= arr[kept - 1].hi) {
      if (arr[i].hi > arr[kept - 1].hi)
        arr[kept - 1].hi = arr[i].hi;
    } else {
      arr[kept++] = arr[i];
    }
  }
  *out = arr;
  return kept;
}

static void emit_reserved_numbers(gen *g, const bwc_reserved *res,
                                  uint64_t floor)
{
  range *r;
  size_t n = reserved_ranges(g, res, floor, &r);
  for (size_t i = 0; i < n; i++) {
    bwc_out_printf(&g->out, "%s%" PRIu64, i ? ", " : "reserved ", r[i].lo);
    if (r[i].hi != r[i].lo)
      bwc_out_printf(&g->out, " to %" PRIu64, r[i].hi);
  }
  if (n > 0)
    bwc_out_printf(&g->out, ";\n");
}

/* Writes the reserved names of RES, each once: as written for a struct
 * or union, as PREFIX_NAME for an enum.  protoc refuses a reserved name
 * that a value uses, which happens when an enum reserves another spelling
 * of a member's name (fooBar beside foo_bar); TAKEN holds the value names,
 * and such a name is left out, since the value keeps it in use anyway. */
static void emit_reserved_names(gen *g, const bwc_reserved *res,
                                const char *prefix, const bwc_symtab *taken)
{
  bwc_symtab *seen = bwc_symtab_new(g->arena);
  size_t n = 0;
  for (const bwc_reserved *r = res; r != NULL; r = r->next) {
    if (r->name == NULL)
      continue;
    const char *name = prefix == NULL ? r->name : bwc_arena_printf(g->arena,
        "%s_%s", prefix, upper_snake(g->arena, r->name));
    if ((taken != NULL && bwc_symtab_find(taken, name) != NULL) ||
        bwc_symtab_insert(seen, name, (void *)name) != NULL)
      continue;
    bwc_out_printf(&g->out, "%s\"%s\"", n++ ? ", " : "reserved ", name);
  }
  if (n > 0)
    bwc_out_printf(&g->out, ";\n");
}

static void emit_enum_values(gen *g, const enum_info *e)
{
  if (e->zero != NULL)
    bwc_out_printf(&g->out, "// Not a member: proto3 requires a value 0, "
                   "and boundwire rejects it.\n%s = 0;\n", e->zero);
  for (size_t i = 0; i < e->count; i++) {
    emit_doc(g, e->members[i]->doc);
    bwc_out_printf(&g->out, "%s = %" PRIu64 ";\n", e->names[i],
                   e->members[i]->value);
  }
}

static void emit_enum(gen *g, const bwc_decl *d)
{
  const enum_info *e = bwc_symtab_find_number(g->enums,
                                              (uint64_t)(uintptr_t)d);
  bwc_symtab *taken = bwc_symtab_new(g->arena);
  for (size_t i = 0; i < e->count; i++)
    bwc_symtab_insert(taken, e->names[i], (void *)e->names[i]);
  if (e->zero != NULL)
    bwc_symtab_insert(taken, e->zero, (void *)e->zero);

  emit_doc(g, d->doc);
  bwc_out_printf(&g->out, "enum %s {\n", d->name);
  g->out.indent++;
  emit_enum_values(g, e);
  /* The value added for 0 takes 0 even where the schema reserves it. */
  emit_reserved_numbers(g, d->reserved, e->zero != NULL ? 1 : 0);
  emit_reserved_names(g, d->reserved, e->prefix, taken);
  g->out.indent--;
  bwc_out_printf(&g->out, "}\n");
}

/* The map entry messages protoc nests in a message with map fields. */
static bwc_symtab *entry_names(gen *g, const bwc_decl *d)
{
  bwc_symtab *entries = bwc_symtab_new(g->arena);
  for (bwc_field *f = d->fields; f != NULL; f = f->next)
    if (f->type->kind == BWC_TYPE_MAP)
      bwc_symtab_insert(entries, map_entry_name(g->arena, f->name), f);
  return entries;
}

static void emit_fields(gen *g, const bwc_decl *d)
{
  size_t n;
  bwc_field **fields = sorted_fields(g, d->fields, &n);
  for (size_t i = 0; i < n; i++)
    emit_field(g, fields[i]);
}

static void emit_struct(gen *g, const bwc_decl *d)
{
  emit_doc(g, d->doc);
  if (d->fields == NULL && d->reserved == NULL) {
    bwc_out_printf(&g->out, "message %s {}\n", d->name);
    return;
  }
  bwc_out_printf(&g->out, "message %s {\n", d->name);
  g->out.indent++;
  g->entries = entry_names(g, d);
  emit_fields(g, d);
  g->entries = NULL;
  emit_reserved_numbers(g, d->reserved, 0);
  emit_reserved_names(g, d->reserved, NULL, NULL);
  g->out.indent--;
  bwc_out_printf(&g->out, "}\n");
}

/* The oneof shares the message's scope with its fields: "value", or with
 * more underscores when a member already has that name. */
static const char *oneof_name(gen *g, const bwc_decl *d)
{
  bwc_symtab *names = bwc_symtab_new(g->arena);
  for (bwc_field *f = d->fields; f != NULL; f = f->next)
    bwc_symtab_insert(names, f->name, f);
  const char *name = "value";
  while (bwc_symtab_find(names, name) != NULL)
    name = bwc_arena_printf(g->arena, "%s_", name);
  return name;
}

static void emit_union(gen *g, const bwc_decl *d)
{
  emit_doc(g, d->doc);
  bwc_out_printf(&g->out, "message %s {\n", d->name);
  g->out.indent++;
  bwc_out_printf(&g->out, "oneof %s {\n", oneof_name(g, d));
  g->out.indent++;
  emit_fields(g, d);
  g->out.indent--;
  bwc_out_printf(&g->out, "}\n");
  emit_reserved_numbers(g, d->reserved, 0);
  emit_reserved_names(g, d->reserved, NULL, NULL);
  g->out.indent--;
  bwc_out_printf(&g->out, "}\n");
}

/* A path fit for a one-line comment: control bytes become '?'. */
static const char *printable(gen *g, const char *text)
{
  char *out = bwc_arena_strndup(g->arena, text, strlen(text));
  for (char *p = out; *p != '\0'; p++)
    if ((unsigned char)*p < 0x20 || *p == 0x7f)
      *p = '?';
  return out;
}

/* TEXT as the inside of a protobuf string literal. */
static const char *escaped(gen *g, const char *text)
{
  char *out = bwc_arena_alloc(g->arena, 4 * strlen(text) + 1);
  size_t n = 0;
  for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
    if (*p < 0x20 || *p == 0x7f)
      n += (size_t)sprintf(out + n, "\\%03o", *p);
    else if (*p == '"' || *p == '\\')
      n += (size_t)sprintf(out + n, "\\%c", *p);
    else
      out[n++] = (char)*p;
  }
  out[n] = '\0';
  return out;
}

static void emit_header(gen *g, const bwc_file *f)
{
  bwc_out_printf(&g->out, "// Generated by bwc %s from %s. Do not edit.\n",
                 PACKAGE_VERSION, printable(g, f->source->path));
  bwc_out_printf(&g->out, "syntax = \"proto3\";\n\n");
  emit_doc(g, f->doc);
  bwc_out_printf(&g->out, "package %s;\n", f->package);
}

/* One import per file imported directly, however often it is named. */
static void emit_imports(gen *g, const bwc_file *f)
{
  bwc_symtab *seen = bwc_symtab_new(g->arena);
  bool first = true;
  for (const bwc_import *imp = f->imports; imp != NULL; imp = imp->next) {
    if (imp->file == NULL ||
        bwc_symtab_insert_number(seen, (uint64_t)(uintptr_t)imp->file,
                                 imp->file) != NULL)
      continue;
    const char *stem = bwc_file_stem(g->arena, imp->file->source);
    bwc_out_printf(&g->out, "%simport \"%s.proto\";\n", first ? "\n" : "",
                   escaped(g, stem));
    first = false;
  }
}

static void emit_decl(gen *g, const bwc_decl *d)
{
  if (!is_type(d))
    return;
  bwc_out_printf(&g->out, "\n");
  if (d->kind == BWC_DECL_ENUM)
    emit_enum(g, d);
  else if (d->kind == BWC_DECL_STRUCT)
    emit_struct(g, d);
  else
    emit_union(g, d);
}

static bool gen_file(gen *g, const bwc_file *f, const char *dir,
                     bool verbose)
{
  g->file = f;
  bwc_out_init(&g->out);
  emit_header(g, f);
  emit_imports(g, f);
  for (const bwc_decl *d = f->decls; d != NULL; d = d->next)
    emit_decl(g, d);
  const char *name = bwc_arena_printf(g->arena, "%s.proto",
                                      bwc_file_stem(g->arena, f->source));
  bool ok = bwc_out_write(&g->out, g->diag, dir, name, verbose);
  bwc_out_free(&g->out);
  return ok;
}

bool bwc_gen_proto(bwc_compilation *comp, const char *dir, bool verbose)
{
  gen g;
  memset(&g, 0, sizeof g);
  g.comp = comp;
  g.arena = comp->arena;
  g.diag = comp->diag;
  g.packages = bwc_symtab_new(g.arena);
  g.enums = bwc_symtab_new(g.arena);
  if (!check_names(&g))
    return false;

  bool ok = true;
  for (const bwc_file *f = comp->files; f != NULL; f = f->next)
    ok = gen_file(&g, f, dir, verbose) && ok;
  return ok;
}
