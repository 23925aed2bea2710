/* gen_py.c: the Python back end.
 *
 * For each package it writes MODULE.c, the C source of a CPython
 * extension module named after the package (dots become underscores),
 * and MODULE.pyi, its stub; and, for every loaded file, the C codecs
 * the module is built on (the C back end's output).  The module is
 * mostly tables: the code that works from them (construction,
 * attributes, repr, decode and encode drivers) is bwpy.c, which the
 * boundwire Python package ships and compiles into every module.
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "gen_py_internal.h"

#define C(...) bwc_out_printf(&p->c, __VA_ARGS__)

/* ---- Names -------------------------------------------------------------- */

static const char *const py_keywords[] = {
  "False", "None", "True", "and", "as", "assert", "async", "await",
  "break", "class", "continue", "def", "del", "elif", "else", "except",
  "finally", "for", "from", "global", "if", "import", "in", "is",
  "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
  "while", "with", "yield", NULL,
};

/* Attributes of every generated class, and the stub's own imports. */
static const char *const py_reserved[] = {
  "encode", "decode", "validate", "to_dict", "from_dict", "_bw_fields",
  "_bw_b", "_bw_e", "_bw_t", "_bw_self", NULL,
};

/* Names a union's own attributes take. */
static const char *const py_union_reserved[] = { "which", "value", NULL };

/* Names enum.Enum keeps for itself. */
static const char *const py_enum_reserved[] = { "mro", "name", "value",
                                                NULL };

static bool in_list(const char *const *list, const char *name)
{
  for (size_t i = 0; list[i] != NULL; i++)
    if (strcmp(list[i], name) == 0)
      return true;
  return false;
}

/* enum.Enum takes _x_ and __x__ names as its own settings, not as
 * members; these are its tests for them. */
static bool sunder_or_dunder(const char *name)
{
  size_t n = strlen(name);
  bool sunder = n > 2 && name[0] == '_' && name[n - 1] == '_' &&
                name[1] != '_' && name[n - 2] != '_';
  bool dunder = n > 4 && strncmp(name, "__", 2) == 0 &&
                strcmp(name + n - 2, "__") == 0 && name[2] != '_' &&
                name[n - 3] != '_';
  return sunder || dunder;
}

const char *py_module_name(bwc_arena *arena, const char *package)
{
  char *s = bwc_arena_strndup(arena, package, strlen(package));
  for (char *c = s; *c; c++)
    if (*c == '.')
      *c = '_';
  return s;
}

static bool taken(const char *const *names, size_t n, const char *name)
{
  for (size_t i = 0; i < n; i++)
    if (strcmp(names[i], name) == 0)
      return true;
  return false;
}

/* The Python name of a field or member: the schema's, with "_" added
 * while it is a keyword, a reserved name or another field's name.  A
 * name starting with "__" would be mangled by Python: it gets an "f". */
static const char *py_field_name(pygen *p, const bwc_decl *d,
                                 const char *name, const char **done,
                                 size_t ndone)
{
  const char *out = name;
  if (strncmp(name, "__", 2) == 0)
    out = bwc_arena_printf(p->arena, "f%s", name);
  for (;;) {
    bool bad = in_list(py_keywords, out) || taken(done, ndone, out);
    if (d->kind == BWC_DECL_ENUM)
      bad = bad || in_list(py_enum_reserved, out) || sunder_or_dunder(out);
    else
      bad = bad || in_list(py_reserved, out) ||
            (d->kind == BWC_DECL_UNION && in_list(py_union_reserved, out));
    if (!bad)
      return out;
    out = bwc_arena_printf(p->arena, "%s_", out);
  }
}

static const char *py_class_name(pygen *p, const char *name)
{
  while (in_list(py_keywords, name) || in_list(py_reserved, name))
    name = bwc_arena_printf(p->arena, "%s_", name);
  return name;
}

