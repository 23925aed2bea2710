/* gen_c_internal.h: what the parts of the C back end share.
 *
 * gen_c.c holds naming and type helpers and writes the files;
 * gen_c_types.c writes the header and the rule constants;
 * gen_c_decode.c the decoders; gen_c_encode.c validation, sizing,
 * encoding and the public entry points.
 */
#ifndef BWC_GEN_C_INTERNAL_H
#define BWC_GEN_C_INTERNAL_H

#include "emit.h"

typedef struct gen {
  bwc_compilation *comp;
  bwc_arena *arena;
  bwc_file *file;
  const char *stem;     /* file name without folders and ".bw" */
  bwc_out h, c;
} gen;

/* Names.  gc_decl_name gives the C type of a declaration
 * ("shop_v1_Order"); gc_member a field name safe to use in C;
 * gc_qualified the schema name ("shop.v1.Order"). */
const char *gc_decl_name(gen *g, const bwc_decl *d);
const char *gc_member(gen *g, const char *name);
const char *gc_qualified(gen *g, const bwc_decl *d);

/* The file's stem as a C identifier, for its list of types. */
const char *gc_stem_ident(gen *g);

/* The runtime version generated code is written for: libboundwire
 * must match in major and minor. */
#define BWC_RUNTIME_MAJOR 0
#define BWC_RUNTIME_MINOR 1

bool gc_is_message(const bwc_type *t);
bool gc_is_unsigned(bwc_type_kind k);
bool gc_is_signed(bwc_type_kind k);
bool gc_is_float(bwc_type_kind k);
bool gc_is_packed(bwc_type_kind k);
bool gc_is_container(bwc_type_kind k);
bool gc_by_pointer(const bwc_type *t, bool optional);
const char *gc_ctype(gen *g, const bwc_type *t);
const char *gc_wire(bwc_type_kind k);
const char *gc_rule(gen *g, const bwc_type *t);

/* The name of the range constant for a value of field F of D; ROLE is
 * "" for the value itself, or "count", "item", "key" or "value". */
const char *gc_range_name(gen *g, const bwc_decl *d, const bwc_field *f,
                          const char *role);

/* Whether the default value of a type (zero, empty, absent) keeps the
 * type's rules, so that a missing field of that type decodes. */
bool gc_default_ok(const bwc_type *t);
bool gc_struct_default_ok(const bwc_decl *d);

/* The largest element count that a list or map of type T may hold. */
uint64_t gc_count_max(const bwc_file *f, const bwc_type *t);

/* The C constants for union member F of D ("shop_v1_Event_is_created",
 * beside "shop_v1_Event_unset") and for enum member M of D
 * ("shop_v1_Status_paid"; a member called "name" gets a trailing '_' so
 * as not to collide with shop_v1_Status_name()). */
const char *gc_which_const(gen *g, const bwc_decl *d, const bwc_field *f);
const char *gc_enum_const(gen *g, const bwc_decl *d, const bwc_member *m);

/* The name of the static helper WHAT ("entry", "sort", "entry_put"...)
 * generated for map field F of D. */
const char *gc_entry_fn(gen *g, const bwc_decl *d, const bwc_field *f,
                        const char *what);

/* The C type of the entries of map field F of D. */
const char *gc_entry_name(gen *g, const bwc_decl *d, const bwc_field *f);

/* Fields of D sorted by number, as a NULL-terminated array. */
bwc_field **gc_sorted_fields(gen *g, const bwc_decl *d);

void gc_header(gen *g);
void gc_source(gen *g);
void gc_ranges(gen *g);
void gc_decoders(gen *g);
void gc_arena_bounds(gen *g);
void gc_encoders(gen *g);

#endif
