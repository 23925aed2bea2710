/* bwpy.h: what the Python extension modules that bwc generates share.
 *
 * `bwc --python-out` writes, for each schema package, a module made of
 * tables (the types, their fields, their enums) and of the code that is
 * specific to each type: conversions between the generated C structs and
 * Python objects.  Everything that works from the tables alone lives
 * here, compiled into each module beside libboundwire's sources: object
 * layout, construction, attributes, equality, repr, to_dict and
 * from_dict, the decode and encode drivers, and the exceptions.
 *
 * A struct instance is a bwpy_obj: one Python object per field, in
 * declaration order.  A union instance is a bwpy_union: the index of its
 * member and the member's value.  Instances of one module's types can be
 * read by another module that knows the schema (an import of another
 * package), since the layout depends on the field count alone.
 */
#ifndef BWPY_H
#define BWPY_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <boundwire.h>

/* Generated modules check this, so that a module and this file always
 * come from the same bwc. */
#define BWPY_ABI 2

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Tables ----------------------------------------------------------- */

typedef enum bwpy_kind {
  BWPY_BOOL,
  BWPY_INT,
  BWPY_FLOAT,
  BWPY_STR,
  BWPY_BYTES,
  BWPY_ENUM,
  BWPY_STRUCT,
  BWPY_UNION,
  BWPY_LIST,
  BWPY_MAP
} bwpy_kind;

struct bwpy_info;
struct bwpy_enc;
struct bwpy_state;

/* An enum: its class is state slot SLOT and its members, in declaration
 * order, the COUNT slots after it. */
typedef struct bwpy_enum {
  const char *name;           /* the class name, as in the schema */
  const char *doc;            /* or NULL */
  int slot;
  Py_ssize_t count;
  const char *const *names;   /* members' Python names */
  const int64_t *values;
} bwpy_enum;

/* The type of a value, for type checks and conversions driven by the
 * tables. */
typedef struct bwpy_vtype {
  bwpy_kind kind;
  const char *name;                 /* for messages: "int", "list[Item]" */
  const bwpy_enum *enumeration;     /* ENUM */
  const struct bwpy_info *info;     /* STRUCT, UNION */
  const struct bwpy_vtype *elem;    /* LIST: element; MAP: value */
  const struct bwpy_vtype *key;     /* MAP */
} bwpy_vtype;

/* The scalar types, shared by every module. */
extern const bwpy_vtype bwpy_vt_bool, bwpy_vt_int, bwpy_vt_float,
    bwpy_vt_str, bwpy_vt_bytes;

typedef struct bwpy_field {
  const char *name;           /* Python name */
  const char *schema_name;    /* as in the schema and in error paths */
  const char *doc;            /* or NULL */
  const bwpy_vtype *type;
  Py_ssize_t index;           /* in the instance */
  int name_slot;              /* the interned name, in the state */
  uint32_t number;
  /* None is a valid value: the field is optional, or (a union that is
   * not optional, an enum without a member of value 0) it has no valid
   * default and holds None until set. */
  bool nullable;
  bool optional;
} bwpy_field;

typedef struct bwpy_info {
  const char *name;           /* "Order" */
  const char *qualified;      /* "shop.v1.Order" */
  bool is_union;
  int slot;                   /* the class, in the state */
  int decode_slot;            /* the module's _decode_T, or -1 */
  Py_ssize_t nfields;
  const bwpy_field *fields;
  /* Local types only (NULL for another package's): the C codec, and the
   * limits of the schema file that declares the type. */
  const bw_type *ctype;
  bw_limits limits;
  uint8_t *(*put)(const void *value, uint8_t *end);
  /* Conversions, generated for every type a module knows. */
  PyObject *(*to_py)(struct bwpy_state *st, const void *value);
  int (*to_c)(struct bwpy_enc *e, PyObject *obj, void *out, uint32_t depth);
} bwpy_info;

/* A type another module defines and this one uses. */
typedef struct bwpy_import {
  const char *module;
  const char *name;
  int slot;
  const bwpy_enum *enumeration;   /* for an enum: its members too */
} bwpy_import;

typedef struct bwpy_module {
  const char *name;
  Py_ssize_t nslots;
  const char *const *names;       /* interned field names, slot order */
  int names_slot;                 /* the slot of names[0] */
  Py_ssize_t nnames;
  const bwpy_enum *const *enums;  /* defined here, NULL-terminated */
  const bwpy_info *const *types;  /* defined here, NULL-terminated */
  PyType_Spec *const *specs;      /* one per type */
  const bwpy_import *imports;     /* ends with a NULL module */
} bwpy_module;

