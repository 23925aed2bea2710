/* bwpy.c: see bwpy.h. */
#include "bwpy.h"

#include <float.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

const bwpy_vtype bwpy_vt_bool = { BWPY_BOOL, "bool", NULL, NULL, NULL, NULL };
const bwpy_vtype bwpy_vt_int = { BWPY_INT, "int", NULL, NULL, NULL, NULL };
const bwpy_vtype bwpy_vt_float = { BWPY_FLOAT, "float", NULL, NULL, NULL,
                                   NULL };
const bwpy_vtype bwpy_vt_str = { BWPY_STR, "str", NULL, NULL, NULL, NULL };
const bwpy_vtype bwpy_vt_bytes = { BWPY_BYTES, "bytes", NULL, NULL, NULL,
                                   NULL };

/* Repr of values in messages is cut here: values can be large. */
#define REPR_SHOWN_MAX 80

/* ---- Small helpers --------------------------------------------------- */

static PyObject *slot(bwpy_state *st, int index)
{
  return st->slots[index];
}

static bool is_int(PyObject *x)
{
  return PyLong_Check(x) && !PyBool_Check(x);
}

/* The field's value, None while an instance is being built. */
static PyObject *field_value(PyObject *self, Py_ssize_t index)
{
  PyObject *v = BWPY_F(self)[index];
  return v != NULL ? v : Py_None;
}

static Py_ssize_t field_count(PyObject *self)
{
  PyTypeObject *tp = Py_TYPE(self);
  return (tp->tp_basicsize - (Py_ssize_t)offsetof(bwpy_obj, f)) /
         (Py_ssize_t)sizeof(PyObject *);
}

/* repr(X), cut to a readable length; the type name when repr fails. */
static PyObject *short_repr(PyObject *x)
{
  PyObject *r = PyObject_Repr(x);
  if (r == NULL) {
    PyErr_Clear();
    return PyUnicode_FromFormat("<%s object>", Py_TYPE(x)->tp_name);
  }
  if (PyUnicode_GET_LENGTH(r) <= REPR_SHOWN_MAX)
    return r;
  PyObject *cut = PyUnicode_Substring(r, 0, REPR_SHOWN_MAX);
  Py_DECREF(r);
  if (cut == NULL)
    return NULL;
  PyObject *out = PyUnicode_FromFormat("%U...", cut);
  Py_DECREF(cut);
  return out;
}

/* Raises TypeError "WHERE must be EXPECTED, not TYPE (REPR)". */
static void raise_type(const char *where_fmt, PyObject *where,
                       const char *expected, PyObject *got)
{
  PyObject *shown = short_repr(got);
  if (shown == NULL)
    return;
  PyObject *place = PyUnicode_FromFormat(where_fmt, where);
  if (place != NULL)
    PyErr_Format(PyExc_TypeError, "%U must be %s, not %s (%U)", place,
                 expected, Py_TYPE(got)->tp_name, shown);
  Py_XDECREF(place);
  Py_DECREF(shown);
}

static const char *short_name(PyTypeObject *tp)
{
  const char *dot = strrchr(tp->tp_name, '.');
  return dot != NULL ? dot + 1 : tp->tp_name;
}

/* ---- Errors ------------------------------------------------------------ */

static PyObject *num_object(const bw_num *n)
{
  switch (n->kind) {
  case BW_NUM_INT:
    return PyLong_FromLongLong(n->i);
  case BW_NUM_UINT:
    return PyLong_FromUnsignedLongLong(n->u);
  case BW_NUM_FLOAT:
    return PyFloat_FromDouble(n->f);
  default:
    return Py_NewRef(Py_None);
  }
}

/* The path as bw_error_format shows it, elision mark included. */
static PyObject *path_object(const bw_error *err)
{
  const char *path = bw_error_path(err);
  if (!err->path_elided)
    return PyUnicode_FromString(path);
  return PyUnicode_FromFormat("...%s%s",
                              path[0] != '\0' && path[0] != '[' ? "." : "",
                              path);
}

/* The text of ERR; for an int beyond 64 bits (BIG), the text the runtime
 * would give if a bw_num could hold it. */
static PyObject *error_text(const bw_error *err, PyObject *big)
{
  if (big != NULL) {
    PyObject *path = path_object(err);
    PyObject *limit = num_object(&err->limit);
    PyObject *out = NULL;
    if (path != NULL && limit != NULL)
      out = PyUnicode_FromFormat(
          "%U%s%S is %s %S", path, PyUnicode_GET_LENGTH(path) ? ": " : "",
          big, err->code == BW_ERR_ABOVE_MAXIMUM ? "above the maximum"
                                                 : "below the minimum",
          limit);
    Py_XDECREF(path);
    Py_XDECREF(limit);
    return out;
  }
  size_t n = bw_error_format(err, NULL, 0);
  char *buf = PyMem_Malloc(n + 1);
  if (buf == NULL)
    return PyErr_NoMemory();
  bw_error_format(err, buf, n + 1);
  PyObject *out = PyUnicode_DecodeUTF8(buf, (Py_ssize_t)n, "replace");
  PyMem_Free(buf);
  return out;
}

/* Raises CLS (DecodeError or ValidationError) for ERR. */
static void raise_error(PyObject *cls, const bw_error *err, PyObject *big)
{
  PyObject *text = error_text(err, big);
  PyObject *args = NULL, *kwargs = NULL, *exc = NULL;
  if (text == NULL)
    return;
  args = PyTuple_Pack(1, text);
  kwargs = Py_BuildValue(
      "{s:s, s:N, s:s, s:N, s:N, s:n}", "code", bw_code_name(err->code),
      "path", path_object(err), "rule", err->rule, "value",
      big != NULL ? Py_NewRef(big) : num_object(&err->value), "limit",
      num_object(&err->limit), "offset", (Py_ssize_t)err->offset);
  if (args != NULL && kwargs != NULL)
    exc = PyObject_Call(cls, args, kwargs);
  if (exc != NULL)
    PyErr_SetObject(cls, exc);
  Py_XDECREF(exc);
  Py_XDECREF(kwargs);
  Py_XDECREF(args);
  Py_DECREF(text);
}

/* ---- Instances --------------------------------------------------------- */

PyObject *bwpy_alloc(bwpy_state *st, int index)
{
  PyTypeObject *tp = (PyTypeObject *)slot(st, index);
  PyObject *self = PyType_IS_GC(tp) ? PyObject_GC_New(PyObject, tp)
                                    : PyObject_New(PyObject, tp);
  if (self != NULL)
    memset((char *)self + sizeof(PyObject), 0,
           (size_t)tp->tp_basicsize - sizeof(PyObject));
  return self;
}

PyObject *bwpy_py_enum(bwpy_state *st, const bwpy_enum *e, int64_t v)
{
  for (Py_ssize_t i = 0; i < e->count; i++)
    if (e->values[i] == v)
      return Py_NewRef(slot(st, e->slot + 1 + (int)i));
  return Py_NewRef(Py_None);
}

/* ---- Decoded text ------------------------------------------------------ */

/* Per byte of a word of UTF-8, bit 7 set where: HIGH, the byte is not
 * ASCII; CONT, it continues a sequence (10xxxxxx); WIDE, it leads a
 * sequence of a code point beyond Latin-1 (0xC4 and above); ASTRAL, one
 * beyond the BMP (0xF0 and above). */
#define BYTES(b) (UINT64_C(0x0101010101010101) * (b))
#define HIGH(w) ((w) & BYTES(0x80))
#define CONT(w) (HIGH(w) & ~((w) << 1))
#define WIDE(w) \
  (HIGH((w) & ((w) << 1)) & (((w) & BYTES(0x3C)) + BYTES(0x7C)))
#define ASTRAL(w) HIGH((w) & ((w) << 1) & ((w) << 2) & ((w) << 3))

/* How many bytes of mask M (bit 7 per byte) are set. */
static int bytes_set(uint64_t m)
{
  return (int)(((m >> 7) * BYTES(1)) >> 56);
}

/* The widest code point of the valid UTF-8 at S, told by its lead
 * bytes (valid UTF-8 has no overlong forms), and how many code points
 * it holds; eight bytes at a time. */
static Py_UCS4 utf8_widest(const unsigned char *s, size_t n,
                           Py_ssize_t *count)
{
  uint64_t high = 0, wide = 0, astral = 0, word;
  size_t cont = 0;
  for (size_t i = 0; i < n; i += 8) {
    if (n - i >= 8) {
      memcpy(&word, s + i, 8);
    } else {
      word = 0;         /* the tail: zeros are ASCII */
      for (size_t k = 0; k < n - i; k++)
        word |= (uint64_t)s[i + k] << (8 * k);
    }
    high |= HIGH(word);
    wide |= WIDE(word);
    astral |= ASTRAL(word);
    cont += (size_t)bytes_set(CONT(word));
  }
  *count = (Py_ssize_t)(n - cont);
  if (astral != 0)
    return 0x10FFFF;
  return wide != 0 ? 0xFFFF : high != 0 ? 0xFF : 0x7F;
}

