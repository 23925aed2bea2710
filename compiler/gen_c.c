/* gen_c.c: the C back end.
 *
 * For each schema file FILE.bw it writes FILE.bw.h, the C types and the
 * prototypes, and FILE.bw.c, their codecs.  The generated code depends on
 * libboundwire alone.  Every rule of the schema becomes a range constant
 * beside the field it comes from, and the decoders check each value the
 * moment it is read.
 *
 * Decoding reads fields in wire order; validation visits them in field
 * number order, which is the order canonical input has, so the two
 * report the same first error for it.  Encoding first validates, then
 * sizes the value, then writes backwards from the end of the output, so
 * that each embedded message's length is known before its prefix is
 * written and no size is computed twice.
 */
#include <config.h>

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "gen_c_internal.h"

/* ---- Names -------------------------------------------------------------- */

static const char *const c_keywords[] = {
  "auto", "break", "case", "char", "const", "continue", "default", "do",
  "double", "else", "enum", "extern", "float", "for", "goto", "if",
  "inline", "int", "long", "register", "restrict", "return", "short",
  "signed", "sizeof", "static", "struct", "switch", "typedef", "union",
  "unsigned", "void", "volatile", "while", "bool", "true", "false",
  "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic",
  "_Imaginary", "_Noreturn", "_Static_assert", "_Thread_local", "NULL",
};

const char *gc_member(gen *g, const char *name)
{
  for (size_t i = 0; i < sizeof c_keywords / sizeof c_keywords[0]; i++)
    if (strcmp(name, c_keywords[i]) == 0)
      return bwc_arena_printf(g->arena, "%s_", name);
  return name;
}

static const char *underscored(gen *g, const char *dotted)
{
  char *s = bwc_arena_strndup(g->arena, dotted, strlen(dotted));
  for (char *p = s; *p; p++)
    if (*p == '.')
      *p = '_';
  return s;
}

const char *gc_decl_name(gen *g, const bwc_decl *d)
{
  return bwc_arena_printf(g->arena, "%s_%s",
                          underscored(g, d->file->package), d->name);
}

const char *gc_stem_ident(gen *g)
{
  char *s = bwc_arena_strndup(g->arena, g->stem, strlen(g->stem));
  for (char *p = s; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
          (*p >= '0' && *p <= '9')))
      *p = '_';
  return s;
}

const char *gc_qualified(gen *g, const bwc_decl *d)
{
  return bwc_arena_printf(g->arena, "%s.%s", d->file->package, d->name);
}

const char *gc_which_const(gen *g, const bwc_decl *d, const bwc_field *f)
{
  return bwc_arena_printf(g->arena, "%s_is_%s", gc_decl_name(g, d),
                          f->name);
}

const char *gc_enum_const(gen *g, const bwc_decl *d, const bwc_member *m)
{
  /* A member called "name" would collide with the E_name() function. */
  bool clash = strcmp(m->name, "name") == 0;
  return bwc_arena_printf(g->arena, "%s_%s%s", gc_decl_name(g, d), m->name,
                          clash ? "_" : "");
}

const char *gc_entry_fn(gen *g, const bwc_decl *d, const bwc_field *f,
                        const char *what)
{
  return bwc_arena_printf(g->arena, "%s_%s_%s", what, d->name, f->name);
}

/* ---- Types -------------------------------------------------------------- */

bool gc_is_message(const bwc_type *t)
{
  return t->kind == BWC_TYPE_STRUCT || t->kind == BWC_TYPE_UNION;
}

bool gc_is_unsigned(bwc_type_kind k)
{
  return k >= BWC_TYPE_U8 && k <= BWC_TYPE_U64;
}

bool gc_is_signed(bwc_type_kind k)
{
  return k >= BWC_TYPE_I8 && k <= BWC_TYPE_I64;
}

bool gc_is_float(bwc_type_kind k)
{
  return k == BWC_TYPE_F32 || k == BWC_TYPE_F64;
}