static void name_fields(pygen *p, py_decl *pd)
{
  const bwc_decl *d = pd->decl;
  size_t n = 0;
  for (const bwc_field *f = d->fields; f != NULL; f = f->next)
    n++;
  for (const bwc_member *m = d->members; m != NULL; m = m->next)
    n++;
  pd->fields = bwc_arena_alloc(p->arena, (n + 1) * sizeof *pd->fields);
  for (const bwc_field *f = d->fields; f != NULL; f = f->next, pd->nfields++)
    pd->fields[pd->nfields] = py_field_name(p, d, f->name, pd->fields,
                                            pd->nfields);
  for (const bwc_member *m = d->members; m != NULL;
       m = m->next, pd->nfields++)
    pd->fields[pd->nfields] = py_field_name(p, d, m->name, pd->fields,
                                            pd->nfields);
}

/* ---- The types a module knows ------------------------------------------ */

bool py_is_message(const bwc_decl *d)
{
  return d->kind == BWC_DECL_STRUCT || d->kind == BWC_DECL_UNION;
}

py_decl *py_find(pygen *p, const bwc_decl *d)
{
  return bwc_symtab_find(p->by_cname, gc_decl_name(&p->cg, d));
}

static void add_decl(pygen *p, bwc_decl *d, size_t cap)
{
  const char *cname = gc_decl_name(&p->cg, d);
  if (bwc_symtab_find(p->by_cname, cname) != NULL || p->ndecls >= cap)
    return;
  py_decl *pd = BWC_NEW(p->arena, py_decl);
  pd->decl = d;
  pd->local = strcmp(d->file->package, p->package) == 0;
  pd->cname = cname;
  pd->pyname = py_class_name(p, d->name);
  pd->module = py_module_name(p->arena, d->file->package);
  name_fields(p, pd);
  bwc_symtab_insert(p->by_cname, cname, pd);
  p->decls[p->ndecls++] = pd;
}

static void add_type(pygen *p, const bwc_type *t, size_t cap)
{
  if (t->elem != NULL)
    add_type(p, t->elem, cap);
  if (t->key != NULL)
    add_type(p, t->key, cap);
  if (t->decl == NULL)
    return;
  add_decl(p, t->decl, cap);
  py_find(p, t->decl)->referenced = true;
}

static size_t count_decls(bwc_compilation *comp)
{
  size_t n = 0;
  for (bwc_file *f = comp->files; f != NULL; f = f->next)
    for (bwc_decl *d = f->decls; d != NULL; d = d->next)
      n++;
  return n;
}

/* The package's own declarations, then, breadth first, those of other
 * packages that their fields reach. */
static void collect(pygen *p)
{
  size_t cap = count_decls(p->comp);
  p->decls = bwc_arena_alloc(p->arena, (cap + 1) * sizeof *p->decls);
  p->by_cname = bwc_symtab_new(p->arena);
  for (bwc_file *f = p->comp->files; f != NULL; f = f->next) {
    if (strcmp(f->package, p->package) != 0)
      continue;
    for (bwc_decl *d = f->decls; d != NULL; d = d->next)
      if (d->kind != BWC_DECL_CONST)
        add_decl(p, d, cap);
  }
  for (size_t i = 0; i < p->ndecls; i++)
    for (bwc_field *f = p->decls[i]->decl->fields; f != NULL; f = f->next)
      add_type(p, f->type, cap);
}

/* Slots: each class (and an enum's members after it), each local
 * type's decode function, then every field name. */
static void assign_slots(pygen *p)
{
  int n = 0;
  for (size_t i = 0; i < p->ndecls; i++) {
    py_decl *pd = p->decls[i];
    pd->slot = n++;
    if (pd->decl->kind == BWC_DECL_ENUM)
      n += (int)pd->nfields;
    pd->decode_slot = -1;
    if (pd->local && py_is_message(pd->decl))
      pd->decode_slot = n++;
  }
  p->names_base = n;
  for (size_t i = 0; i < p->ndecls; i++) {
    py_decl *pd = p->decls[i];
    if (!py_is_message(pd->decl))
      continue;
    pd->names_slot = n;
    n += (int)pd->nfields;
    p->nnames += pd->nfields;
  }
  p->nslots = n;
}