/* The code point at *P, valid UTF-8 ending at END; moves *P past it.
 * A sequence cut short by END (which valid UTF-8 never has) reads as
 * U+FFFD rather than past the end. */
static inline Py_UCS4 utf8_next(const unsigned char **p,
                                const unsigned char *end)
{
  const unsigned char *s = *p;
  Py_UCS4 c = s[0];
  size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if ((size_t)(end - s) < len) {
    *p = end;
    return 0xFFFD;
  }
  *p = s + len;
  switch (len) {
  case 1:
    return c;
  case 2:
    return (c & 0x1F) << 6 | (s[1] & 0x3F);
  case 3:
    return (c & 0x0F) << 12 | (s[1] & 0x3F) << 6 | (s[2] & 0x3F);
  default:
    return (c & 0x07) << 18 | (s[1] & 0x3F) << 12 | (s[2] & 0x3F) << 6 |
           (s[3] & 0x3F);
  }
}

/* Writes the code points of [S, END) to [OUT, STOP), for each kind of
 * str: runs of eight ASCII bytes, most of the text, are widened by
 * WIDEN8 as they are.  A word that is not all ASCII has a sequence in
 * it: the ASCII bytes before that are copied with no other test, then
 * the sequence decoded. */
#define UTF8_DECODE_INTO(T, out, stop, s, end, WIDEN8)                    \
  while ((s) < (end) && (out) < (stop)) {                                 \
    uint64_t word;                                                        \
    if ((end) - (s) >= 8 && (stop) - (out) >= 8) {                        \
      memcpy(&word, (s), 8);                                              \
      if ((word & UINT64_C(0x8080808080808080)) == 0) {                   \
        WIDEN8;                                                           \
        (out) += 8;                                                       \
        (s) += 8;                                                         \
        continue;                                                         \
      }                                                                   \
      while (*(s) < 0x80)                                                 \
        *(out)++ = (T) * (s)++;                                           \
    } else if (*(s) < 0x80) {                                             \
      *(out)++ = (T) * (s)++;                                             \
      continue;                                                           \
    }                                                                     \
    *(out)++ = (T)utf8_next(&(s), (end));                                 \
  }

static void utf8_to_ucs1(Py_UCS1 *out, Py_UCS1 *stop, const unsigned char *s,
                         const unsigned char *end)
{
  UTF8_DECODE_INTO(Py_UCS1, out, stop, s, end, memcpy(out, s, 8))
}

static void utf8_to_ucs2(Py_UCS2 *out, Py_UCS2 *stop, const unsigned char *s,
                         const unsigned char *end)
{
  UTF8_DECODE_INTO(Py_UCS2, out, stop, s, end,
                   for (int k = 0; k < 8; k++) out[k] = s[k])
}

static void utf8_to_ucs4(Py_UCS4 *out, Py_UCS4 *stop, const unsigned char *s,
                         const unsigned char *end)
{
  UTF8_DECODE_INTO(Py_UCS4, out, stop, s, end,
                   for (int k = 0; k < 8; k++) out[k] = s[k])
}

/* The decoder checked the text: one pass finds the str's width and
 * length, a second writes the code points, with no check left to do. */
PyObject *bwpy_py_text(const char *text, size_t n)
{
  const unsigned char *s = (const unsigned char *)text, *end = s + n;
  Py_ssize_t count;
  Py_UCS4 widest = utf8_widest(s, n, &count);
  PyObject *out = PyUnicode_New(count, widest);
  if (out == NULL)
    return NULL;
  switch (PyUnicode_KIND(out)) {
  case PyUnicode_1BYTE_KIND:
    utf8_to_ucs1(PyUnicode_1BYTE_DATA(out),
                 PyUnicode_1BYTE_DATA(out) + count, s, end);
    break;
  case PyUnicode_2BYTE_KIND:
    utf8_to_ucs2(PyUnicode_2BYTE_DATA(out),
                 PyUnicode_2BYTE_DATA(out) + count, s, end);
    break;
  default:
    utf8_to_ucs4(PyUnicode_4BYTE_DATA(out),
                 PyUnicode_4BYTE_DATA(out) + count, s, end);
    break;
  }
  return out;
}

/* The value a field holds when a constructor is not given it. */
static PyObject *field_default(bwpy_state *st, const bwpy_field *f)
{
  if (f->nullable)
    return Py_NewRef(Py_None);
  switch (f->type->kind) {
  case BWPY_BOOL:
    return Py_NewRef(Py_False);
  case BWPY_INT:
    return PyLong_FromLong(0);
  case BWPY_FLOAT:
    return PyFloat_FromDouble(0.0);
  case BWPY_STR:
    return PyUnicode_New(0, 0);
  case BWPY_BYTES:
    return PyBytes_FromStringAndSize(NULL, 0);
  case BWPY_ENUM:
    return bwpy_py_enum(st, f->type->enumeration, 0);
  case BWPY_STRUCT:
    return bwpy_new_default(st, f->type->info);
  case BWPY_LIST:
    return PyList_New(0);
  case BWPY_MAP:
    return PyDict_New();
  default:
    return Py_NewRef(Py_None);
  }
}

/* Fills every field of SELF still NULL with its default. */
static int fill_defaults(bwpy_state *st, PyObject *self,
                         const bwpy_info *info)
{
  PyObject **f = BWPY_F(self);
  for (Py_ssize_t i = 0; i < info->nfields; i++) {
    if (f[i] != NULL)
      continue;
    f[i] = field_default(st, &info->fields[i]);
    if (f[i] == NULL)
      return -1;
  }
  return 0;
}

PyObject *bwpy_new_default(bwpy_state *st, const bwpy_info *info)
{
  PyObject *self = bwpy_alloc(st, info->slot);
  if (self == NULL)
    return NULL;
  if (Py_EnterRecursiveCall(" building a default value")) {
    Py_DECREF(self);
    return NULL;
  }
  int rc = fill_defaults(st, self, info);
  Py_LeaveRecursiveCall();
  if (rc < 0)
    Py_CLEAR(self);
  return bwpy_track(self);
}

/* A union instance holding WHICH and VALUE (stolen), untracked. */
static PyObject *union_alloc(bwpy_state *st, const bwpy_info *info,
                             Py_ssize_t which, PyObject *value)
{
  if (value == NULL)
    return NULL;
  bwpy_union *u = (bwpy_union *)bwpy_alloc(st, info->slot);
  if (u == NULL) {
    Py_DECREF(value);
    return NULL;
  }
  u->which = which;
  u->value = value;
  return (PyObject *)u;
}

/* A union holding a str, a number or another value that is not a
 * container cannot be part of a cycle: the collector need not look at
 * it, a saving on trees of many leaves.  Assignment tracks it again when
 * it gets a value that can be. */
static bool union_needs_gc(PyObject *u)
{
  return u != NULL && PyObject_IS_GC(((bwpy_union *)u)->value);
}

PyObject *bwpy_new_union(bwpy_state *st, const bwpy_info *info,
                         Py_ssize_t which, PyObject *value)
{
  PyObject *u = union_alloc(st, info, which, value);
  if (union_needs_gc(u))
    PyObject_GC_Track(u);
  return u;
}

/* ---- Decoded values ---------------------------------------------------- */

/* Adds SELF to the objects to track; false when there is no memory for
 * the list (then SELF is tracked at once: only the saving is lost). */
static bool defer_tracking(bwpy_state *st, PyObject *self)
{
  if (st->nuntracked == st->untracked_room) {
    size_t room = st->untracked_room ? 2 * st->untracked_room : 256;
    PyObject **grown = room <= PY_SSIZE_T_MAX / sizeof *grown
        ? PyMem_Realloc(st->untracked, room * sizeof *grown) : NULL;
    if (grown == NULL)
      return false;
    st->untracked = grown;
    st->untracked_room = room;
  }
  st->untracked[st->nuntracked++] = self;
  return true;
}

PyObject *bwpy_decoded(bwpy_state *st, PyObject *self)
{
  if (self != NULL && PyType_IS_GC(Py_TYPE(self)) &&
      !defer_tracking(st, self))
    PyObject_GC_Track(self);
  return self;
}

PyObject *bwpy_decoded_list(bwpy_state *st, Py_ssize_t n)
{
  PyObject *list = PyList_New(n);
  if (list != NULL) {
    PyObject_GC_UnTrack(list);
    if (!defer_tracking(st, list))
      PyObject_GC_Track(list);
  }
  return list;
}

PyObject *bwpy_decoded_union(bwpy_state *st, const bwpy_info *info,
                             Py_ssize_t which, PyObject *value)
{
  PyObject *u = union_alloc(st, info, which, value);
  if (union_needs_gc(u) && !defer_tracking(st, u))
    PyObject_GC_Track(u);
  return u;
}

/* Ends a decode whose objects were recorded from BASE on: tracks them
 * when the value is complete (DONE); after a failure they have been
 * freed with the value. */