/* The module state: the exceptions, the objects decodes have built and
 * not yet tracked (see bwpy_decoded), then every object the tables name
 * by slot (classes, enum members, names, decode functions). */
typedef struct bwpy_state {
  const bwpy_module *mod;
  PyObject *decode_error;
  PyObject *validation_error;
  PyObject **untracked;       /* borrowed: the value under construction */
  size_t nuntracked, untracked_room;
  PyObject *slots[];
} bwpy_state;

#define BWPY_STATE_SIZE(nslots) \
  (sizeof(bwpy_state) + (size_t)(nslots) * sizeof(PyObject *))

/* ---- Instances -------------------------------------------------------- */

typedef struct bwpy_obj {
  PyObject_HEAD
  PyObject *f[];
} bwpy_obj;

typedef struct bwpy_union {
  PyObject_HEAD
  Py_ssize_t which;           /* index of the member set */
  PyObject *value;
} bwpy_union;

#define BWPY_F(obj) (((bwpy_obj *)(obj))->f)

/* Field I of struct instance OBJ, None while the instance is being
 * built. */
static inline PyObject *bwpy_get_field(PyObject *obj, Py_ssize_t i)
{
  PyObject *v = BWPY_F(obj)[i];
  return v != NULL ? v : Py_None;
}

/* Allocates an instance of the type in SLOT; its fields are NULL.  The
 * garbage collector does not see it until bwpy_track: an instance is
 * tracked once its fields are set, not while it is being filled. */
PyObject *bwpy_alloc(bwpy_state *st, int slot);

/* Tracks SELF, when its type takes part in garbage collection; returns
 * it.  NULL passes through. */
static inline PyObject *bwpy_track(PyObject *self)
{
  if (self != NULL && PyType_IS_GC(Py_TYPE(self)))
    PyObject_GC_Track(self);
  return self;
}

/* A struct instance holding the default of every field. */
PyObject *bwpy_new_default(bwpy_state *st, const bwpy_info *info);

/* A union instance holding member WHICH, stealing VALUE. */
PyObject *bwpy_new_union(bwpy_state *st, const bwpy_info *info,
                         Py_ssize_t which, PyObject *value);

/* A decode builds its objects out of the garbage collector's sight and
 * tracks them all once the value is complete.  A value under
 * construction holds no garbage, so collections that the decode's own
 * allocations set off have nothing to find in it: this way they neither
 * walk it nor move it to an older generation, where every later full
 * collection would walk it again.  Each function below returns what it
 * is given, NULL included. */

/* SELF, complete, to be tracked when the decode ends. */
PyObject *bwpy_decoded(bwpy_state *st, PyObject *self);

/* A new list of N items, untracked until the decode ends. */
PyObject *bwpy_decoded_list(bwpy_state *st, Py_ssize_t n);

/* bwpy_new_union for a decode. */
PyObject *bwpy_decoded_union(bwpy_state *st, const bwpy_info *info,
                             Py_ssize_t which, PyObject *value);

/* ---- Conversion to Python ------------------------------------------- */

static inline PyObject *bwpy_py_bool(bool v)
{
  return Py_NewRef(v ? Py_True : Py_False);
}

/* Whether the N bytes at S are all ASCII; eight at a time. */
static inline bool bwpy_is_ascii(const char *s, size_t n)
{
  uint64_t bits = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    memcpy(&word, s + i, 8);
    bits |= word;
  }
  for (; i < n; i++)
    bits |= (unsigned char)s[i];
  return (bits & UINT64_C(0x8080808080808080)) == 0;
}

/* The str of the N bytes at S, valid UTF-8 that is not all ASCII. */
PyObject *bwpy_py_text(const char *s, size_t n);

/* A decoded string has been checked as valid UTF-8 already, so building
 * the str needs no second check: ASCII text, the common case, is one
 * copy into a new str. */
static inline PyObject *bwpy_py_str(bw_str s)
{
  if (!bwpy_is_ascii(s.data, s.len))
    return bwpy_py_text(s.data, s.len);
  PyObject *out = PyUnicode_New((Py_ssize_t)s.len, 127);
  if (out != NULL && s.len > 0)
    memcpy(PyUnicode_1BYTE_DATA(out), s.data, s.len);
  return out;
}