/* ---- Helpers shared with the other parts ------------------------------- */

bool py_nullable(const bwc_decl *d, const bwc_field *f)
{
  if (d->kind == BWC_DECL_UNION)
    return false;
  if (f->optional || f->type->kind == BWC_TYPE_UNION)
    return true;
  return f->type->kind == BWC_TYPE_ENUM && !gc_default_ok(f->type);
}

const char *py_c_field(pygen *p, const char *base, const bwc_field *f)
{
  return bwc_arena_printf(p->arena, "%s%s", base,
                          gc_member(&p->cg, f->name));
}

const char *py_c_string(pygen *p, const char *text)
{
  if (text == NULL)
    return "NULL";
  size_t n = strlen(text);
  char *out = bwc_arena_alloc(p->arena, 4 * n + 3);
  size_t k = 0;
  out[k++] = '"';
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c == '"' || c == '\\' || c == '?') {
      out[k++] = '\\';
      out[k++] = (char)c;
    } else if (c == '\n') {
      out[k++] = '\\';
      out[k++] = 'n';
    } else if (c < 0x20 || c == 0x7f) {
      k += (size_t)sprintf(out + k, "\\%03o", c);
    } else {
      out[k++] = (char)c;
    }
  }
  out[k++] = '"';
  out[k] = '\0';
  return out;
}

const char *py_type_label(pygen *p, const bwc_type *t)
{
  if (gc_is_unsigned(t->kind) || gc_is_signed(t->kind))
    return "int";
  if (gc_is_float(t->kind))
    return "float";
  switch (t->kind) {
  case BWC_TYPE_BOOL:
    return "bool";
  case BWC_TYPE_STRING:
    return "str";
  case BWC_TYPE_BYTES:
    return "bytes";
  case BWC_TYPE_LIST:
    return bwc_arena_printf(p->arena, "list[%s]",
                            py_type_label(p, t->elem));
  case BWC_TYPE_MAP:
    return bwc_arena_printf(p->arena, "dict[%s, %s]",
                            py_type_label(p, t->key),
                            py_type_label(p, t->elem));
  default:
    return py_find(p, t->decl)->pyname;
  }
}

/* ---- Tables ------------------------------------------------------------- */

static const char *vt_ref(pygen *p, const bwc_type *t)
{
  if (gc_is_unsigned(t->kind) || gc_is_signed(t->kind))
    return "&bwpy_vt_int";
  if (gc_is_float(t->kind))
    return "&bwpy_vt_float";
  if (t->kind == BWC_TYPE_BOOL)
    return "&bwpy_vt_bool";
  if (t->kind == BWC_TYPE_STRING)
    return "&bwpy_vt_str";
  if (t->kind == BWC_TYPE_BYTES)
    return "&bwpy_vt_bytes";
  return bwc_arena_printf(p->arena, "&VT_%s", py_find(p, t->decl)->cname);
}

static void emit_enum_tables(pygen *p, py_decl *pd)
{
  const bwc_decl *d = pd->decl;
  C("\n/* enum %s */\nstatic const char *const ENAMES_%s[] = {", d->name,
    pd->cname);
  for (size_t i = 0; i < pd->nfields; i++)
    C("%s\"%s\",", i % 4 == 0 ? "\n  " : " ", pd->fields[i]);
  C("\n};\nstatic const int64_t EVALUES_%s[] = {", pd->cname);
  size_t i = 0;
  for (const bwc_member *m = d->members; m != NULL; m = m->next, i++)
    C("%s%" PRIu64 ",", i % 6 == 0 ? "\n  " : " ", m->value);
  C("\n};\nstatic const bwpy_enum ENUM_%s = {\n  \"%s\", %s, %d, %zu, "
    "ENAMES_%s,\n  EVALUES_%s\n};\n", pd->cname, pd->pyname,
    py_c_string(p, d->doc), pd->slot, pd->nfields, pd->cname, pd->cname);
  if (pd->referenced)
    C("static const bwpy_vtype VT_%s = {\n  BWPY_ENUM, \"%s\", &ENUM_%s, "
      "NULL, NULL, NULL\n};\n", pd->cname, pd->pyname, pd->cname);
}