static void end_decoded(bwpy_state *st, size_t base, bool done)
{
  for (size_t i = base; done && i < st->nuntracked; i++)
    PyObject_GC_Track(st->untracked[i]);
  st->nuntracked = base;
}

/* ---- Type checks on assignment --------------------------------------- */

/* Whether X may be stored where a value of type T goes (shallow for
 * structs and unions, whose own fields were checked when set). */
static bool type_ok(bwpy_state *st, const bwpy_vtype *t, PyObject *x)
{
  switch (t->kind) {
  case BWPY_BOOL:
    return PyBool_Check(x);
  case BWPY_INT:
    return is_int(x);
  case BWPY_FLOAT:
    return PyFloat_Check(x) || is_int(x);
  case BWPY_STR:
    return PyUnicode_Check(x);
  case BWPY_BYTES:
    return PyBytes_Check(x);
  case BWPY_ENUM:
    return Py_IS_TYPE(x, (PyTypeObject *)slot(st, t->enumeration->slot));
  case BWPY_STRUCT:
  case BWPY_UNION:
    return Py_IS_TYPE(x, (PyTypeObject *)slot(st, t->info->slot));
  case BWPY_LIST:
    return PyList_Check(x);
  case BWPY_MAP:
    return PyDict_Check(x);
  }
  return false;
}

/* "OWNER.FIELD", where a value was found; SUFFIX may add to it. */
static PyObject *place(const char *owner, const bwpy_field *f)
{
  return PyUnicode_FromFormat("%s.%s", owner, f->name);
}

static int item_failed(const char *owner, const bwpy_field *f,
                       const char *fmt, PyObject *index, Py_ssize_t i,
                       const bwpy_vtype *t, PyObject *item)
{
  PyObject *where = place(owner, f), *at = NULL;
  if (where != NULL)
    at = index != NULL ? PyUnicode_FromFormat(fmt, where, index)
                       : PyUnicode_FromFormat(fmt, where, i);
  if (at != NULL)
    raise_type("%U", at, t->name, item);
  Py_XDECREF(at);
  Py_XDECREF(where);
  return -1;
}

/* Checks the items of list or dict X, the value of field F. */
static int check_items(bwpy_state *st, const char *owner,
                       const bwpy_field *f, PyObject *x)
{
  const bwpy_vtype *t = f->type;
  if (t->kind == BWPY_LIST) {
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(x); i++) {
      PyObject *item = PyList_GET_ITEM(x, i);
      if (!type_ok(st, t->elem, item))
        return item_failed(owner, f, "%U[%zd]", NULL, i, t->elem, item);
    }
    return 0;
  }
  Py_ssize_t pos = 0;
  PyObject *k, *v;
  while (PyDict_Next(x, &pos, &k, &v)) {
    if (!type_ok(st, t->key, k))
      return item_failed(owner, f, "%U key", NULL, 0, t->key, k);
    if (!type_ok(st, t->elem, v))
      return item_failed(owner, f, "%U[%R]", k, 0, t->elem, v);
  }
  return 0;
}

/* Returns the value to store for X in field F of an OWNER, a new
 * reference (an int becomes a float in a float field), or NULL with
 * TypeError set. */
static PyObject *checked(bwpy_state *st, const char *owner,
                         const bwpy_field *f, PyObject *x)
{
  const bwpy_vtype *t = f->type;
  if (x == Py_None && f->nullable)
    return Py_NewRef(x);
  if (!type_ok(st, t, x)) {
    PyObject *where = place(owner, f);
    PyObject *expected = f->nullable
        ? PyUnicode_FromFormat("%s or None", t->name)
        : PyUnicode_FromString(t->name);
    if (where != NULL && expected != NULL)
      raise_type("%U", where, PyUnicode_AsUTF8(expected), x);
    Py_XDECREF(where);
    Py_XDECREF(expected);
    return NULL;
  }
  if (t->kind == BWPY_FLOAT && !PyFloat_Check(x)) {
    double d = PyLong_AsDouble(x);
    return d == -1.0 && PyErr_Occurred() ? NULL : PyFloat_FromDouble(d);
  }
  if ((t->kind == BWPY_LIST || t->kind == BWPY_MAP) &&
      check_items(st, owner, f, x) < 0)
    return NULL;
  return Py_NewRef(x);
}

/* ---- Construction ------------------------------------------------------ */

static Py_ssize_t find_field(bwpy_state *st, const bwpy_info *info,
                             PyObject *key)
{
  for (Py_ssize_t i = 0; i < info->nfields; i++)
    if (slot(st, info->fields[i].name_slot) == key)
      return i;
  for (Py_ssize_t i = 0; i < info->nfields; i++) {
    PyObject *name = slot(st, info->fields[i].name_slot);
    if (PyUnicode_Check(key) && PyUnicode_Compare(key, name) == 0)
      return i;
  }
  return -1;
}

static bool no_positional(PyObject *args, const bwpy_info *info)
{
  if (args == NULL || PyTuple_GET_SIZE(args) == 0)
    return true;
  PyErr_Format(PyExc_TypeError,
               "%s() takes keyword arguments only (%zd positional given)",
               info->name, PyTuple_GET_SIZE(args));
  return false;
}

static void unexpected_keyword(const bwpy_info *info, PyObject *key)
{
  PyErr_Format(PyExc_TypeError,
               "%s() got an unexpected keyword argument %R", info->name,
               key);
}

PyObject *bwpy_struct_new(PyTypeObject *type, PyObject *args,
                          PyObject *kwargs, const bwpy_info *info)
{
  if (!no_positional(args, info))
    return NULL;
  bwpy_state *st = bwpy_type_state(type);
  PyObject *self = type->tp_alloc(type, 0);
  if (self == NULL)
    return NULL;
  PyObject **f = BWPY_F(self);
  Py_ssize_t pos = 0;
  PyObject *k, *v;
  while (kwargs != NULL && PyDict_Next(kwargs, &pos, &k, &v)) {
    Py_ssize_t i = find_field(st, info, k);
    if (i < 0) {
      unexpected_keyword(info, k);
      goto fail;
    }
    f[i] = checked(st, info->name, &info->fields[i], v);
    if (f[i] == NULL)
      goto fail;
  }
  if (fill_defaults(st, self, info) < 0)
    goto fail;
  return self;
fail:
  Py_DECREF(self);
  return NULL;
}

PyObject *bwpy_union_new(PyTypeObject *type, PyObject *args,
                         PyObject *kwargs, const bwpy_info *info)
{
  if (!no_positional(args, info))
    return NULL;
  Py_ssize_t n = kwargs != NULL ? PyDict_GET_SIZE(kwargs) : 0;
  if (n != 1) {
    PyErr_Format(PyExc_TypeError,
                 "%s() takes exactly one member as a keyword argument "
                 "(%zd given)", info->name, n);
    return NULL;
  }
  bwpy_state *st = bwpy_type_state(type);
  Py_ssize_t pos = 0;
  PyObject *k, *v;
  PyDict_Next(kwargs, &pos, &k, &v);
  Py_ssize_t i = find_field(st, info, k);
  if (i < 0) {
    unexpected_keyword(info, k);
    return NULL;
  }
  return bwpy_new_union(st, info, i,
                        checked(st, info->name, &info->fields[i], v));
}

/* ---- Attributes -------------------------------------------------------- */

PyObject *bwpy_get(PyObject *self, void *closure)
{
  const bwpy_field *f = closure;
  return Py_NewRef(field_value(self, f->index));
}

static int no_delete(PyObject *self, const bwpy_field *f)
{
  PyErr_Format(PyExc_TypeError, "cannot delete %s.%s",
               short_name(Py_TYPE(self)), f->name);
  return -1;
}

int bwpy_set(PyObject *self, PyObject *value, void *closure)
{
  const bwpy_field *f = closure;
  if (value == NULL)
    return no_delete(self, f);
  PyObject *v = checked(bwpy_type_state(Py_TYPE(self)),
                        short_name(Py_TYPE(self)), f, value);
  if (v == NULL)
    return -1;
  Py_XSETREF(BWPY_F(self)[f->index], v);
  return 0;
}

PyObject *bwpy_union_get(PyObject *self, void *closure)
{
  const bwpy_field *f = closure;
  bwpy_union *u = (bwpy_union *)self;
  if (u->which == f->index && u->value != NULL)
    return Py_NewRef(u->value);
  return Py_NewRef(Py_None);
}

int bwpy_union_set(PyObject *self, PyObject *value, void *closure)
{
  const bwpy_field *f = closure;
  bwpy_union *u = (bwpy_union *)self;
  if (value == NULL)
    return no_delete(self, f);
  if (value == Py_None) {
    PyErr_Format(PyExc_TypeError,
                 "%s.%s cannot be None: a union holds one member; set "
                 "another member instead", short_name(Py_TYPE(self)),
                 f->name);
    return -1;
  }
  PyObject *v = checked(bwpy_type_state(Py_TYPE(self)),
                        short_name(Py_TYPE(self)), f, value);
  if (v == NULL)
    return -1;
  u->which = f->index;
  Py_XSETREF(u->value, v);
  if (PyObject_IS_GC(v) && !PyObject_GC_IsTracked(self))
    PyObject_GC_Track(self);
  return 0;
}

