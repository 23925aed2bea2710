/* gen_py_stub.c: the .pyi stub of a package's module, for type checkers.
 *
 * Annotations name builtins through an alias (`_bw_b.int`) and the
 * module's own classes through an import of the module itself, so that
 * a field called `bytes` or `Item` cannot shadow the type of the fields
 * after it.
 */
#include <config.h>

#include <inttypes.h>
#include <string.h>

#include "gen_py_internal.h"

#define P(...) bwc_out_printf(&p->pyi, __VA_ARGS__)

/* TEXT as the body of a """docstring""". */
static const char *doc_text(pygen *p, const char *text)
{
  size_t n = strlen(text);
  char *out = bwc_arena_alloc(p->arena, 2 * n + 1);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (text[i] == '\\' || text[i] == '"')
      out[k++] = '\\';
    out[k++] = text[i];
  }
  out[k] = '\0';
  return out;
}

static void docstring(pygen *p, const char *text)
{
  if (text == NULL)
    return;
  if (strchr(text, '\n') == NULL) {
    P("\"\"\"%s\"\"\"\n", doc_text(p, text));
    return;
  }
  P("\"\"\"\n");
  bwc_out_comment(&p->pyi, "", doc_text(p, text));
  P("\"\"\"\n");
}

static const char *class_ref(pygen *p, const bwc_decl *d)
{
  py_decl *pd = py_find(p, d);
  if (pd->local)
    return bwc_arena_printf(p->arena, "_bw_self.%s", pd->pyname);
  return bwc_arena_printf(p->arena, "_bw_m_%s.%s", pd->module, pd->pyname);
}

static const char *annotation(pygen *p, const bwc_type *t)
{
  if (gc_is_unsigned(t->kind) || gc_is_signed(t->kind))
    return "_bw_b.int";
  if (gc_is_float(t->kind))
    return "_bw_b.float";
  switch (t->kind) {
  case BWC_TYPE_BOOL:
    return "_bw_b.bool";
  case BWC_TYPE_STRING:
    return "_bw_b.str";
  case BWC_TYPE_BYTES:
    return "_bw_b.bytes";
  case BWC_TYPE_LIST:
    return bwc_arena_printf(p->arena, "_bw_b.list[%s]",
                            annotation(p, t->elem));
  case BWC_TYPE_MAP:
    return bwc_arena_printf(p->arena, "_bw_b.dict[%s, %s]",
                            annotation(p, t->key), annotation(p, t->elem));
  default:
    return class_ref(p, t->decl);
  }
}

static const char *field_annotation(pygen *p, const bwc_decl *d,
                                    const bwc_field *f)
{
  const char *a = annotation(p, f->type);
  if (py_nullable(d, f))
    return bwc_arena_printf(p->arena, "%s | None", a);
  return a;
}

static void emit_enum(pygen *p, py_decl *pd)
{
  P("\nclass %s(_bw_e.IntEnum):\n", pd->pyname);
  p->pyi.indent += 2;
  docstring(p, pd->decl->doc);
  size_t i = 0;
  for (const bwc_member *m = pd->decl->members; m != NULL; m = m->next)
    P("%s = %" PRIu64 "\n", pd->fields[i++], m->value);
  p->pyi.indent -= 2;
}

#define BUFFER "_bw_b.bytes | _bw_b.bytearray | _bw_b.memoryview"

static void emit_common(pygen *p, py_decl *pd)
{
  const char *self = class_ref(p, pd->decl);
  P("_bw_fields: _bw_t.ClassVar[\n"
    "    tuple[tuple[_bw_b.str, _bw_b.str, _bw_b.int, _bw_b.bool], ...]]\n"
    "def encode(self) -> _bw_b.bytes: ...\n"
    "@_bw_b.classmethod\n"
    "def decode(cls, buf: " BUFFER ", /, *,\n"
    "           strict: _bw_b.bool = ...) -> %s: ...\n"
    "def validate(self) -> None: ...\n"
    "def to_dict(self) -> _bw_b.dict[_bw_b.str, _bw_t.Any]: ...\n"
    "@_bw_b.classmethod\n"
    "def from_dict(cls, d: _bw_b.dict[_bw_b.str, _bw_t.Any], /) -> %s: ...\n"
    "def __eq__(self, other: _bw_b.object, /) -> _bw_b.bool: ...\n"
    "def __ne__(self, other: _bw_b.object, /) -> _bw_b.bool: ...\n"
    "__hash__: _bw_t.ClassVar[None]  # type: ignore[assignment]\n"
    "def __reduce__(self) -> tuple[_bw_t.Callable[[_bw_b.bytes], %s],\n"
    "                              tuple[_bw_b.bytes]]: ...\n",
    self, self, self);
}