static void emit_container_vt(pygen *p, py_decl *pd, const bwc_field *f)
{
  const bwc_type *t = f->type;
  bool map = t->kind == BWC_TYPE_MAP;
  C("static const bwpy_vtype VT_%s__%s = {\n  %s, \"%s\", NULL, NULL, %s, "
    "%s\n};\n", pd->cname, f->name, map ? "BWPY_MAP" : "BWPY_LIST",
    py_type_label(p, t), vt_ref(p, t->elem),
    map ? vt_ref(p, t->key) : "NULL");
}

static const char *field_vt(pygen *p, py_decl *pd, const bwc_field *f)
{
  if (gc_is_container(f->type->kind))
    return bwc_arena_printf(p->arena, "&VT_%s__%s", pd->cname, f->name);
  return vt_ref(p, f->type);
}

static void emit_fields(pygen *p, py_decl *pd)
{
  const bwc_decl *d = pd->decl;
  for (const bwc_field *f = d->fields; f != NULL; f = f->next)
    if (gc_is_container(f->type->kind))
      emit_container_vt(p, pd, f);
  if (d->fields == NULL)
    return;
  C("static const bwpy_field FIELDS_%s[] = {\n", pd->cname);
  size_t i = 0;
  for (const bwc_field *f = d->fields; f != NULL; f = f->next, i++)
    C("  { \"%s\", \"%s\", %s,\n    %s, %zu, %d, %" PRIu64 ", %s, %s },\n",
      pd->fields[i], f->name, py_c_string(p, f->doc), field_vt(p, pd, f), i,
      pd->names_slot + (int)i, f->number,
      py_nullable(d, f) ? "true" : "false", f->optional ? "true" : "false");
  C("};\n");
}

static void emit_info(pygen *p, py_decl *pd)
{
  const bwc_decl *d = pd->decl;
  const bwc_limits *lim = &d->file->limits;
  C("static const bwpy_info INFO_%s = {\n  \"%s\", \"%s.%s\", %s, %d, %d, "
    "%zu, %s%s,\n", pd->cname, pd->pyname, d->file->package, d->name,
    d->kind == BWC_DECL_UNION ? "true" : "false", pd->slot,
    pd->decode_slot, pd->nfields, d->fields ? "FIELDS_" : "NULL",
    d->fields ? pd->cname : "");
  if (pd->local)
    C("  &%s_type, { %" PRIu64 "u, %" PRIu64 "u }, put_%s,\n", pd->cname,
      lim->max_message_bytes, lim->max_depth, pd->cname);
  else
    C("  NULL, { 0, 0 }, NULL,\n");
  C("  to_py_%s, to_c_%s\n};\n", pd->cname, pd->cname);
  if (pd->referenced)
    C("static const bwpy_vtype VT_%s = {\n  %s, \"%s\", NULL, &INFO_%s, "
      "NULL, NULL\n};\n", pd->cname,
      d->kind == BWC_DECL_UNION ? "BWPY_UNION" : "BWPY_STRUCT", pd->pyname,
      pd->cname);
}

/* ---- The types' methods ------------------------------------------------- */

/* Types that can reach other instances, lists or dicts take part in
 * garbage collection; the others cannot be part of a cycle. */
static bool needs_gc(const bwc_decl *d)
{
  for (const bwc_field *f = d->fields; f != NULL; f = f->next) {
    bwc_type_kind k = f->type->kind;
    if (gc_is_container(k) || k == BWC_TYPE_STRUCT || k == BWC_TYPE_UNION)
      return true;
  }
  return false;
}