PyObject *bwpy_union_which(PyObject *self, void *closure)
{
  const bwpy_info *info = closure;
  bwpy_union *u = (bwpy_union *)self;
  bwpy_state *st = bwpy_type_state(Py_TYPE(self));
  return Py_NewRef(slot(st, info->fields[u->which].name_slot));
}

PyObject *bwpy_union_value(PyObject *self, void *closure)
{
  (void)closure;
  bwpy_union *u = (bwpy_union *)self;
  return Py_NewRef(u->value != NULL ? u->value : Py_None);
}

/* ---- Lifetime ---------------------------------------------------------- */

static void free_struct(PyObject *self)
{
  PyTypeObject *tp = Py_TYPE(self);
  Py_ssize_t n = field_count(self);
  for (Py_ssize_t i = 0; i < n; i++)
    Py_CLEAR(BWPY_F(self)[i]);
  tp->tp_free(self);
  Py_DECREF(tp);
}

void bwpy_dealloc(PyObject *self)
{
  PyObject_GC_UnTrack(self);
  /* Long chains of values free one another: the trashcan keeps that
   * from exhausting the C stack.  It takes only tracked-type objects. */
  Py_TRASHCAN_BEGIN(self, bwpy_dealloc)
  free_struct(self);
  Py_TRASHCAN_END
}

void bwpy_dealloc_plain(PyObject *self)
{
  free_struct(self);
}

int bwpy_traverse(PyObject *self, visitproc visit, void *arg)
{
  Py_VISIT(Py_TYPE(self));
  Py_ssize_t n = field_count(self);
  for (Py_ssize_t i = 0; i < n; i++)
    Py_VISIT(BWPY_F(self)[i]);
  return 0;
}

int bwpy_clear(PyObject *self)
{
  Py_ssize_t n = field_count(self);
  for (Py_ssize_t i = 0; i < n; i++)
    Py_CLEAR(BWPY_F(self)[i]);
  return 0;
}

static void free_union(PyObject *self)
{
  PyTypeObject *tp = Py_TYPE(self);
  Py_CLEAR(((bwpy_union *)self)->value);
  tp->tp_free(self);
  Py_DECREF(tp);
}

void bwpy_union_dealloc(PyObject *self)
{
  PyObject_GC_UnTrack(self);
  Py_TRASHCAN_BEGIN(self, bwpy_union_dealloc)
  free_union(self);
  Py_TRASHCAN_END
}

void bwpy_union_dealloc_plain(PyObject *self)
{
  free_union(self);
}

int bwpy_union_traverse(PyObject *self, visitproc visit, void *arg)
{
  Py_VISIT(Py_TYPE(self));
  Py_VISIT(((bwpy_union *)self)->value);
  return 0;
}

int bwpy_union_clear(PyObject *self)
{
  Py_CLEAR(((bwpy_union *)self)->value);
  return 0;
}

/* ---- repr and == ------------------------------------------------------- */

static PyObject *repr_struct(PyObject *self, const bwpy_info *info)
{
  PyObject *parts = PyList_New(info->nfields);
  if (parts == NULL)
    return NULL;
  for (Py_ssize_t i = 0; i < info->nfields; i++) {
    PyObject *s = PyUnicode_FromFormat("%s=%R", info->fields[i].name,
                                       field_value(self, i));
    if (s == NULL) {
      Py_DECREF(parts);
      return NULL;
    }
    PyList_SET_ITEM(parts, i, s);
  }
  PyObject *sep = PyUnicode_FromString(", ");
  PyObject *body = sep != NULL ? PyUnicode_Join(sep, parts) : NULL;
  PyObject *out = body != NULL
      ? PyUnicode_FromFormat("%s(%U)", info->name, body) : NULL;
  Py_XDECREF(body);
  Py_XDECREF(sep);
  Py_DECREF(parts);
  return out;
}

PyObject *bwpy_repr(PyObject *self, const bwpy_info *info)
{
  int seen = Py_ReprEnter(self);
  if (seen != 0)
    return seen > 0 ? PyUnicode_FromFormat("%s(...)", info->name) : NULL;
  PyObject *out;
  if (info->is_union) {
    bwpy_union *u = (bwpy_union *)self;
    out = PyUnicode_FromFormat("%s(%s=%R)", info->name,
                               info->fields[u->which].name,
                               u->value != NULL ? u->value : Py_None);
  } else {
    out = repr_struct(self, info);
  }
  Py_ReprLeave(self);
  return out;
}

static int equal_values(PyObject *a, PyObject *b, const bwpy_info *info)
{
  if (info->is_union) {
    bwpy_union *x = (bwpy_union *)a, *y = (bwpy_union *)b;
    if (x->which != y->which)
      return 0;
    return PyObject_RichCompareBool(x->value ? x->value : Py_None,
                                    y->value ? y->value : Py_None, Py_EQ);
  }
  for (Py_ssize_t i = 0; i < info->nfields; i++) {
    int eq = PyObject_RichCompareBool(field_value(a, i), field_value(b, i),
                                      Py_EQ);
    if (eq <= 0)
      return eq;
  }
  return 1;
}