static void match_args(pygen *p, py_decl *pd)
{
  P("__match_args__ = (");
  for (size_t i = 0; i < pd->nfields; i++)
    P("%s\"%s\"", i ? ", " : "", pd->fields[i]);
  P("%s)\n", pd->nfields == 1 ? "," : "");
}

static void emit_struct(pygen *p, py_decl *pd)
{
  const bwc_decl *d = pd->decl;
  P("\nclass %s:\n", pd->pyname);
  p->pyi.indent += 2;
  docstring(p, d->doc);
  match_args(p, pd);
  size_t i = 0;
  for (const bwc_field *f = d->fields; f != NULL; f = f->next)
    P("%s: %s\n", pd->fields[i++], field_annotation(p, d, f));
  P("def __init__(self%s", d->fields ? ", *" : "");
  i = 0;
  for (const bwc_field *f = d->fields; f != NULL; f = f->next)
    P(",\n             %s: %s = ...", pd->fields[i++],
      field_annotation(p, d, f));
  P(") -> None: ...\n");
  emit_common(p, pd);
  p->pyi.indent -= 2;
}

static const char *value_union(pygen *p, const bwc_decl *d)
{
  const char *out = "";
  for (const bwc_field *f = d->fields; f != NULL; f = f->next) {
    const char *a = annotation(p, f->type);
    size_t n = strlen(a);
    const char *at = strstr(out, a);
    bool dup = false;
    while (at != NULL && !dup) {
      dup = (at == out || at[-1] == ' ') && (at[n] == '\0' || at[n] == ' ');
      at = strstr(at + 1, a);
    }
    if (!dup)
      out = bwc_arena_printf(p->arena, "%s%s%s", out, *out ? " | " : "", a);
  }
  return out;
}

static void emit_union(pygen *p, py_decl *pd)
{
  const bwc_decl *d = pd->decl;
  bool several = d->fields != NULL && d->fields->next != NULL;
  P("\nclass %s:\n", pd->pyname);
  p->pyi.indent += 2;
  docstring(p, d->doc);
  P("__match_args__ = (\"which\", \"value\")\n");
  size_t i = 0;
  for (const bwc_field *f = d->fields; f != NULL; f = f->next, i++) {
    if (several)
      P("@_bw_t.overload\n");
    P("def __init__(self, *, %s: %s) -> None: ...\n", pd->fields[i],
      annotation(p, f->type));
  }
  P("@_bw_b.property\ndef which(self) -> _bw_t.Literal[");
  for (i = 0; i < pd->nfields; i++)
    P("%s\"%s\"", i ? ", " : "", pd->fields[i]);
  P("]: ...\n@_bw_b.property\ndef value(self) -> %s: ...\n",
    value_union(p, d));
  i = 0;
  for (const bwc_field *f = d->fields; f != NULL; f = f->next, i++) {
    const char *a = annotation(p, f->type);
    P("@_bw_b.property\ndef %s(self) -> %s | None: ...\n"
      "@%s.setter\ndef %s(self, value: %s) -> None: ...\n", pd->fields[i],
      a, pd->fields[i], pd->fields[i], a);
  }
  emit_common(p, pd);
  p->pyi.indent -= 2;
}

static void emit_header(pygen *p)
{
  for (bwc_file *f = p->comp->files; f != NULL; f = f->next)
    if (strcmp(f->package, p->package) == 0 && f->doc != NULL) {
      docstring(p, f->doc);
      break;
    }
  P("# Generated by bwc %s for package %s.  Do not edit.\n"
    "import builtins as _bw_b\nimport enum as _bw_e\n"
    "import typing as _bw_t\n\nimport %s as _bw_self\n", PACKAGE_VERSION,
    p->package, p->module);
  bwc_symtab *seen = bwc_symtab_new(p->arena);
  for (size_t i = 0; i < p->ndecls; i++) {
    py_decl *pd = p->decls[i];
    if (!pd->local && bwc_symtab_insert(seen, pd->module, pd) == NULL)
      P("import %s as _bw_m_%s\n", pd->module, pd->module);
  }
}

void py_emit_stub(pygen *p)
{
  emit_header(p);
  for (size_t i = 0; i < p->ndecls; i++) {
    py_decl *pd = p->decls[i];
    if (!pd->local)
      continue;
    if (pd->decl->kind == BWC_DECL_ENUM)
      emit_enum(p, pd);
    else if (pd->decl->kind == BWC_DECL_STRUCT)
      emit_struct(p, pd);
    else
      emit_union(p, pd);
  }
  P("\n");
  for (size_t i = 0; i < p->ndecls; i++) {
    py_decl *pd = p->decls[i];
    if (pd->local && py_is_message(pd->decl))
      P("def _decode_%s(buf: " BUFFER ", /) -> %s: ...\n", pd->pyname,
        pd->pyname);
  }
}