static void emit_wrappers(pygen *p, py_decl *pd)
{
  const char *n = pd->cname;
  bool u = pd->decl->kind == BWC_DECL_UNION;
  C("\nstatic uint8_t *put_%s(const void *v, uint8_t *end)\n{\n"
    "  return %s__encode(v, end);\n}\n", n, n);
  C("\nstatic PyObject *new_%s(PyTypeObject *t, PyObject *a, PyObject *k)"
    "\n{\n  return bwpy_%s_new(t, a, k, &INFO_%s);\n}\n", n,
    u ? "union" : "struct", n);
  C("\nstatic PyObject *repr_%s(PyObject *s)\n{\n"
    "  return bwpy_repr(s, &INFO_%s);\n}\n", n, n);
  C("\nstatic PyObject *cmp_%s(PyObject *a, PyObject *b, int op)\n{\n"
    "  return bwpy_richcompare(a, b, op, &INFO_%s);\n}\n", n, n);
  static const char *const plain[] = { "encode", "validate", "to_dict",
                                       "reduce" };
  for (size_t i = 0; i < 4; i++)
    C("\nstatic PyObject *%s_%s(PyObject *s, PyObject *unused)\n{\n"
      "  (void)unused;\n  return bwpy_%s(s, &INFO_%s);\n}\n", plain[i], n,
      plain[i], n);
  C("\nstatic PyObject *from_dict_%s(PyObject *cls, PyObject *d)\n{\n"
    "  return bwpy_from_dict(cls, d, &INFO_%s);\n}\n", n, n);
  C("\nstatic PyObject *decode_%s(PyObject *cls, PyObject *const *args,\n"
    "    Py_ssize_t nargs, PyObject *kwnames)\n{\n"
    "  return bwpy_decode_method(cls, args, nargs, kwnames, &INFO_%s);\n}\n",
    n, n);
  C("\nstatic PyObject *mdecode_%s(PyObject *module, PyObject *buf)\n{\n"
    "  return bwpy_decode_function(module, buf, &INFO_%s);\n}\n", n, n);
}

static void emit_methods(pygen *p, py_decl *pd)
{
  const char *n = pd->cname, *t = pd->pyname;
  C("\nstatic PyMethodDef METHODS_%s[] = {\n", n);
  C("  { \"encode\", encode_%s, METH_NOARGS,\n"
    "    \"encode($self, /)\\n--\\n\\nThe canonical bytes of this value; "
    "raises boundwire.ValidationError\\nwhen it breaks a rule.\" },\n", n);
  C("  { \"validate\", validate_%s, METH_NOARGS,\n"
    "    \"validate($self, /)\\n--\\n\\nRaises boundwire.ValidationError "
    "when this value breaks a rule.\" },\n", n);
  C("  { \"to_dict\", to_dict_%s, METH_NOARGS,\n"
    "    \"to_dict($self, /)\\n--\\n\\nThis value as plain dicts, lists "
    "and scalars.\" },\n", n);
  C("  { \"__reduce__\", reduce_%s, METH_NOARGS,\n"
    "    \"Pickles as the encoded bytes.\" },\n", n);
  C("  { \"from_dict\", from_dict_%s, METH_O | METH_CLASS,\n"
    "    \"from_dict($type, d, /)\\n--\\n\\nA %s from plain data, as "
    "to_dict gives it.\" },\n", n, t);
  C("  { \"decode\", (PyCFunction)(void (*)(void))decode_%s,\n"
    "    METH_FASTCALL | METH_KEYWORDS | METH_CLASS,\n"
    "    \"decode($type, buf, /, *, strict=False)\\n--\\n\\nDecodes a %s "
    "from bytes, bytearray or memoryview; raises\\n"
    "boundwire.DecodeError on bad input.  strict refuses unknown "
    "fields.\" },\n", n, t);
  C("  { NULL, NULL, 0, NULL }\n};\n");
}