PyObject *bwpy_richcompare(PyObject *a, PyObject *b, int op,
                           const bwpy_info *info)
{
  if ((op != Py_EQ && op != Py_NE) || !Py_IS_TYPE(b, Py_TYPE(a)))
    Py_RETURN_NOTIMPLEMENTED;
  if (Py_EnterRecursiveCall(" in comparison"))
    return NULL;
  int eq = equal_values(a, b, info);
  Py_LeaveRecursiveCall();
  if (eq < 0)
    return NULL;
  return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

/* ---- to_dict ------------------------------------------------------------ */

static PyObject *to_dict(PyObject *self, const bwpy_info *info);

/* X as plain Python data: structs and unions as dicts, containers
 * copied, everything else as it is. */
static PyObject *plain(const bwpy_vtype *t, PyObject *x)
{
  if (x == Py_None)
    return Py_NewRef(x);
  switch (t->kind) {
  case BWPY_STRUCT:
  case BWPY_UNION:
    return to_dict(x, t->info);
  case BWPY_LIST: {
    if (!PyList_Check(x))
      break;
    PyObject *out = PyList_New(PyList_GET_SIZE(x));
    for (Py_ssize_t i = 0; out != NULL && i < PyList_GET_SIZE(x); i++) {
      PyObject *item = plain(t->elem, PyList_GET_ITEM(x, i));
      if (item == NULL)
        Py_CLEAR(out);
      else
        PyList_SET_ITEM(out, i, item);
    }
    return out;
  }
  case BWPY_MAP: {
    if (!PyDict_Check(x))
      break;
    PyObject *out = PyDict_New(), *k, *v;
    Py_ssize_t pos = 0;
    while (out != NULL && PyDict_Next(x, &pos, &k, &v)) {
      PyObject *pv = plain(t->elem, v);
      if (pv == NULL || PyDict_SetItem(out, k, pv) < 0)
        Py_CLEAR(out);
      Py_XDECREF(pv);
    }
    return out;
  }
  default:
    break;
  }
  return Py_NewRef(x);
}

static PyObject *to_dict_fields(PyObject *self, const bwpy_info *info)
{
  PyObject *out = PyDict_New();
  if (info->is_union) {
    bwpy_union *u = (bwpy_union *)self;
    const bwpy_field *f = &info->fields[u->which];
    PyObject *v = plain(f->type, u->value ? u->value : Py_None);
    if (out != NULL && (v == NULL ||
                        PyDict_SetItemString(out, f->name, v) < 0))
      Py_CLEAR(out);
    Py_XDECREF(v);
    return out;
  }
  for (Py_ssize_t i = 0; out != NULL && i < info->nfields; i++) {
    const bwpy_field *f = &info->fields[i];
    PyObject *v = plain(f->type, field_value(self, i));
    if (v == NULL || PyDict_SetItemString(out, f->name, v) < 0)
      Py_CLEAR(out);
    Py_XDECREF(v);
  }
  return out;
}

static PyObject *to_dict(PyObject *self, const bwpy_info *info)
{
  if (Py_EnterRecursiveCall(" in to_dict"))
    return NULL;
  PyObject *out = to_dict_fields(self, info);
  Py_LeaveRecursiveCall();
  return out;
}

PyObject *bwpy_to_dict(PyObject *self, const bwpy_info *info)
{
  return to_dict(self, info);
}

/* ---- The encoder's state ----------------------------------------------- */

void bwpy_enc_init(bwpy_enc *e, bwpy_state *st, uint32_t max_depth)
{
  e->st = st;
  e->max_depth = max_depth;
  e->failure = BWPY_FAIL_NONE;
  bw_error_clear(&e->err);
  e->expected = NULL;
  e->what = "";
  e->got = NULL;
  e->big = NULL;
  e->keep = NULL;
  e->blocks = NULL;
  e->first_used = 0;
}

void bwpy_enc_free(bwpy_enc *e)
{
  while (e->blocks != NULL) {
    bwpy_block *next = e->blocks->next;
    PyMem_Free(e->blocks);
    e->blocks = next;
  }
  Py_CLEAR(e->got);
  Py_CLEAR(e->big);
  Py_CLEAR(e->keep);
}

#define ALIGN_UP(n) BWPY_ALIGN_UP(n)

void *bwpy_enc_alloc_block(bwpy_enc *e, size_t count, size_t size)
{
  if (size != 0 && count > (SIZE_MAX / 2) / size) {
    PyErr_NoMemory();
    bwpy_fail_pyerr(e);
    return NULL;
  }
  size_t n = ALIGN_UP(count * size);
  void *p;
  if (n <= sizeof e->first - e->first_used) {
    p = e->first + e->first_used;
    e->first_used += n;
  } else {
    size_t room = n > 16384 ? n : 16384;
    bwpy_block *b = PyMem_Malloc(sizeof *b + room);
    if (b == NULL) {
      PyErr_NoMemory();
      bwpy_fail_pyerr(e);
      return NULL;
    }
    b->next = e->blocks;
    b->size = room;
    b->used = n;
    e->blocks = b;
    p = b->data;
  }
  memset(p, 0, n);
  return p;
}

/* Errors and type failures carry their path in E->err; any code makes
 * the prepend functions record it. */
static void mark(bwpy_enc *e, bwpy_failure failure)
{
  e->failure = failure;
  bw_error_set(&e->err, BW_ERR_UNKNOWN_FIELD, 0);
}

int bwpy_fail_type(bwpy_enc *e, PyObject *got, const char *expected)
{
  mark(e, BWPY_FAIL_TYPE);
  e->expected = expected;
  e->what = "";
  Py_XSETREF(e->got, Py_NewRef(got));
  return -1;
}

int bwpy_fail_key_type(bwpy_enc *e, PyObject *got, const char *expected)
{
  bwpy_fail_type(e, got, expected);
  e->what = " key";
  return -1;
}

int bwpy_fail_pyerr(bwpy_enc *e)
{
  mark(e, BWPY_FAIL_PYERR);
  return -1;
}

static int fail_rule(bwpy_enc *e, bw_code code, bw_num value, bw_num limit,
                     const char *rule, PyObject *big)
{
  e->failure = BWPY_FAIL_RULE;
  bw_error_set_detail(&e->err, code, 0, value, limit, rule);
  if (big != NULL)
    Py_XSETREF(e->big, Py_NewRef(big));
  return -1;
}

int bwpy_too_deep(bwpy_enc *e, uint32_t depth)
{
  return fail_rule(e, BW_ERR_TOO_DEEP, bw_num_uint(depth),
                   bw_num_uint(e->max_depth), NULL, NULL);
}

/* How many keys of DICT are below KEY: KEY's index in key order, the
 * order the C value's entries are in. */
static Py_ssize_t key_index(PyObject *dict, PyObject *key)
{
  Py_ssize_t pos = 0, below = 0;
  PyObject *k, *v;
  while (PyDict_Next(dict, &pos, &k, &v)) {
    int lt = PyObject_RichCompareBool(k, key, Py_LT);
    if (lt < 0) {
      PyErr_Clear();
      return below;
    }
    below += lt;
  }
  return below;
}

int bwpy_fail_key(bwpy_enc *e, PyObject *dict, PyObject *key,
                  const char *name)
{
  if (e->failure == BWPY_FAIL_TYPE) {
    e->what = " key";
  } else if (e->failure == BWPY_FAIL_RULE) {
    bw_error_prepend_field(&e->err, "key");
    bw_error_prepend_index(&e->err, (size_t)key_index(dict, key));
  }
  return bwpy_fail_field(e, name);
}

/* Raises the exception for a failed conversion of a value of INFO. */
static void enc_raise(bwpy_enc *e, const bwpy_info *info)
{
  if (e->failure == BWPY_FAIL_RULE) {
    raise_error(e->st->validation_error, &e->err, e->big);
  } else if (e->failure == BWPY_FAIL_TYPE) {
    PyObject *path = path_object(&e->err);
    if (path != NULL) {
      PyObject *where = PyUnicode_FromFormat("%s.%U%s", info->name, path,
                                             e->what);
      if (where != NULL)
        raise_type("%U", where, e->expected, e->got);
      Py_XDECREF(where);
      Py_DECREF(path);
    }
  } else if (!PyErr_Occurred()) {
    PyErr_SetString(PyExc_SystemError, "boundwire: conversion failed");
  }
}

/* ---- Scalars to C ------------------------------------------------------ */

int bwpy_to_bool(bwpy_enc *e, PyObject *x, bool *out)
{
  if (x == Py_True || x == Py_False) {
    *out = x == Py_True;
    return 0;
  }
  return bwpy_fail_type(e, x, "bool");
}

/* Reads int X as a 64-bit magnitude with a sign.  Returns 1 when it
 * needs more than 64 bits (SIGN still tells which end), 0 when it fits,
 * -1 on failure. */
/* Reads int X from its digits when it fits 64 bits and has few of them,
 * as most ints do: cheaper than the general conversions.  False when it
 * does not apply. */
static bool read_int_digits(PyObject *x, bool *negative, uint64_t *mag)
{
#if PY_VERSION_HEX >= 0x030C0000
  if (!PyUnstable_Long_IsCompact((PyLongObject *)x))
    return false;
  Py_ssize_t v = PyUnstable_Long_CompactValue((PyLongObject *)x);
  *negative = v < 0;
  *mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  return true;
#else
  Py_ssize_t size = Py_SIZE(x);
  size_t n = (size_t)(size < 0 ? -size : size);
  const digit *d = ((PyLongObject *)x)->ob_digit;
  uint64_t m = 0;
  if (n > 3)
    return false;
  for (size_t i = n; i-- > 0;) {
    if (m >> (64 - PyLong_SHIFT) != 0)
      return false;
    m = m << PyLong_SHIFT | d[i];
  }
  *negative = size < 0;
  *mag = m;
  return true;
#endif
}

static int read_int(bwpy_enc *e, PyObject *x, bool *negative,
                    uint64_t *mag)
{
  if (!is_int(x))
    return bwpy_fail_type(e, x, "int");
  if (read_int_digits(x, negative, mag))
    return 0;
  int overflow;
  long long v = PyLong_AsLongLongAndOverflow(x, &overflow);
  if (v == -1 && overflow == 0 && PyErr_Occurred())
    return bwpy_fail_pyerr(e);
  if (overflow == 0) {
    *negative = v < 0;
    *mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    return 0;
  }
  *negative = overflow < 0;
  if (overflow < 0)
    return 1;
  unsigned long long u = PyLong_AsUnsignedLongLong(x);
  if (u == (unsigned long long)-1 && PyErr_Occurred()) {
    PyErr_Clear();
    return 1;
  }
  *mag = u;
  return 0;
}

int bwpy_to_uint(bwpy_enc *e, PyObject *x, const bw_urange *range,
                 uint64_t type_max, uint64_t *out)
{
  bool neg = false;
  uint64_t mag = 0;
  int rc = read_int(e, x, &neg, &mag);
  if (rc < 0)
    return -1;
  if (rc > 0 || neg)
    return fail_rule(e, neg ? BW_ERR_BELOW_MINIMUM : BW_ERR_ABOVE_MAXIMUM,
                     rc > 0 ? bw_num_none()
                            : bw_num_int((int64_t)((uint64_t)0 - mag)),
                     bw_num_uint(neg ? range->min : range->max),
                     range->rule, rc > 0 ? x : NULL);
  if (mag > type_max)
    return fail_rule(e, BW_ERR_ABOVE_MAXIMUM, bw_num_uint(mag),
                     bw_num_uint(range->max), range->rule, NULL);
  *out = mag;
  return 0;
}

int bwpy_to_sint(bwpy_enc *e, PyObject *x, const bw_srange *range,
                 int64_t type_min, int64_t type_max, int64_t *out)
{
  bool neg = false;
  uint64_t mag = 0;
  int rc = read_int(e, x, &neg, &mag);
  if (rc < 0)
    return -1;
  bw_num found = rc > 0 ? bw_num_none()
      : !neg ? (mag > (uint64_t)INT64_MAX ? bw_num_uint(mag)
                                         : bw_num_int((int64_t)mag))
      : bw_num_int(mag == (uint64_t)1 << 63
                       ? INT64_MIN : -(int64_t)mag);
  bool above = !neg && (rc > 0 || found.kind == BW_NUM_UINT ||
                        found.i > type_max);
  bool below = neg && (rc > 0 || found.i < type_min);
  if (above || below)
    return fail_rule(e, above ? BW_ERR_ABOVE_MAXIMUM : BW_ERR_BELOW_MINIMUM,
                     found, bw_num_int(above ? range->max : range->min),
                     range->rule, rc > 0 ? x : NULL);
  *out = found.i;
  return 0;
}

int bwpy_to_f64(bwpy_enc *e, PyObject *x, double *out)
{
  if (PyFloat_Check(x)) {
    *out = PyFloat_AS_DOUBLE(x);
    return 0;
  }
  if (!is_int(x))
    return bwpy_fail_type(e, x, "float");
  double d = PyLong_AsDouble(x);
  if (d == -1.0 && PyErr_Occurred()) {
    /* Too large for a double: as infinite, which the rules refuse. */
    PyErr_Clear();
    int overflow;
    PyLong_AsLongLongAndOverflow(x, &overflow);
    PyErr_Clear();
    d = overflow < 0 ? -HUGE_VAL : HUGE_VAL;
  }
  *out = d;
  return 0;
}

/* D rounded to the nearest float, overflowing to infinity as IEEE 754
 * says, without the undefined conversion of an out-of-range double. */
static float narrow(double d)
{
  /* Halfway between FLT_MAX and the next power of two: from there on,
   * rounding gives infinity. */
  const double edge = (double)FLT_MAX + ldexp(1.0, 103);
  if (isnan(d) || fabs(d) <= (double)FLT_MAX)
    return (float)d;
  if (fabs(d) < edge)
    return d < 0 ? -FLT_MAX : FLT_MAX;
  return d < 0 ? -HUGE_VALF : HUGE_VALF;
}

int bwpy_to_f32(bwpy_enc *e, PyObject *x, float *out)
{
  double d;
  if (bwpy_to_f64(e, x, &d) < 0)
    return -1;
  *out = narrow(d);
  return 0;
}

/* Keeps X alive until the conversion ends. */
static int keep(bwpy_enc *e, PyObject *x)
{
  if (e->keep == NULL && (e->keep = PyList_New(0)) == NULL)
    return bwpy_fail_pyerr(e);
  if (PyList_Append(e->keep, x) < 0)
    return bwpy_fail_pyerr(e);
  return 0;
}

int bwpy_to_str_other(bwpy_enc *e, PyObject *x, bw_str *out)
{
  if (!PyUnicode_Check(x))
    return bwpy_fail_type(e, x, "str");
  Py_ssize_t n;
  const char *s = PyUnicode_AsUTF8AndSize(x, &n);
  if (s != NULL) {
    out->data = s;
    out->len = (size_t)n;
    return 0;
  }
  if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
    return bwpy_fail_pyerr(e);
  /* Lone surrogates: pass their bytes on, so that the validator refuses
   * them as invalid UTF-8 with its own message and path. */
  PyErr_Clear();
  PyObject *b = PyUnicode_AsEncodedString(x, "utf-8", "surrogatepass");
  if (b == NULL)
    return bwpy_fail_pyerr(e);
  int rc = keep(e, b);
  out->data = PyBytes_AS_STRING(b);
  out->len = (size_t)PyBytes_GET_SIZE(b);
  Py_DECREF(b);
  return rc;
}

int bwpy_to_bytes(bwpy_enc *e, PyObject *x, bw_bytes *out)
{
  if (!PyBytes_Check(x))
    return bwpy_fail_type(e, x, "bytes");
  out->data = (const uint8_t *)PyBytes_AS_STRING(x);
  out->len = (size_t)PyBytes_GET_SIZE(x);
  return 0;
}

int bwpy_to_enum(bwpy_enc *e, PyObject *x, const bwpy_enum *en,
                 bool nullable, int64_t *out)
{
  /* Fields hold the enum's members: found by identity, their values
   * come from the table without asking the int. */
  PyObject *const *members = &e->st->slots[en->slot + 1];
  for (Py_ssize_t i = 0; i < en->count && i < 16; i++) {
    if (members[i] == x) {
      *out = en->values[i];
      return 0;
    }
  }
  if (x == Py_None && nullable) {
    *out = 0;
    return 0;
  }
  if (!Py_IS_TYPE(x, (PyTypeObject *)slot(e->st, en->slot)))
    return bwpy_fail_type(e, x, en->name);
  long long v = PyLong_AsLongLong(x);
  if (v == -1 && PyErr_Occurred())
    return bwpy_fail_pyerr(e);
  *out = v;
  return 0;
}

int bwpy_to_msg_check(bwpy_enc *e, PyObject *x, const bwpy_info *info,
                      bool nullable)
{
  if (x == Py_None && nullable)
    return 1;
  if (Py_IS_TYPE(x, (PyTypeObject *)slot(e->st, info->slot)))
    return 0;
  return bwpy_fail_type(e, x, info->name);
}

/* ---- from_dict --------------------------------------------------------- */

static PyObject *from_plain(bwpy_enc *e, const bwpy_vtype *t, bool nullable,
                            PyObject *x);

static PyObject *enum_from_plain(bwpy_enc *e, const bwpy_enum *en,
                                 PyObject *x)
{
  PyObject *cls = slot(e->st, en->slot);
  if (Py_IS_TYPE(x, (PyTypeObject *)cls))
    return Py_NewRef(x);
  if (PyUnicode_Check(x)) {
    for (Py_ssize_t i = 0; i < en->count; i++)
      if (PyUnicode_CompareWithASCIIString(x, en->names[i]) == 0)
        return Py_NewRef(slot(e->st, en->slot + 1 + (int)i));
    fail_rule(e, BW_ERR_UNKNOWN_ENUM, bw_num_none(), bw_num_none(), NULL,
              NULL);
    return NULL;
  }
  if (!is_int(x)) {
    bwpy_fail_type(e, x, en->name);
    return NULL;
  }
  int overflow;
  long long v = PyLong_AsLongLongAndOverflow(x, &overflow);
  if (v == -1 && PyErr_Occurred()) {
    bwpy_fail_pyerr(e);
    return NULL;
  }
  for (Py_ssize_t i = 0; overflow == 0 && i < en->count; i++)
    if (en->values[i] == v)
      return Py_NewRef(slot(e->st, en->slot + 1 + (int)i));
  fail_rule(e, BW_ERR_UNKNOWN_ENUM,
            overflow ? bw_num_none() : bw_num_int(v), bw_num_none(), NULL,
            NULL);
  return NULL;
}

static PyObject *list_from_plain(bwpy_enc *e, const bwpy_vtype *t,
                                 PyObject *x)
{
  PyObject *seq = PySequence_Fast(x, "");
  if (seq == NULL) {
    bwpy_fail_pyerr(e);
    return NULL;
  }
  Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  PyObject *out = PyList_New(n);
  for (Py_ssize_t i = 0; out != NULL && i < n; i++) {
    PyObject *v = from_plain(e, t->elem, false,
                             PySequence_Fast_GET_ITEM(seq, i));
    if (v == NULL) {
      bw_error_prepend_index(&e->err, (size_t)i);
      Py_CLEAR(out);
    } else {
      PyList_SET_ITEM(out, i, v);
    }
  }
  if (out == NULL && e->failure == BWPY_FAIL_NONE)
    bwpy_fail_pyerr(e);
  Py_DECREF(seq);
  return out;
}

/* Adds KEY (converted) to the path of a failure in its value. */
static void prepend_key(bwpy_enc *e, PyObject *key)
{
  if (PyUnicode_Check(key)) {
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(key, &n);
    if (s != NULL)
      bw_error_prepend_key_str(&e->err, s, (size_t)n);
    else
      PyErr_Clear();
    return;
  }
  int overflow;
  long long v = PyLong_AsLongLongAndOverflow(key, &overflow);
  if (overflow > 0)
    bw_error_prepend_key_uint(&e->err, PyLong_AsUnsignedLongLong(key));
  else
    bw_error_prepend_key_int(&e->err, v);
  PyErr_Clear();
}

static PyObject *map_from_plain(bwpy_enc *e, const bwpy_vtype *t,
                                PyObject *x)
{
  PyObject *out = PyDict_New(), *k, *v;
  Py_ssize_t pos = 0;
  if (out == NULL) {
    bwpy_fail_pyerr(e);
    return NULL;
  }
  while (PyDict_Next(x, &pos, &k, &v)) {
    PyObject *pk = from_plain(e, t->key, false, k);
    if (pk == NULL) {
      if (e->failure == BWPY_FAIL_TYPE)
        e->what = " key";
      Py_DECREF(out);
      return NULL;
    }
    PyObject *pv = from_plain(e, t->elem, false, v);
    if (pv == NULL)
      prepend_key(e, pk);
    if (pv == NULL || PyDict_SetItem(out, pk, pv) < 0) {
      if (pv != NULL)
        bwpy_fail_pyerr(e);
      Py_DECREF(pk);
      Py_XDECREF(pv);
      Py_DECREF(out);
      return NULL;
    }
    Py_DECREF(pk);
    Py_DECREF(pv);
  }
  return out;
}

static PyObject *msg_from_dict(bwpy_enc *e, const bwpy_info *info,
                               PyObject *d);

static PyObject *from_plain(bwpy_enc *e, const bwpy_vtype *t, bool nullable,
                            PyObject *x)
{
  if (x == Py_None) {
    if (nullable)
      return Py_NewRef(x);
    bwpy_fail_type(e, x, t->name);
    return NULL;
  }
  switch (t->kind) {
  case BWPY_ENUM:
    return enum_from_plain(e, t->enumeration, x);
  case BWPY_STRUCT:
  case BWPY_UNION:
    if (Py_IS_TYPE(x, (PyTypeObject *)slot(e->st, t->info->slot)))
      return Py_NewRef(x);
    if (PyDict_Check(x))
      return msg_from_dict(e, t->info, x);
    break;
  case BWPY_LIST:
    if (PyList_Check(x) || PyTuple_Check(x))
      return list_from_plain(e, t, x);
    break;
  case BWPY_MAP:
    if (PyDict_Check(x))
      return map_from_plain(e, t, x);
    break;
  case BWPY_BYTES:
    if (PyByteArray_Check(x) || PyMemoryView_Check(x)) {
      PyObject *b = PyBytes_FromObject(x);
      if (b == NULL)
        bwpy_fail_pyerr(e);
      return b;
    }
    /* fall through */
  default:
    if (!type_ok(e->st, t, x))
      break;
    if (t->kind == BWPY_FLOAT && !PyFloat_Check(x)) {
      double d;
      if (bwpy_to_f64(e, x, &d) < 0)
        return NULL;
      PyObject *f = PyFloat_FromDouble(d);
      if (f == NULL)
        bwpy_fail_pyerr(e);
      return f;
    }
    return Py_NewRef(x);
  }
  bwpy_fail_type(e, x, t->name);
  return NULL;
}

/* The field of INFO that KEY names, or -1 with TypeError set. */
static Py_ssize_t dict_field(bwpy_enc *e, const bwpy_info *info,
                             PyObject *key)
{
  Py_ssize_t i = PyUnicode_Check(key) ? find_field(e->st, info, key) : -1;
  if (i < 0) {
    PyErr_Format(PyExc_TypeError, "%s has no field %R", info->name, key);
    bwpy_fail_pyerr(e);
  }
  return i;
}

static PyObject *union_from_dict(bwpy_enc *e, const bwpy_info *info,
                                 PyObject *d)
{
  if (PyDict_GET_SIZE(d) != 1) {
    PyErr_Format(PyExc_TypeError,
                 "a %s is a dict of exactly one member (%zd given)",
                 info->name, PyDict_GET_SIZE(d));
    bwpy_fail_pyerr(e);
    return NULL;
  }
  Py_ssize_t pos = 0;
  PyObject *k, *v;
  PyDict_Next(d, &pos, &k, &v);
  Py_ssize_t i = dict_field(e, info, k);
  if (i < 0)
    return NULL;
  const bwpy_field *f = &info->fields[i];
  PyObject *pv = from_plain(e, f->type, false, v);
  if (pv == NULL) {
    bwpy_fail_field(e, f->schema_name);
    return NULL;
  }
  return bwpy_new_union(e->st, info, i, pv);
}

static PyObject *struct_from_dict(bwpy_enc *e, const bwpy_info *info,
                                  PyObject *d)
{
  PyObject *self = bwpy_alloc(e->st, info->slot), *k, *v;
  Py_ssize_t pos = 0;
  if (self == NULL) {
    bwpy_fail_pyerr(e);
    return NULL;
  }
  while (PyDict_Next(d, &pos, &k, &v)) {
    Py_ssize_t i = dict_field(e, info, k);
    if (i < 0)
      goto fail;
    const bwpy_field *f = &info->fields[i];
    PyObject *pv = from_plain(e, f->type, f->nullable, v);
    if (pv == NULL) {
      bwpy_fail_field(e, f->schema_name);
      goto fail;
    }
    Py_XSETREF(BWPY_F(self)[i], pv);
  }
  if (fill_defaults(e->st, self, info) == 0)
    return bwpy_track(self);
  bwpy_fail_pyerr(e);
fail:
  Py_DECREF(self);
  return NULL;
}

static PyObject *msg_from_dict(bwpy_enc *e, const bwpy_info *info,
                               PyObject *d)
{
  if (Py_EnterRecursiveCall(" in from_dict")) {
    bwpy_fail_pyerr(e);
    return NULL;
  }
  PyObject *out = info->is_union ? union_from_dict(e, info, d)
                                 : struct_from_dict(e, info, d);
  Py_LeaveRecursiveCall();
  return out;
}

PyObject *bwpy_from_dict(PyObject *cls, PyObject *d, const bwpy_info *info)
{
  if (!PyDict_Check(d)) {
    PyErr_Format(PyExc_TypeError, "%s.from_dict() takes a dict, not %s",
                 info->name, Py_TYPE(d)->tp_name);
    return NULL;
  }
  bwpy_enc e;
  bwpy_enc_init(&e, bwpy_type_state((PyTypeObject *)cls), 0);
  PyObject *out = msg_from_dict(&e, info, d);
  if (out == NULL)
    enc_raise(&e, info);
  bwpy_enc_free(&e);
  return out;
}

/* ---- Decode, encode, validate ------------------------------------------ */

/* Arenas up to this size live on the stack: most messages are small. */
#define STACK_ARENA 8192

static PyObject *decode(bwpy_state *st, const bwpy_info *info,
                        PyObject *buf, unsigned flags)
{
  Py_buffer view;
  if (PyObject_GetBuffer(buf, &view, PyBUF_SIMPLE) < 0)
    return NULL;
  size_t len = (size_t)view.len;
  bw_error err;
  bw_error_clear(&err);
  PyObject *out = NULL;
  /* Before any allocation: the arena is sized from the length. */
  if (!bw_limits_check_size(&info->limits, len, &err)) {
    raise_error(st->decode_error, &err, NULL);
    goto done;
  }
  size_t value_size = ALIGN_UP(info->ctype->size);
  size_t bound = info->ctype->arena_bound(len);
  if (bound > SIZE_MAX / 2 - value_size) {
    PyErr_NoMemory();
    goto done;
  }
  _Alignas(max_align_t) unsigned char stack[STACK_ARENA];
  unsigned char *mem = stack;
  if (value_size + bound > sizeof stack &&
      (mem = PyMem_Malloc(value_size + bound)) == NULL) {
    PyErr_NoMemory();
    goto done;
  }
  bw_arena arena;
  bw_arena_init(&arena, mem + value_size, bound);
  bw_decode_options options = { flags | BW_DECODE_VIEW, 0, 0 };
  if (info->ctype->decode(mem, view.buf, len, &arena, &options, &err)) {
    size_t base = st->nuntracked;
    out = info->to_py(st, mem);
    end_decoded(st, base, out != NULL);
  } else
    raise_error(st->decode_error, &err, NULL);
  if (mem != stack)
    PyMem_Free(mem);
done:
  PyBuffer_Release(&view);
  return out;
}

PyObject *bwpy_decode_method(PyObject *cls, PyObject *const *args,
                             Py_ssize_t nargs, PyObject *kwnames,
                             const bwpy_info *info)
{
  Py_ssize_t nkw = kwnames != NULL ? PyTuple_GET_SIZE(kwnames) : 0;
  unsigned flags = 0;
  if (nargs != 1) {
    PyErr_Format(PyExc_TypeError,
                 "%s.decode() takes 1 positional argument (%zd given)",
                 info->name, nargs);
    return NULL;
  }
  for (Py_ssize_t i = 0; i < nkw; i++) {
    PyObject *name = PyTuple_GET_ITEM(kwnames, i);
    if (PyUnicode_CompareWithASCIIString(name, "strict") != 0) {
      PyErr_Format(PyExc_TypeError,
                   "%s.decode() got an unexpected keyword argument %R",
                   info->name, name);
      return NULL;
    }
    int strict = PyObject_IsTrue(args[nargs + i]);
    if (strict < 0)
      return NULL;
    flags = strict ? BW_DECODE_STRICT : 0;
  }
  return decode(bwpy_type_state((PyTypeObject *)cls), info, args[0], flags);
}

PyObject *bwpy_decode_function(PyObject *module, PyObject *buf,
                               const bwpy_info *info)
{
  return decode(PyModule_GetState(module), info, buf, 0);
}

/* Converts SELF into a C value in E's memory; NULL after raising. */
static void *to_c(bwpy_enc *e, PyObject *self, const bwpy_info *info)
{
  void *value = bwpy_enc_alloc(e, 1, info->ctype->size);
  if (value == NULL || info->to_c(e, self, value, 1) < 0) {
    enc_raise(e, info);
    return NULL;
  }
  return value;
}

PyObject *bwpy_encode(PyObject *self, const bwpy_info *info)
{
  bwpy_enc e;
  bwpy_enc_init(&e, bwpy_type_state(Py_TYPE(self)), info->limits.max_depth);
  PyObject *out = NULL;
  void *value = to_c(&e, self, info);
  size_t size;
  if (value == NULL)
    goto done;
  /* Nothing below runs Python code, so the objects the C value points
   * into stay as they are until the bytes are written. */
  if (!info->ctype->encoded_size(value, &size, &e.err)) {
    raise_error(e.st->validation_error, &e.err, NULL);
    goto done;
  }
  out = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)size);
  if (out != NULL) {
    uint8_t *start = (uint8_t *)PyBytes_AS_STRING(out);
    if (info->put(value, start + size) != start) {
      Py_CLEAR(out);
      PyErr_SetString(PyExc_SystemError, "boundwire: encoded size changed");
    }
  }