static inline PyObject *bwpy_py_bytes(bw_bytes b)
{
  return PyBytes_FromStringAndSize((const char *)b.data, (Py_ssize_t)b.len);
}

/* The member of value V of the enum E, or None when there is none (a
 * value the decoder never gives). */
PyObject *bwpy_py_enum(bwpy_state *st, const bwpy_enum *e, int64_t v);

/* ---- Conversion to C (encode, validate) ------------------------------ */

typedef enum bwpy_failure {
  BWPY_FAIL_NONE,
  BWPY_FAIL_RULE,     /* a rule of the schema: ValidationError */
  BWPY_FAIL_TYPE,     /* a value of the wrong type: TypeError */
  BWPY_FAIL_PYERR     /* a Python exception is set */
} bwpy_failure;

/* Memory for the C value under conversion: a first block inside the
 * encoder, then blocks from PyMem, all released at the end. */
typedef struct bwpy_block {
  struct bwpy_block *next;
  size_t size, used;
  _Alignas(max_align_t) unsigned char data[];
} bwpy_block;

typedef struct bwpy_enc {
  bwpy_state *st;
  uint32_t max_depth;
  bwpy_failure failure;
  bw_error err;               /* the rule broken, or the path only */
  const char *expected;       /* TYPE: what the value should have been */
  const char *what;           /* TYPE: "" or " key" */
  PyObject *got;              /* TYPE: the value (a new reference) */
  PyObject *big;              /* RULE: an int beyond 64 bits */
  PyObject *keep;             /* objects the C value points into */
  bwpy_block *blocks;
  size_t first_used;
  _Alignas(max_align_t) unsigned char first[1024];
} bwpy_enc;

void bwpy_enc_init(bwpy_enc *e, bwpy_state *st, uint32_t max_depth);
void bwpy_enc_free(bwpy_enc *e);

#define BWPY_ALIGN_UP(n) \
  (((n) + _Alignof(max_align_t) - 1) & ~(_Alignof(max_align_t) - 1))

/* bwpy_enc_alloc when the last block has no room: the first buffer, or
 * a new block. */
void *bwpy_enc_alloc_block(bwpy_enc *e, size_t count, size_t size);

/* Room for COUNT elements of SIZE bytes, zeroed; NULL with MemoryError
 * set (and FAIL_PYERR recorded) when memory runs out.  Most requests fit
 * the block in use: that case is inline. */
static inline void *bwpy_enc_alloc(bwpy_enc *e, size_t count, size_t size)
{
  bwpy_block *b = e->blocks;
  if (b == NULL || size == 0 || count > (b->size - b->used) / size)
    return bwpy_enc_alloc_block(e, count, size);
  size_t n = BWPY_ALIGN_UP(count * size);
  if (n > b->size - b->used)
    return bwpy_enc_alloc_block(e, count, size);
  void *p = b->data + b->used;
  b->used += n;
  memset(p, 0, n);
  return p;
}

/* Failures: each records what went wrong and returns -1.  The frames
 * the failure returns through add their part of the path. */
int bwpy_fail_type(bwpy_enc *e, PyObject *got, const char *expected);
int bwpy_fail_key_type(bwpy_enc *e, PyObject *got, const char *expected);
int bwpy_fail_pyerr(bwpy_enc *e);
int bwpy_too_deep(bwpy_enc *e, uint32_t depth);

static inline int bwpy_fail_field(bwpy_enc *e, const char *name)
{
  bw_error_prepend_field(&e->err, name);
  return -1;
}

static inline int bwpy_fail_index(bwpy_enc *e, size_t index,
                                  const char *name)
{
  bw_error_prepend_index(&e->err, index);
  bw_error_prepend_field(&e->err, name);
  return -1;
}

/* A map key that broke a rule while converting: the C validator would
 * name it by its place in key order, "m[2].key". */
int bwpy_fail_key(bwpy_enc *e, PyObject *dict, PyObject *key,
                  const char *name);

/* Scalars.  The integer ones take the field's range (for the error when
 * the value does not fit the C type) and the C type's own bounds. */
int bwpy_to_bool(bwpy_enc *e, PyObject *x, bool *out);
int bwpy_to_uint(bwpy_enc *e, PyObject *x, const bw_urange *range,
                 uint64_t type_max, uint64_t *out);