static void emit_getset(pygen *p, py_decl *pd)
{
  const bwc_decl *d = pd->decl;
  bool u = d->kind == BWC_DECL_UNION;
  C("\nstatic PyGetSetDef GETSET_%s[] = {\n", pd->cname);
  if (u)
    C("  { \"which\", bwpy_union_which, NULL, \"The name of the member "
      "set.\",\n    (void *)&INFO_%s },\n  { \"value\", bwpy_union_value, "
      "NULL, \"The value of the member set.\",\n    (void *)&INFO_%s },\n",
      pd->cname, pd->cname);
  size_t i = 0;
  for (const bwc_field *f = d->fields; f != NULL; f = f->next, i++)
    C("  { \"%s\", %s, %s, %s,\n    (void *)&FIELDS_%s[%zu] },\n",
      pd->fields[i], u ? "bwpy_union_get" : "bwpy_get",
      u ? "bwpy_union_set" : "bwpy_set", py_c_string(p, f->doc), pd->cname,
      i);
  C("  { NULL, NULL, NULL, NULL, NULL }\n};\n");
}

static void emit_spec(pygen *p, py_decl *pd)
{
  const char *n = pd->cname;
  bool u = pd->decl->kind == BWC_DECL_UNION, gc = needs_gc(pd->decl);
  const char *kind = u ? "union_" : "";
  C("\nstatic PyType_Slot SLOTS_%s[] = {\n"
    "  { Py_tp_new, (void *)new_%s },\n"
    "  { Py_tp_dealloc, (void *)bwpy_%sdealloc%s },\n", n, n, kind,
    gc ? "" : "_plain");
  if (gc)
    C("  { Py_tp_traverse, (void *)bwpy_%straverse },\n"
      "  { Py_tp_clear, (void *)bwpy_%sclear },\n", kind, kind);
  C("  { Py_tp_repr, (void *)repr_%s },\n"
    "  { Py_tp_richcompare, (void *)cmp_%s },\n"
    "  { Py_tp_hash, (void *)PyObject_HashNotImplemented },\n"
    "  { Py_tp_getset, GETSET_%s },\n  { Py_tp_methods, METHODS_%s },\n",
    n, n, n, n);
  if (pd->decl->doc != NULL)
    C("  { Py_tp_doc, (void *)%s },\n", py_c_string(p, pd->decl->doc));
  C("  { 0, NULL }\n};\n");
  C("\nstatic PyType_Spec SPEC_%s = {\n  \"%s.%s\",\n", n, p->module,
    pd->pyname);
  if (u)
    C("  (int)sizeof(bwpy_union),\n");
  else
    C("  (int)(sizeof(bwpy_obj) + %zu * sizeof(PyObject *)),\n",
      pd->nfields);
  C("  0,\n  Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE%s,\n"
    "  SLOTS_%s\n};\n", gc ? " | Py_TPFLAGS_HAVE_GC" : "", n);
}

/* ---- The module -------------------------------------------------------- */

static void emit_slot_enum(pygen *p)
{
  C("\n/* The module state's slots: see bwpy.h. */\nenum {\n");
  for (size_t i = 0; i < p->ndecls; i++) {
    py_decl *pd = p->decls[i];
    C("  SLOT_%s = %d,\n", pd->cname, pd->slot);
  }
  C("  NAMES_BASE = %d,\n  NSLOTS = %d\n};\n", p->names_base, p->nslots);
}

static void emit_includes(pygen *p)
{
  C("#include \"bwpy.h\"\n\n#include <stdlib.h>\n\n");
  for (bwc_file *f = p->comp->files; f != NULL; f = f->next)
    if (strcmp(f->package, p->package) == 0)
      C("#include \"%s.bw.h\"\n", bwc_file_stem(p->arena, f->source));
  C("\n#if BWPY_ABI != 2\n#error \"made for bwpy ABI 2: regenerate it with "
    "the bwc of this boundwire\"\n#endif\n");
}

static void emit_forward(pygen *p)
{
  C("\n");
  for (size_t i = 0; i < p->ndecls; i++) {
    py_decl *pd = p->decls[i];
    if (py_is_message(pd->decl))
      C("static const bwpy_info INFO_%s;\n", pd->cname);
    if (pd->referenced)
      C("static const bwpy_vtype VT_%s;\n", pd->cname);
  }
  py_emit_prototypes(p);
}