done:
  bwpy_enc_free(&e);
  return out;
}

PyObject *bwpy_validate(PyObject *self, const bwpy_info *info)
{
  bwpy_enc e;
  bwpy_enc_init(&e, bwpy_type_state(Py_TYPE(self)), info->limits.max_depth);
  PyObject *out = NULL;
  void *value = to_c(&e, self, info);
  if (value != NULL) {
    if (info->ctype->validate(value, &e.err))
      out = Py_NewRef(Py_None);
    else
      raise_error(e.st->validation_error, &e.err, NULL);
  }
  bwpy_enc_free(&e);
  return out;
}

PyObject *bwpy_reduce(PyObject *self, const bwpy_info *info)
{
  PyObject *bytes = bwpy_encode(self, info);
  if (bytes == NULL)
    return NULL;
  bwpy_state *st = bwpy_type_state(Py_TYPE(self));
  return Py_BuildValue("(O(N))", slot(st, info->decode_slot), bytes);
}

/* ---- The module -------------------------------------------------------- */

static int set_type_attr(PyObject *type, const char *name, PyObject *value)
{
  if (value == NULL)
    return -1;
  int rc = PyDict_SetItemString(((PyTypeObject *)type)->tp_dict, name,
                                value);
  Py_DECREF(value);
  PyType_Modified((PyTypeObject *)type);
  return rc;
}