int bwpy_to_sint(bwpy_enc *e, PyObject *x, const bw_srange *range,
                 int64_t type_min, int64_t type_max, int64_t *out);
int bwpy_to_f64(bwpy_enc *e, PyObject *x, double *out);
int bwpy_to_f32(bwpy_enc *e, PyObject *x, float *out);
int bwpy_to_str_other(bwpy_enc *e, PyObject *x, bw_str *out);

/* A str made of ASCII only, the common case, is its own UTF-8. */
static inline int bwpy_to_str(bwpy_enc *e, PyObject *x, bw_str *out)
{
  if (PyUnicode_Check(x) && PyUnicode_IS_COMPACT_ASCII(x)) {
    out->data = (const char *)PyUnicode_DATA(x);
    out->len = (size_t)PyUnicode_GET_LENGTH(x);
    return 0;
  }
  return bwpy_to_str_other(e, x, out);
}
int bwpy_to_bytes(bwpy_enc *e, PyObject *x, bw_bytes *out);
/* An enum member of the enum E (None when NULLABLE, as 0). */
int bwpy_to_enum(bwpy_enc *e, PyObject *x, const bwpy_enum *en,
                 bool nullable, int64_t *out);
/* Checks that X is an instance of INFO's type (or None when NULLABLE,
 * giving 0). */
int bwpy_to_msg_check(bwpy_enc *e, PyObject *x, const bwpy_info *info,
                      bool nullable);

/* ---- Type methods (generated types call these with their table) ------ */

PyObject *bwpy_struct_new(PyTypeObject *type, PyObject *args,
                          PyObject *kwargs, const bwpy_info *info);
PyObject *bwpy_union_new(PyTypeObject *type, PyObject *args,
                         PyObject *kwargs, const bwpy_info *info);
PyObject *bwpy_repr(PyObject *self, const bwpy_info *info);
PyObject *bwpy_richcompare(PyObject *a, PyObject *b, int op,
                           const bwpy_info *info);
PyObject *bwpy_to_dict(PyObject *self, const bwpy_info *info);
PyObject *bwpy_from_dict(PyObject *cls, PyObject *d, const bwpy_info *info);
PyObject *bwpy_encode(PyObject *self, const bwpy_info *info);
PyObject *bwpy_validate(PyObject *self, const bwpy_info *info);
PyObject *bwpy_decode_method(PyObject *cls, PyObject *const *args,
                             Py_ssize_t nargs, PyObject *kwnames,
                             const bwpy_info *info);
PyObject *bwpy_reduce(PyObject *self, const bwpy_info *info);
/* The module-level _decode_T(buf) that pickles name. */
PyObject *bwpy_decode_function(PyObject *module, PyObject *buf,
                               const bwpy_info *info);

/* Attributes: the closure is the bwpy_field. */
PyObject *bwpy_get(PyObject *self, void *closure);
int bwpy_set(PyObject *self, PyObject *value, void *closure);
PyObject *bwpy_union_get(PyObject *self, void *closure);
int bwpy_union_set(PyObject *self, PyObject *value, void *closure);
PyObject *bwpy_union_which(PyObject *self, void *closure);
PyObject *bwpy_union_value(PyObject *self, void *closure);

/* Slots every generated type shares. */
/* Types that can hold other instances, lists or dicts take part in
 * garbage collection; the others (scalars only) use the _plain ones. */
void bwpy_dealloc(PyObject *self);
void bwpy_dealloc_plain(PyObject *self);
int bwpy_traverse(PyObject *self, visitproc visit, void *arg);
int bwpy_clear(PyObject *self);
void bwpy_union_dealloc(PyObject *self);
void bwpy_union_dealloc_plain(PyObject *self);
int bwpy_union_traverse(PyObject *self, visitproc visit, void *arg);
int bwpy_union_clear(PyObject *self);

/* ---- The module ------------------------------------------------------- */

int bwpy_exec(PyObject *module, const bwpy_module *mod);
int bwpy_module_traverse(PyObject *module, visitproc visit, void *arg);
int bwpy_module_clear(PyObject *module);
void bwpy_module_free(void *module);

static inline bwpy_state *bwpy_type_state(PyTypeObject *type)
{
  return (bwpy_state *)PyType_GetModuleState(type);
}

#ifdef __cplusplus
}
#endif

#endif