static void emit_names(pygen *p)
{
  C("\nstatic const char *const NAMES[] = {");
  size_t k = 0;
  for (size_t i = 0; i < p->ndecls; i++) {
    py_decl *pd = p->decls[i];
    if (!py_is_message(pd->decl))
      continue;
    for (size_t j = 0; j < pd->nfields; j++, k++)
      C("%s\"%s\",", k % 4 == 0 ? "\n  " : " ", pd->fields[j]);
  }
  if (k == 0)
    C("\n  NULL,");
  C("\n};\n");
}

static void emit_lists(pygen *p)
{
  C("\nstatic const bwpy_enum *const ENUMS[] = {\n");
  for (size_t i = 0; i < p->ndecls; i++)
    if (p->decls[i]->local && p->decls[i]->decl->kind == BWC_DECL_ENUM)
      C("  &ENUM_%s,\n", p->decls[i]->cname);
  C("  NULL\n};\n\nstatic const bwpy_info *const TYPES[] = {\n");
  for (size_t i = 0; i < p->ndecls; i++)
    if (p->decls[i]->local && py_is_message(p->decls[i]->decl))
      C("  &INFO_%s,\n", p->decls[i]->cname);
  C("  NULL\n};\n\nstatic PyType_Spec *const SPECS[] = {\n");
  for (size_t i = 0; i < p->ndecls; i++)
    if (p->decls[i]->local && py_is_message(p->decls[i]->decl))
      C("  &SPEC_%s,\n", p->decls[i]->cname);
  C("  NULL\n};\n\nstatic const bwpy_import IMPORTS[] = {\n");
  for (size_t i = 0; i < p->ndecls; i++) {
    py_decl *pd = p->decls[i];
    if (pd->local)
      continue;
    bool e = pd->decl->kind == BWC_DECL_ENUM;
    C("  { \"%s\", \"%s\", SLOT_%s, %s%s },\n", pd->module, pd->pyname,
      pd->cname, e ? "&ENUM_" : "NULL", e ? pd->cname : "");
  }
  C("  { NULL, NULL, 0, NULL }\n};\n");
}

static const char *module_doc(pygen *p)
{
  for (bwc_file *f = p->comp->files; f != NULL; f = f->next)
    if (strcmp(f->package, p->package) == 0 && f->doc != NULL)
      return f->doc;
  return NULL;
}

static void emit_module(pygen *p)
{
  emit_names(p);
  emit_lists(p);
  C("\nstatic const bwpy_module MODULE = {\n  \"%s\", NSLOTS, NAMES, "
    "NAMES_BASE, %zu,\n  ENUMS, TYPES, SPECS, IMPORTS\n};\n", p->module,
    p->nnames);
  C("\nstatic PyMethodDef MODULE_METHODS[] = {\n");
  for (size_t i = 0; i < p->ndecls; i++) {
    py_decl *pd = p->decls[i];
    if (pd->local && py_is_message(pd->decl))
      C("  { \"_decode_%s\", mdecode_%s, METH_O,\n    \"Decodes a %s; "
        "what pickles of it call.\" },\n", pd->pyname, pd->cname,
        pd->pyname);
  }
  C("  { NULL, NULL, 0, NULL }\n};\n");
  C("\nstatic int module_exec(PyObject *module)\n{\n"
    "  return bwpy_exec(module, &MODULE);\n}\n"
    "\nstatic PyModuleDef_Slot MODULE_SLOTS[] = {\n"
    "  { Py_mod_exec, (void *)module_exec },\n  { 0, NULL }\n};\n"
    "\nstatic struct PyModuleDef MODULE_DEF = {\n"
    "  PyModuleDef_HEAD_INIT, \"%s\", %s,\n"
    "  (Py_ssize_t)BWPY_STATE_SIZE(NSLOTS), MODULE_METHODS, "
    "MODULE_SLOTS,\n  bwpy_module_traverse, bwpy_module_clear, "
    "bwpy_module_free\n};\n"
    "\nPyMODINIT_FUNC PyInit_%s(void);\n"
    "\nPyMODINIT_FUNC PyInit_%s(void)\n{\n"
    "  return PyModuleDef_Init(&MODULE_DEF);\n}\n", p->module,
    py_c_string(p, module_doc(p)), p->module, p->module);
}