/* __match_args__ and _bw_fields: (name, schema name, number, optional)
 * for each field, for tools that look at a type's schema. */
static int type_attrs(PyObject *type, const bwpy_info *info)
{
  PyObject *names = PyTuple_New(info->nfields);
  PyObject *fields = PyTuple_New(info->nfields);
  for (Py_ssize_t i = 0; names && fields && i < info->nfields; i++) {
    const bwpy_field *f = &info->fields[i];
    PyObject *name = PyUnicode_FromString(f->name);
    PyObject *desc = Py_BuildValue("(ssIO)", f->name, f->schema_name,
                                   (unsigned)f->number,
                                   f->optional ? Py_True : Py_False);
    if (name == NULL || desc == NULL) {
      Py_XDECREF(name);
      Py_XDECREF(desc);
      Py_CLEAR(names);
      break;
    }
    PyTuple_SET_ITEM(names, i, name);
    PyTuple_SET_ITEM(fields, i, desc);
  }
  if (names != NULL && info->is_union) {
    Py_DECREF(names);
    names = Py_BuildValue("(ss)", "which", "value");
  }
  if (names == NULL || fields == NULL) {
    Py_XDECREF(names);
    Py_XDECREF(fields);
    return -1;
  }
  if (set_type_attr(type, "__match_args__", names) < 0) {
    Py_DECREF(fields);
    return -1;
  }
  return set_type_attr(type, "_bw_fields", fields);
}

