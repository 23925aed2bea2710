/* gen_py_internal.h: what the parts of the Python back end share.
 *
 * gen_py.c finds the types a package's module needs, names them for
 * Python and writes the module's tables, type objects and init;
 * gen_py_conv.c writes the conversions between the C structs and Python
 * objects; gen_py_stub.c writes the .pyi stub.
 *
 * A module knows every type its package declares (its own, which it
 * defines) and every type of another package those reach through their
 * fields (imported at load time from that package's module).  Each
 * known type gets its tables and conversions in the module, so that a
 * value of another package converts without calling into its module.
 */
#ifndef BWC_GEN_PY_INTERNAL_H
#define BWC_GEN_PY_INTERNAL_H

#include "emit.h"
#include "gen_c_internal.h"

/* One enum, struct or union a module knows. */
typedef struct py_decl {
  bwc_decl *decl;
  bool local;             /* declared in the module's own package */
  const char *cname;      /* "shop_v1_Order", as the C back end names it */
  const char *pyname;     /* the class name in Python */
  const char *module;     /* the Python module that defines the class */
  int slot;               /* the class in the module state */
  int decode_slot;        /* local structs and unions: _decode_T */
  int names_slot;         /* structs and unions: the first field name */
  const char **fields;    /* Python names of the fields, in order */
  size_t nfields;
  bool referenced;        /* a field of a known type has this type */
} py_decl;

typedef struct pygen {
  bwc_compilation *comp;
  bwc_arena *arena;
  gen cg;                 /* for the C back end's naming helpers */
  const char *package;    /* "shop.v1" */
  const char *module;     /* "shop_v1" */
  py_decl **decls;        /* local ones first, then those of others */
  size_t ndecls;
  bwc_symtab *by_cname;   /* cname -> py_decl */
  int nslots;
  int names_base;         /* first slot of the field names */
  size_t nnames;
  bwc_out c, pyi;
} pygen;

/* The module name of a package: dots become underscores. */
const char *py_module_name(bwc_arena *arena, const char *package);

py_decl *py_find(pygen *p, const bwc_decl *d);
bool py_is_message(const bwc_decl *d);

/* Whether None is a valid value of field F of D: it is optional, or it
 * has no valid default to start from (a union that is not optional, an
 * enum without a member of value 0). */
bool py_nullable(const bwc_decl *d, const bwc_field *f);

/* The C expression of field F of the value pointed to by BASE ("v->" or
 * "v->u."). */
const char *py_c_field(pygen *p, const char *base, const bwc_field *f);

/* A C string literal holding TEXT. */
const char *py_c_string(pygen *p, const char *text);

/* The name, as in Python messages, of a value of type T. */
const char *py_type_label(pygen *p, const bwc_type *t);

/* The conversions of every known struct and union (gen_py_conv.c). */
void py_emit_conversions(pygen *p);
void py_emit_prototypes(pygen *p);

/* The .pyi stub (gen_py_stub.c). */
void py_emit_stub(pygen *p);

#endif