static void emit_source(pygen *p)
{
  bwc_out_printf(&p->c, "/* Generated by bwc %s: the Python module %s, "
                 "for package %s.\n * Do not edit. */\n", PACKAGE_VERSION,
                 p->module, p->package);
  emit_includes(p);
  emit_slot_enum(p);
  emit_forward(p);
  for (size_t i = 0; i < p->ndecls; i++)
    if (p->decls[i]->decl->kind == BWC_DECL_ENUM)
      emit_enum_tables(p, p->decls[i]);
  for (size_t i = 0; i < p->ndecls; i++) {
    py_decl *pd = p->decls[i];
    if (!py_is_message(pd->decl))
      continue;
    C("\n/* %s %s */\n", pd->decl->kind == BWC_DECL_UNION ? "union"
                                                          : "struct",
      pd->decl->name);
    emit_fields(p, pd);
    if (pd->local)
      C("static uint8_t *put_%s(const void *v, uint8_t *end);\n",
        pd->cname);
    emit_info(p, pd);
  }
  py_emit_conversions(p);
  for (size_t i = 0; i < p->ndecls; i++) {
    py_decl *pd = p->decls[i];
    if (!pd->local || !py_is_message(pd->decl))
      continue;
    emit_wrappers(p, pd);
    emit_methods(p, pd);
    emit_getset(p, pd);
    emit_spec(p, pd);
  }
  emit_module(p);
}

/* ---- Files -------------------------------------------------------------- */

static bool generate_module(bwc_compilation *comp, const char *package,
                            const char *dir, bool verbose)
{
  pygen p;
  memset(&p, 0, sizeof p);
  p.comp = comp;
  p.arena = comp->arena;
  p.cg.comp = comp;
  p.cg.arena = comp->arena;
  p.package = package;
  p.module = py_module_name(p.arena, package);
  bwc_out_init(&p.c);
  bwc_out_init(&p.pyi);
  collect(&p);
  assign_slots(&p);
  emit_source(&p);
  py_emit_stub(&p);
  bool ok =
      bwc_out_write(&p.c, comp->diag, dir,
                    bwc_arena_printf(p.arena, "%s.c", p.module), verbose) &&
      bwc_out_write(&p.pyi, comp->diag, dir,
                    bwc_arena_printf(p.arena, "%s.pyi", p.module), verbose);
  bwc_out_free(&p.c);
  bwc_out_free(&p.pyi);
  return ok;
}

/* Two packages whose module names collide ("a.b" and "a_b") would
 * overwrite each other's module. */
static bool check_modules(bwc_compilation *comp, bwc_symtab *seen)
{
  bool ok = true;
  for (bwc_file *f = comp->files; f != NULL; f = f->next) {
    const char *m = py_module_name(comp->arena, f->package);
    const char *first = bwc_symtab_insert(seen, m, (void *)f->package);
    if (first == NULL || strcmp(first, f->package) == 0)
      continue;
    bwc_file_error(comp->diag, f->source->path,
                   "packages '%s' and '%s' would both be the Python module "
                   "'%s'; rename one", first, f->package, m);
    ok = false;
  }
  return ok;
}

bool bwc_gen_py(bwc_compilation *comp, const char *dir, bool verbose)
{
  bwc_symtab *seen = bwc_symtab_new(comp->arena);
  if (!check_modules(comp, seen) || !bwc_gen_c(comp, dir, verbose))
    return false;
  bwc_symtab *done = bwc_symtab_new(comp->arena);
  bool ok = true;
  for (bwc_file *f = comp->files; f != NULL && ok; f = f->next)
    if (bwc_symtab_insert(done, f->package, f) == NULL)
      ok = generate_module(comp, f->package, dir, verbose);
  return ok;
}