static int make_enum(PyObject *module, bwpy_state *st, const bwpy_enum *en)
{
  PyObject *enum_mod = PyImport_ImportModule("enum");
  PyObject *int_enum = NULL, *members = NULL, *kwargs = NULL, *cls = NULL;
  int rc = -1;
  if (enum_mod == NULL)
    return -1;
  int_enum = PyObject_GetAttrString(enum_mod, "IntEnum");
  members = PyList_New(en->count);
  for (Py_ssize_t i = 0; members != NULL && i < en->count; i++) {
    PyObject *pair = Py_BuildValue("(sL)", en->names[i],
                                   (long long)en->values[i]);
    if (pair == NULL)
      goto done;
    PyList_SET_ITEM(members, i, pair);
  }
  kwargs = Py_BuildValue("{s:s, s:s}", "module", PyModule_GetName(module),
                         "qualname", en->name);
  if (int_enum == NULL || members == NULL || kwargs == NULL)
    goto done;
  PyObject *args = Py_BuildValue("(sO)", en->name, members);
  cls = args != NULL ? PyObject_Call(int_enum, args, kwargs) : NULL;
  Py_XDECREF(args);
  if (cls == NULL)
    goto done;
  if (en->doc != NULL &&
      PyObject_SetAttrString(cls, "__doc__",
                             PyUnicode_FromString(en->doc)) < 0)
    goto done;
  st->slots[en->slot] = Py_NewRef(cls);
  for (Py_ssize_t i = 0; i < en->count; i++) {
    PyObject *m = PyObject_GetAttrString(cls, en->names[i]);
    if (m == NULL)
      goto done;
    st->slots[en->slot + 1 + i] = m;
  }
  rc = PyModule_AddObjectRef(module, en->name, cls);
done:
  Py_XDECREF(cls);
  Py_XDECREF(kwargs);
  Py_XDECREF(members);
  Py_XDECREF(int_enum);
  Py_DECREF(enum_mod);
  return rc;
}

static int make_types(PyObject *module, bwpy_state *st,
                      const bwpy_module *mod)
{
  for (size_t i = 0; mod->types[i] != NULL; i++) {
    const bwpy_info *info = mod->types[i];
    PyObject *type = PyType_FromModuleAndSpec(module, mod->specs[i], NULL);
    if (type == NULL)
      return -1;
    st->slots[info->slot] = type;
    if (type_attrs(type, info) < 0 ||
        PyModule_AddObjectRef(module, info->name, type) < 0)
      return -1;
    PyObject *fn = PyUnicode_FromFormat("_decode_%s", info->name);
    if (fn == NULL)
      return -1;
    st->slots[info->decode_slot] = PyObject_GetAttr(module, fn);
    Py_DECREF(fn);
    if (st->slots[info->decode_slot] == NULL)
      return -1;
  }
  return 0;
}

/* Types of other packages: their modules are imported after this one's
 * own types exist, so that two packages that use each other's types can
 * both load. */
static int import_types(bwpy_state *st, const bwpy_module *mod)
{
  for (const bwpy_import *im = mod->imports; im->module != NULL; im++) {
    PyObject *m = PyImport_ImportModule(im->module);
    if (m == NULL)
      return -1;
    PyObject *obj = PyObject_GetAttrString(m, im->name);
    Py_DECREF(m);
    if (obj == NULL)
      return -1;
    st->slots[im->slot] = obj;
    const bwpy_enum *en = im->enumeration;
    for (Py_ssize_t i = 0; en != NULL && i < en->count; i++) {
      PyObject *member = PyObject_GetAttrString(obj, en->names[i]);
      if (member == NULL)
        return -1;
      st->slots[en->slot + 1 + i] = member;
    }
  }
  return 0;
}

static int load_exceptions(bwpy_state *st)
{
  PyObject *bw = PyImport_ImportModule("boundwire");
  if (bw == NULL)
    return -1;
  st->decode_error = PyObject_GetAttrString(bw, "DecodeError");
  st->validation_error = PyObject_GetAttrString(bw, "ValidationError");
  Py_DECREF(bw);
  return st->decode_error && st->validation_error ? 0 : -1;
}

int bwpy_exec(PyObject *module, const bwpy_module *mod)
{
  bwpy_state *st = PyModule_GetState(module);
  st->mod = mod;
  if (load_exceptions(st) < 0)
    return -1;
  for (Py_ssize_t i = 0; i < mod->nnames; i++) {
    PyObject *name = PyUnicode_InternFromString(mod->names[i]);
    if (name == NULL)
      return -1;
    st->slots[mod->names_slot + i] = name;
  }
  for (size_t i = 0; mod->enums[i] != NULL; i++)
    if (make_enum(module, st, mod->enums[i]) < 0)
      return -1;
  if (make_types(module, st, mod) < 0)
    return -1;
  return import_types(st, mod);
}

int bwpy_module_traverse(PyObject *module, visitproc visit, void *arg)
{
  bwpy_state *st = PyModule_GetState(module);
  if (st == NULL || st->mod == NULL)
    return 0;
  Py_VISIT(st->decode_error);
  Py_VISIT(st->validation_error);
  for (Py_ssize_t i = 0; i < st->mod->nslots; i++)
    Py_VISIT(st->slots[i]);
  return 0;
}

int bwpy_module_clear(PyObject *module)
{
  bwpy_state *st = PyModule_GetState(module);
  if (st == NULL || st->mod == NULL)
    return 0;
  Py_CLEAR(st->decode_error);
  Py_CLEAR(st->validation_error);
  for (Py_ssize_t i = 0; i < st->mod->nslots; i++)
    Py_CLEAR(st->slots[i]);
  return 0;
}

void bwpy_module_free(void *module)
{
  bwpy_state *st = PyModule_GetState(module);
  bwpy_module_clear(module);
  if (st != NULL) {
    PyMem_Free(st->untracked);
    st->untracked = NULL;
  }
}