/* Kinds that a list holds packed: numbers, bools and enums. */
bool gc_is_packed(bwc_type_kind k)
{
  return gc_is_unsigned(k) || gc_is_signed(k) || gc_is_float(k) ||
         k == BWC_TYPE_BOOL || k == BWC_TYPE_ENUM;
}

bool gc_is_container(bwc_type_kind k)
{
  return k == BWC_TYPE_LIST || k == BWC_TYPE_MAP;
}

/* A struct or union value is held through a pointer when it may be
 * absent, or when holding it by value could make a C type contain
 * itself. */
bool gc_by_pointer(const bwc_type *t, bool optional)
{
  return gc_is_message(t) && (optional || t->decl->recursive);
}

const char *gc_ctype(gen *g, const bwc_type *t)
{
  static const char *const names[] = {
    [BWC_TYPE_BOOL] = "bool",      [BWC_TYPE_I8] = "int8_t",
    [BWC_TYPE_I16] = "int16_t",    [BWC_TYPE_I32] = "int32_t",
    [BWC_TYPE_I64] = "int64_t",    [BWC_TYPE_U8] = "uint8_t",
    [BWC_TYPE_U16] = "uint16_t",   [BWC_TYPE_U32] = "uint32_t",
    [BWC_TYPE_U64] = "uint64_t",   [BWC_TYPE_F32] = "float",
    [BWC_TYPE_F64] = "double",     [BWC_TYPE_STRING] = "bw_str",
    [BWC_TYPE_BYTES] = "bw_bytes",
  };
  if (t->decl != NULL)
    return gc_decl_name(g, t->decl);
  return names[t->kind];
}

/* The wire type a value of kind K is written with. */
const char *gc_wire(bwc_type_kind k)
{
  if (k == BWC_TYPE_F32)
    return "BW_WIRE_FIXED32";
  if (k == BWC_TYPE_F64)
    return "BW_WIRE_FIXED64";
  if (gc_is_packed(k))
    return "BW_WIRE_VARINT";
  return "BW_WIRE_LEN";
}

/* The rule as the schema writes it, on one line, for error reports. */
const char *gc_rule(gen *g, const bwc_type *t)
{
  const bwc_source *src = g->file->source;
  size_t len = t->span.end - t->span.begin;
  char *out = bwc_arena_alloc(g->arena, len + 1);
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    char c = src->text[t->span.begin + i];
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space && (n == 0 || out[n - 1] == ' '))
      continue;
    out[n++] = space ? ' ' : c;
  }
  out[n] = '\0';
  return out;
}

/* ---- Files -------------------------------------------------------------- */

static void banner(gen *g, bwc_out *out)
{
  bwc_out_printf(out, "/* Generated by bwc %s from %s.  Do not edit. */\n",
                 PACKAGE_VERSION, g->file->source->path);
}

static bool generate_file(bwc_compilation *comp, bwc_file *file,
                          const char *dir, bool verbose)
{
  gen g;
  memset(&g, 0, sizeof g);
  g.comp = comp;
  g.arena = comp->arena;
  g.file = file;
  g.stem = bwc_file_stem(comp->arena, file->source);
  bwc_out_init(&g.h);
  bwc_out_init(&g.c);

  banner(&g, &g.h);
  gc_header(&g);
  banner(&g, &g.c);
  gc_source(&g);

  char *h_name = bwc_arena_printf(g.arena, "%s.bw.h", g.stem);
  char *c_name = bwc_arena_printf(g.arena, "%s.bw.c", g.stem);
  bool ok = bwc_out_write(&g.h, comp->diag, dir, h_name, verbose) &&
            bwc_out_write(&g.c, comp->diag, dir, c_name, verbose);
  bwc_out_free(&g.h);
  bwc_out_free(&g.c);
  return ok;
}

bool bwc_gen_c(bwc_compilation *comp, const char *dir, bool verbose)
{
  bool ok = true;
  for (bwc_file *f = comp->files; f != NULL && ok; f = f->next)
    ok = generate_file(comp, f, dir, verbose);
  return ok;
}
