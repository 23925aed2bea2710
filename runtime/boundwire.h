/* boundwire.h: libboundwire, the runtime that generated decoders call.
 *
 * The runtime reads and writes the Protocol Buffers binary wire format
 * with boundwire's strictness on top: minimal varints only, no groups,
 * no length that runs past the end, strict UTF-8.  It keeps no global
 * state, does no I/O and never prints.  Every failure is returned to the
 * caller in a bw_error, and the only memory the decode path takes comes
 * from a bw_arena over a buffer the caller owns.
 *
 * Conventions used throughout:
 * - Functions that can fail return true on success and false on failure,
 *   after recording the reason in the bw_error they were passed, which
 *   must not be NULL.  A failed read or write leaves its reader or writer
 *   where it was.
 * - Byte offsets in errors count from the start of the buffer given to
 *   bw_reader_init (or bw_writer_init), nested readers included, and
 *   point at the first byte of the item at fault.
 */
#ifndef BOUNDWIRE_H
#define BOUNDWIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define BW_MUST_CHECK __attribute__((warn_unused_result))
#else
#define BW_MUST_CHECK
#endif

/* ------------------------------------------------------------------ */
/* Version                                                              */

#define BW_VERSION_MAJOR 0
#define BW_VERSION_MINOR 1
#define BW_VERSION_PATCH 0
#define BW_VERSION_STRING "0.1.0"

/* One number for `#if` guards in generated code: 0.1.0 is 100. */
#define BW_VERSION_NUMBER \
  (BW_VERSION_MAJOR * 10000 + BW_VERSION_MINOR * 100 + BW_VERSION_PATCH)

/* Returns the version of the library actually linked, "0.1.0", which can
 * differ from BW_VERSION_STRING when a program was built against another
 * header. */
const char *bw_version(void);

/* ------------------------------------------------------------------ */
/* Wire constants                                                       */

/* A 64-bit value takes at most ten 7-bit groups. */
#define BW_MAX_VARINT_BYTES 10

/* Field numbers are 29 bits so that a tag (number << 3 | wire type)
 * fits in 32 bits; 0 is never a valid field number. */
#define BW_MAX_FIELD_NUMBER ((uint32_t)((1u << 29) - 1))

typedef enum bw_wire_type {
  BW_WIRE_VARINT = 0,
  BW_WIRE_FIXED64 = 1,
  BW_WIRE_LEN = 2,     /* length-delimited: strings, bytes, messages */
  BW_WIRE_SGROUP = 3,  /* groups are obsolete; boundwire rejects them */
  BW_WIRE_EGROUP = 4,
  BW_WIRE_FIXED32 = 5
} bw_wire_type;

/* ------------------------------------------------------------------ */
/* Default limits                                                       */

/* Largest message a decoder accepts when the schema states no
 * max_message_bytes.  4 MiB holds any message a Ray task should pass by
 * value (larger data belongs in the object store) while keeping the
 * memory one hostile message can claim small.  Same as bwc's default. */
#define BW_DEFAULT_MAX_MESSAGE_BYTES ((size_t)4 * 1024 * 1024)

/* Deepest nesting of messages when the schema states no max_depth.  Deep
 * enough for real schemas, shallow enough that a recursive decoder
 * cannot exhaust the stack on crafted input.  Same as bwc's default.
 * The top-level message is at depth 1. */
#define BW_DEFAULT_MAX_DEPTH 32u

/* The limits a decode runs under.  Start from bw_limits_default() or
 * from the schema's limits, then let the caller narrow them with
 * bw_limits_tighten(). */
typedef struct bw_limits {
  size_t max_message_bytes;
  uint32_t max_depth;
} bw_limits;

/* Returns BW_DEFAULT_MAX_MESSAGE_BYTES and BW_DEFAULT_MAX_DEPTH. */
bw_limits bw_limits_default(void);

/* Returns BASE with each limit lowered to the one in REQUEST where that
 * is smaller.  A zero in REQUEST keeps the limit of BASE, and a larger
 * value never raises it: a caller can only tighten the schema's limits. */
bw_limits bw_limits_tighten(bw_limits base, bw_limits request);

/* ------------------------------------------------------------------ */
/* Errors                                                               */

/* Error codes come in groups of 100, so that the kind of a failure is a
 * range check (see bw_code_group).  New codes are added at the end of
 * their group; existing values never change. */
typedef enum bw_code {
  BW_OK = 0,

  /* Malformed wire: the bytes are not a valid canonical encoding. */
  BW_ERR_TRUNCATED = 100,       /* input ends inside a value */
  BW_ERR_VARINT_TOO_LONG,       /* more than 10 bytes */
  BW_ERR_VARINT_OVERFLOW,       /* 10th byte above 1: over 64 bits */
  BW_ERR_VARINT_NOT_MINIMAL,    /* e.g. 0x80 0x00 for 0 */
  BW_ERR_BAD_FIELD_NUMBER,      /* 0, or above BW_MAX_FIELD_NUMBER */
  BW_ERR_GROUP_WIRE_TYPE,       /* wire type 3 or 4 */
  BW_ERR_BAD_WIRE_TYPE,         /* wire type 6 or 7 */
  BW_ERR_WRONG_WIRE_TYPE,       /* valid, but not the field's */
  BW_ERR_LENGTH_PAST_END,       /* declared length > bytes remaining */
  BW_ERR_DUPLICATE_FIELD,       /* singular field seen twice */
  BW_ERR_INVALID_UTF8,
  BW_ERR_UNKNOWN_FIELD,         /* only in strict mode */
  BW_ERR_INVALID_BOOL,          /* bool varint other than 0 or 1 */
  BW_ERR_BAD_PACKED_LENGTH,     /* not a multiple of the element size */
  BW_ERR_DUPLICATE_KEY,         /* a map holds one key twice */
  BW_ERR_UNSORTED_KEYS,         /* a map in memory is not in key order */

  /* Constraints: well-formed bytes that break a rule of the schema.
   * A value outside its type's own range (300 for a u8) is reported as
   * BW_ERR_BELOW_MINIMUM or BW_ERR_ABOVE_MAXIMUM with the type's bound. */
  BW_ERR_BELOW_MINIMUM = 200,
  BW_ERR_ABOVE_MAXIMUM,
  BW_ERR_TOO_SHORT,             /* string (code points) or bytes */
  BW_ERR_TOO_LONG,
  BW_ERR_TOO_FEW,               /* list items or map entries */
  BW_ERR_TOO_MANY,
  BW_ERR_UNKNOWN_ENUM,          /* enums are closed */
  BW_ERR_NOT_FINITE,            /* NaN or infinity where not allowed */
  BW_ERR_UNION_SEVERAL,         /* union with more than one member */
  BW_ERR_UNION_EMPTY,           /* union with no member */
  BW_ERR_TOO_DEEP,
  BW_ERR_MESSAGE_TOO_LARGE,

  /* Resources: a budget the caller supplied ran out. */
  BW_ERR_ARENA_EXHAUSTED = 300,
  BW_ERR_OUTPUT_FULL            /* writer capacity reached */
} bw_code;

typedef enum bw_group {
  BW_GROUP_NONE = 0,            /* BW_OK, or a code this library lacks */
  BW_GROUP_MALFORMED = 1,
  BW_GROUP_CONSTRAINT = 2,
  BW_GROUP_RESOURCE = 3
} bw_group;

/* Returns the group CODE belongs to. */
bw_group bw_code_group(bw_code code);

/* Returns a stable lower-case name for CODE without the prefix, such as
 * "above_maximum" for BW_ERR_ABOVE_MAXIMUM, or "unknown" for a value
 * that is not a bw_code.  Never NULL. */
const char *bw_code_name(bw_code code);

/* A number carried by an error: the value found or the limit broken. */
typedef enum bw_num_kind {
  BW_NUM_NONE = 0,
  BW_NUM_INT,
  BW_NUM_UINT,
  BW_NUM_FLOAT
} bw_num_kind;

typedef struct bw_num {
  bw_num_kind kind;
  union {
    int64_t i;
    uint64_t u;
    double f;
  };
} bw_num;

static inline bw_num bw_num_none(void)
{
  bw_num n;

  memset(&n, 0, sizeof n);
  return n;
}

static inline bw_num bw_num_int(int64_t value)
{
  bw_num n = bw_num_none();

  n.kind = BW_NUM_INT;
  n.i = value;
  return n;
}

static inline bw_num bw_num_uint(uint64_t value)
{
  bw_num n = bw_num_none();

  n.kind = BW_NUM_UINT;
  n.u = value;
  return n;
}

static inline bw_num bw_num_float(double value)
{
  bw_num n = bw_num_none();

  n.kind = BW_NUM_FLOAT;
  n.f = value;
  return n;
}

/* Room for the field path, terminating NUL included.  A deeper path
 * keeps its innermost segments and is shown with a leading "...". */
#define BW_ERROR_PATH_SIZE 256

/* Room for the rule text, terminating NUL included. */
#define BW_ERROR_RULE_SIZE 64

/* The first error of a decode, encode or validation.
 *
 * An all-zero bw_error (or one after bw_error_clear) holds no error.  The
 * first bw_error_set or bw_error_set_detail records an error; later ones
 * are ignored, so the error reported is the one that stopped the work.
 * The path is built as the error travels back up the decoder: the frame
 * that fails sets the error, and each frame it returns through prepends
 * its own segment (field name, [index] or [key]).  Read the path with
 * bw_error_path(); the fields below it are private to the library. */
typedef struct bw_error {
  bw_code code;
  size_t offset;                  /* byte offset of the item at fault */
  bw_num value;                   /* the value found, if any */
  bw_num limit;                   /* the limit broken, if any */
  char rule[BW_ERROR_RULE_SIZE];  /* schema text of the rule, or "" */

  bool path_elided;               /* outer segments were dropped */
  uint16_t path_len;
  char path[BW_ERROR_PATH_SIZE];  /* right-aligned: see bw_error_path */
} bw_error;

/* Resets ERR to "no error". */
void bw_error_clear(bw_error *err);

/* Records CODE at byte OFFSET unless ERR already holds an error, in which
 * case nothing changes.  A CODE of BW_OK records nothing.  Always returns
 * false, so that a failing function can end with
 * `return bw_error_set(err, code, offset);`. */
bool bw_error_set(bw_error *err, bw_code code, size_t offset);

/* Like bw_error_set, and also records the value found, the limit broken
 * (either may be bw_num_none()) and RULE, the schema's text for the rule
 * such as "u32(1..1000)" (may be NULL; cut to BW_ERROR_RULE_SIZE - 1
 * bytes at a character boundary).  Always returns false. */
bool bw_error_set_detail(bw_error *err, bw_code code, size_t offset,
                         bw_num value, bw_num limit, const char *rule);

/* The prepend functions add one segment in front of the path of the
 * error ERR holds, inserting the "." between a field name and what
 * follows.  They do nothing when ERR holds no error, and they drop the
 * segment (marking the path elided) when it would not fit. */

/* Prepends the field name NAME (NUL-terminated), as in "items". */
void bw_error_prepend_field(bw_error *err, const char *name);

/* Prepends a list index, as in "[3]". */
void bw_error_prepend_index(bw_error *err, size_t index);

/* Prepend a map key: "[-7]", "[7]", or "[\"red\"]" for a string key.  A
 * string key is quoted; a quote, a backslash, control bytes and bytes
 * that are not valid UTF-8 are escaped, and a key longer than 32 bytes is
 * cut at a character boundary and ends with "...". */
void bw_error_prepend_key_int(bw_error *err, int64_t key);
void bw_error_prepend_key_uint(bw_error *err, uint64_t key);
void bw_error_prepend_key_str(bw_error *err, const void *key, size_t len);

/* Returns the path of the error, such as "items[3].qty", without the
 * elision mark; "" when the error is at the top level or there is none.
 * Valid until ERR next changes. */
const char *bw_error_path(const bw_error *err);

/* Writes a one-line description of ERR to BUF, as snprintf would: at
 * most SIZE - 1 characters and a NUL when SIZE > 0 (BUF may be NULL when
 * SIZE is 0).  Returns the length the full text has, so a result >= SIZE
 * means it was cut.  The text is "path: message" (just the message at
 * the top level), e.g. "items[3].qty: 1001 is above the maximum 1000";
 * malformed-wire messages end with " at byte N". */
size_t bw_error_format(const bw_error *err, char *buf, size_t size);

/* Checks SIZE, the length of a whole message, against
 * LIMITS->max_message_bytes; on failure records
 * BW_ERR_MESSAGE_TOO_LARGE at offset 0. */
BW_MUST_CHECK bool bw_limits_check_size(const bw_limits *limits,
                                        size_t size, bw_error *err);

/* Checks DEPTH, the nesting level of a message about to be decoded (1 for
 * the top level), against LIMITS->max_depth; on failure records
 * BW_ERR_TOO_DEEP at OFFSET. */
BW_MUST_CHECK bool bw_limits_check_depth(const bw_limits *limits,
                                         uint32_t depth, size_t offset,
                                         bw_error *err);

/* ------------------------------------------------------------------ */
/* Varints, zigzag, fixed-width values                                  */

/* Decodes the varint at BUF, which holds LEN bytes.  Only the canonical
 * (minimal) encoding of a 64-bit value is accepted.  Returns the number
 * of bytes used (1 to 10) and stores the value in *VALUE; returns 0 on
 * failure, leaves *VALUE alone and stores in *CODE one of
 * BW_ERR_TRUNCATED (LEN ends before the last byte), BW_ERR_VARINT_TOO_LONG
 * (the 10th byte says more follow), BW_ERR_VARINT_OVERFLOW (the 10th byte
 * is above 1) or BW_ERR_VARINT_NOT_MINIMAL (a last byte of 0 after
 * others, as in 0x80 0x00). */
size_t bw_varint_decode(const uint8_t *buf, size_t len, uint64_t *value,
                        bw_code *code);

/* Writes the minimal encoding of VALUE to BUF, which must have room for
 * bw_varint_size(VALUE) bytes (BW_MAX_VARINT_BYTES always suffice).
 * Returns the number of bytes written. */
size_t bw_varint_encode(uint64_t value, uint8_t *buf);

/* Returns how many bytes the minimal encoding of VALUE takes, 1 to 10. */
static inline size_t bw_varint_size(uint64_t value)
{
  size_t n = 1;

  while (value >= 0x80) {
    value >>= 7;
    n++;
  }
  return n;
}

/* Zigzag maps signed to unsigned so that small magnitudes of either sign
 * get short varints: 0, -1, 1, -2 become 0, 1, 2, 3.  The mapping is
 * written without shifting negative numbers, whose result C leaves to
 * the implementation. */
static inline uint64_t bw_zigzag_encode64(int64_t value)
{
  uint64_t doubled = (uint64_t)value << 1;

  return value < 0 ? ~doubled : doubled;
}

static inline int64_t bw_zigzag_decode64(uint64_t value)
{
  int64_t half = (int64_t)(value >> 1);

  return (value & 1) ? -half - 1 : half;
}

static inline uint32_t bw_zigzag_encode32(int32_t value)
{
  uint32_t doubled = (uint32_t)value << 1;

  return value < 0 ? ~doubled : doubled;
}

static inline int32_t bw_zigzag_decode32(uint32_t value)
{
  int32_t half = (int32_t)(value >> 1);

  return (value & 1) ? -half - 1 : half;
}

/* Little-endian loads and stores of 4 and 8 bytes at P, independent of
 * the host's byte order and alignment.  Callers check the bounds. */
static inline uint32_t bw_fixed32_read(const uint8_t *p)
{
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

static inline uint64_t bw_fixed64_read(const uint8_t *p)
{
  return (uint64_t)bw_fixed32_read(p) |
         (uint64_t)bw_fixed32_read(p + 4) << 32;
}

static inline void bw_fixed32_write(uint8_t *p, uint32_t value)
{
  p[0] = (uint8_t)value;
  p[1] = (uint8_t)(value >> 8);
  p[2] = (uint8_t)(value >> 16);
  p[3] = (uint8_t)(value >> 24);
}

static inline void bw_fixed64_write(uint8_t *p, uint64_t value)
{
  bw_fixed32_write(p, (uint32_t)value);
  bw_fixed32_write(p + 4, (uint32_t)(value >> 32));
}

/* Bit casts between IEEE 754 floats and their encodings.  memcpy is the
 * one cast C defines; compilers turn it into a register move. */
static inline uint32_t bw_float_to_bits(float value)
{
  uint32_t bits;

  memcpy(&bits, &value, sizeof bits);
  return bits;
}

static inline float bw_float_from_bits(uint32_t bits)
{
  float value;

  memcpy(&value, &bits, sizeof value);
  return value;
}

static inline uint64_t bw_double_to_bits(double value)
{
  uint64_t bits;

  memcpy(&bits, &value, sizeof bits);
  return bits;
}

static inline double bw_double_from_bits(uint64_t bits)
{
  double value;

  memcpy(&value, &bits, sizeof value);
  return value;
}

/* The canonical encodings of floats, which encoders write: the bits of
 * the value, except that every NaN is written as the one quiet NaN of
 * positive sign and no payload.  A NaN's sign and payload carry no
 * value, and they do not survive every language: a signalling NaN
 * becomes a quiet one when widened to a Python float.  One NaN on the
 * wire keeps "same value, same bytes" true across languages. */
#define BW_F32_CANONICAL_NAN UINT32_C(0x7FC00000)
#define BW_F64_CANONICAL_NAN UINT64_C(0x7FF8000000000000)

static inline uint32_t bw_float_wire_bits(float value)
{
  return value != value ? BW_F32_CANONICAL_NAN : bw_float_to_bits(value);
}

static inline uint64_t bw_double_wire_bits(double value)
{
  return value != value ? BW_F64_CANONICAL_NAN : bw_double_to_bits(value);
}

/* ------------------------------------------------------------------ */
/* UTF-8                                                                */

/* Checks that the LEN bytes at DATA are well-formed UTF-8 as Unicode
 * defines it: no overlong forms, no surrogates (U+D800..U+DFFF), nothing
 * above U+10FFFF, no truncated sequence, no stray continuation byte.
 * Returns true and stores the number of code points in *CODE_POINTS;
 * returns false and stores in *BAD_OFFSET the offset of the first byte
 * of the first ill-formed sequence.  Either pointer may be NULL. */
bool bw_utf8_validate(const void *data, size_t len, size_t *code_points,
                      size_t *bad_offset);

/* ------------------------------------------------------------------ */
/* Reader                                                               */

/* A span of input bytes, pointing into the reader's buffer. */
typedef struct bw_span {
  const uint8_t *data;
  size_t len;
} bw_span;

/* A field key as read from the wire. */
typedef struct bw_tag {
  uint32_t field;           /* 1..BW_MAX_FIELD_NUMBER */
  bw_wire_type wire_type;   /* never a group type, never 6 or 7 */
  size_t offset;            /* where the tag starts */
} bw_tag;

/* A bounds-checked cursor: reads happen at DATA[POS], never at or past
 * DATA[END].  Nested readers share DATA, so offsets stay absolute. */
typedef struct bw_reader {
  const uint8_t *data;
  size_t pos;
  size_t end;
} bw_reader;

/* Starts a reader over the LEN bytes at DATA (NULL is allowed when LEN
 * is 0).  The reader does not copy them: they must outlive it. */
void bw_reader_init(bw_reader *r, const void *data, size_t len);

/* Returns the offset of the next byte to read. */
static inline size_t bw_reader_offset(const bw_reader *r)
{
  return r->pos;
}

/* Returns how many bytes are left to read. */
static inline size_t bw_reader_remaining(const bw_reader *r)
{
  return r->end - r->pos;
}

static inline bool bw_reader_at_end(const bw_reader *r)
{
  return r->pos == r->end;
}

/* The reads of tags and varints below are inline: the common case (a
 * tag of one byte, a varint of one or two) takes a few instructions in
 * the caller, and everything else goes to the out-of-line function of
 * the same name with _slow appended, which handles any input.  Call the
 * inline ones; the _slow ones are exported only for them. */
BW_MUST_CHECK bool bw_reader_read_tag_slow(bw_reader *r, bw_tag *tag,
                                           bw_error *err);
BW_MUST_CHECK bool bw_reader_read_varint_slow(bw_reader *r,
                                              uint64_t *value,
                                              bw_error *err);
bool bw_tag_expect_slow(bw_tag tag, bw_wire_type expected, bw_error *err);

/* Reads a tag.  Fails with BW_ERR_BAD_FIELD_NUMBER (field number 0 or
 * above BW_MAX_FIELD_NUMBER; the error's value is the number),
 * BW_ERR_GROUP_WIRE_TYPE (3 or 4), BW_ERR_BAD_WIRE_TYPE (6 or 7), or any
 * varint error. */
BW_MUST_CHECK static inline bool bw_reader_read_tag(bw_reader *r,
                                                    bw_tag *tag,
                                                    bw_error *err)
{
  /* A key below 0x80 is a whole one-byte varint; from 8 up its field
   * number is 1 to 15, and bit N of 0x27 is set for the wire types N
   * that are allowed: 0, 1, 2 and 5. */
  if (r->pos < r->end) {
    uint8_t key = r->data[r->pos];

    if (key < 0x80 && key >= 8 && ((0x27u >> (key & 7)) & 1)) {
      tag->field = (uint32_t)key >> 3;
      tag->wire_type = (bw_wire_type)(key & 7);
      tag->offset = r->pos;
      r->pos++;
      return true;
    }
  }
  return bw_reader_read_tag_slow(r, tag, err);
}

/* Fails with BW_ERR_WRONG_WIRE_TYPE, at the tag, unless TAG has the wire
 * type EXPECTED. */
BW_MUST_CHECK static inline bool bw_tag_expect(bw_tag tag,
                                               bw_wire_type expected,
                                               bw_error *err)
{
  return tag.wire_type == expected || bw_tag_expect_slow(tag, expected, err);
}

/* Reads a varint; fails as bw_varint_decode does. */
BW_MUST_CHECK static inline bool bw_reader_read_varint(bw_reader *r,
                                                       uint64_t *value,
                                                       bw_error *err)
{
  if (r->pos < r->end && r->data[r->pos] < 0x80) {
    *value = r->data[r->pos++];
    return true;
  }
  /* Two bytes; a second byte of 0 would not be minimal. */
  if (r->end - r->pos >= 2 && r->data[r->pos] >= 0x80 &&
      r->data[r->pos + 1] < 0x80 && r->data[r->pos + 1] != 0) {
    *value = (uint64_t)(r->data[r->pos] & 0x7f) |
             (uint64_t)r->data[r->pos + 1] << 7;
    r->pos += 2;
    return true;
  }
  return bw_reader_read_varint_slow(r, value, err);
}

/* Read 4 or 8 little-endian bytes; fail with BW_ERR_TRUNCATED when
 * fewer remain. */
BW_MUST_CHECK bool bw_reader_read_fixed32(bw_reader *r, uint32_t *value,
                                          bw_error *err);
BW_MUST_CHECK bool bw_reader_read_fixed64(bw_reader *r, uint64_t *value,
                                          bw_error *err);

/* Reads a length-delimited payload: a varint length, then that many
 * bytes, returned in *SPAN without copying.  The length is compared with
 * the bytes remaining before anything else is done with it, so a
 * declared length of 2^63 fails with BW_ERR_LENGTH_PAST_END (value: the
 * length, limit: the bytes remaining) and costs nothing. */
BW_MUST_CHECK bool bw_reader_read_len(bw_reader *r, bw_span *span,
                                      bw_error *err);

/* Like bw_reader_read_len, and checks that the payload is UTF-8 as
 * bw_utf8_validate does, storing its code point count in *CODE_POINTS.
 * An invalid payload fails with BW_ERR_INVALID_UTF8 at the offset of the
 * bad byte. */
BW_MUST_CHECK bool bw_reader_read_utf8(bw_reader *r, bw_span *span,
                                       size_t *code_points, bw_error *err);

/* Reads a length-delimited payload and starts SUB over it, for an
 * embedded message.  R moves past the payload. */
BW_MUST_CHECK bool bw_reader_read_sub(bw_reader *r, bw_reader *sub,
                                      bw_error *err);

/* Skips the value of a field whose tag TAG was just read, for unknown
 * fields.  Every valid wire type is skipped with the same checks as a
 * read; a group wire type fails with BW_ERR_GROUP_WIRE_TYPE and an
 * invalid one with BW_ERR_BAD_WIRE_TYPE, both at the tag. */
BW_MUST_CHECK bool bw_reader_skip(bw_reader *r, bw_tag tag, bw_error *err);

/* ------------------------------------------------------------------ */
/* Arena                                                                */

/* A bump allocator over memory the caller supplies.  The caller's buffer
 * is the decode's whole memory budget: nothing is freed one by one, and
 * nothing is ever taken from the heap. */
typedef struct bw_arena {
  unsigned char *base;
  size_t size;
  size_t used;
} bw_arena;

/* Starts an empty arena over the SIZE bytes at BUF.  The arena does not
 * own BUF.  With BUF NULL the arena refuses every request. */
void bw_arena_init(bw_arena *arena, void *buf, size_t size);

/* Returns SIZE bytes aligned to ALIGN, a power of two, or NULL when the
 * rest of the buffer cannot hold them (or ALIGN is not a power of two).
 * The bytes are not zeroed.  A failed request changes nothing. */
void *bw_arena_alloc(bw_arena *arena, size_t size, size_t align);

/* Returns room for COUNT elements of ELEM_SIZE bytes each, aligned to
 * ALIGN, or NULL as bw_arena_alloc does, and also when COUNT * ELEM_SIZE
 * does not fit in a size_t. */
void *bw_arena_alloc_array(bw_arena *arena, size_t count,
                           size_t elem_size, size_t align);

/* Returns the bytes handed out so far, alignment padding included. */
size_t bw_arena_used(const bw_arena *arena);

/* Returns the bytes not yet handed out. */
size_t bw_arena_remaining(const bw_arena *arena);

/* Forgets every allocation, making the whole buffer available again. */
void bw_arena_reset(bw_arena *arena);

/* ------------------------------------------------------------------ */
/* Writer                                                               */

/* Appends to a caller's buffer of fixed capacity.  A write that does not
 * fit fails with BW_ERR_OUTPUT_FULL (value: bytes needed, limit: bytes
 * left) and writes nothing. */
typedef struct bw_writer {
  uint8_t *data;
  size_t len;
  size_t cap;
} bw_writer;

/* Starts an empty writer over the CAP bytes at BUF (NULL is allowed when
 * CAP is 0). */
void bw_writer_init(bw_writer *w, void *buf, size_t cap);

/* Returns the bytes written so far. */
static inline size_t bw_writer_len(const bw_writer *w)
{
  return w->len;
}

/* Returns the bytes still free. */
static inline size_t bw_writer_remaining(const bw_writer *w)
{
  return w->cap - w->len;
}

/* Appends the LEN bytes at DATA as they are. */
BW_MUST_CHECK bool bw_writer_write_raw(bw_writer *w, const void *data,
                                       size_t len, bw_error *err);

/* Appends the minimal varint for VALUE. */
BW_MUST_CHECK bool bw_writer_write_varint(bw_writer *w, uint64_t value,
                                          bw_error *err);

/* Append VALUE as 4 or 8 little-endian bytes. */
BW_MUST_CHECK bool bw_writer_write_fixed32(bw_writer *w, uint32_t value,
                                           bw_error *err);
BW_MUST_CHECK bool bw_writer_write_fixed64(bw_writer *w, uint64_t value,
                                           bw_error *err);

/* Appends the tag for FIELD and WIRE_TYPE.  Refuses, as the reader
 * would, a field number outside 1..BW_MAX_FIELD_NUMBER
 * (BW_ERR_BAD_FIELD_NUMBER), a group wire type (BW_ERR_GROUP_WIRE_TYPE)
 * and an invalid one (BW_ERR_BAD_WIRE_TYPE). */
BW_MUST_CHECK bool bw_writer_write_tag(bw_writer *w, uint32_t field,
                                       bw_wire_type wire_type,
                                       bw_error *err);

/* Appends LEN as a varint, then the LEN bytes at DATA: a length-delimited
 * payload.  Nothing is written unless both fit. */
BW_MUST_CHECK bool bw_writer_write_len(bw_writer *w, const void *data,
                                       size_t len, bw_error *err);

/* ------------------------------------------------------------------ */
/* Values and options of generated code                                 */

/* A string: LEN bytes of valid UTF-8 at DATA, not NUL-terminated in view
 * mode (a decode in copy mode adds a NUL after them). */
typedef struct bw_str {
  const char *data;
  size_t len;
} bw_str;

/* A byte string. */
typedef struct bw_bytes {
  const uint8_t *data;
  size_t len;
} bw_bytes;

/* Decode flags. */
#define BW_DECODE_STRICT 1u   /* refuse unknown fields */
#define BW_DECODE_VIEW 2u     /* strings and bytes point into the input,
                                 which must then outlive the value */

/* What a caller asks of one decode.  NULL options mean "no flags, the
 * schema's limits".  A limit of 0 keeps the schema's; a larger one than
 * the schema's is ignored: a caller can only tighten. */
typedef struct bw_decode_options {
  unsigned flags;
  size_t max_message_bytes;
  uint32_t max_depth;
} bw_decode_options;

/* A generated type, for code that handles any of them (test runners,
 * bindings).  Every function behaves as the typed one it points to. */
typedef struct bw_type {
  const char *name;       /* qualified, as in "shop.v1.Order" */
  size_t size;            /* sizeof the C type */
  bool (*decode)(void *out, const void *data, size_t len, bw_arena *arena,
                 const bw_decode_options *options, bw_error *err);
  bool (*validate)(const void *value, bw_error *err);
  bool (*encoded_size)(const void *value, size_t *size, bw_error *err);
  bool (*encode)(const void *value, void *buf, size_t cap, size_t *len,
                 bw_error *err);
  /* The most arena bytes a decode of LEN input bytes can take: an arena
   * of this size never runs out (SIZE_MAX when the product would not
   * fit). */
  size_t (*arena_bound)(size_t len);
} bw_type;

/* ------------------------------------------------------------------ */
/* Support for generated code                                           */
/*
 * The functions below are what bwc's output calls; applications do not
 * need them.  Decoders check a rule the moment its value is read, so the
 * first error in wire order is the one reported, and the encoders'
 * validation visits values in the same order to report the same error.
 */

/* The state of one decode. */
typedef struct bw_decoder {
  bw_arena *arena;
  bw_error *err;
  uint32_t depth;         /* nesting of the message being decoded */
  uint32_t max_depth;
  bool strict;
  bool view;
} bw_decoder;

/* Starts a decode of LEN bytes under the schema's limits, tightened by
 * OPTIONS.  Fails with BW_ERR_MESSAGE_TOO_LARGE. */
BW_MUST_CHECK bool bw_decoder_start(bw_decoder *d, size_t len,
                                    bw_arena *arena,
                                    const bw_decode_options *options,
                                    bw_limits schema, bw_error *err);

/* The steps below are inline where the common case is a few
 * instructions; every failure goes to an out-of-line function (named
 * bw_fail_... or ..._slow) that records the error, so what callers see
 * is the same either way. */

/* Records a duplicate of singular field TAG (BW_ERR_DUPLICATE_FIELD). */
bool bw_dec_once_slow(bw_tag tag, bw_error *err);

/* Marks singular field BIT as seen in SEEN; fails with
 * BW_ERR_DUPLICATE_FIELD when it was seen before. */
BW_MUST_CHECK static inline bool bw_dec_once(uint64_t *seen, unsigned bit,
                                             bw_tag tag, bw_error *err)
{
  uint64_t mask = (uint64_t)1 << (bit % 64);

  if (seen[bit / 64] & mask)
    return bw_dec_once_slow(tag, err);
  seen[bit / 64] |= mask;
  return true;
}

/* Handles a field the schema does not know: skipped, or refused with
 * BW_ERR_UNKNOWN_FIELD in strict mode. */
BW_MUST_CHECK bool bw_dec_unknown(const bw_decoder *d, bw_reader *r,
                                  bw_tag tag);

/* Range rules for integers and floats: inclusive bounds, and the rule's
 * schema text for error reports. */
typedef struct bw_urange {
  uint64_t min, max;
  const char *rule;
} bw_urange;

typedef struct bw_srange {
  int64_t min, max;
  const char *rule;
} bw_srange;

typedef struct bw_frange {
  double min, max;        /* -inf and +inf when open */
  bool nonfinite;         /* NaN and infinities allowed */
  const char *rule;
} bw_frange;

/* A length or count rule. */
typedef struct bw_lrange {
  size_t min, max;
  const char *rule;
} bw_lrange;

/* BW_BENCH_NO_RULES is for benchmarks only: it turns the schema's range
 * checks off to measure what they cost (see bench/ and codec.c).  Never
 * define it in a build that decodes real input. */
#ifdef BW_BENCH_NO_RULES
#define BW_RULE_HOLDS(test) true
#else
#define BW_RULE_HOLDS(test) (test)
#endif

/* Record a value that breaks RANGE, found at byte AT. */
bool bw_fail_urange(uint64_t v, const bw_urange *range, size_t at,
                    bw_error *err);
bool bw_fail_srange(int64_t v, const bw_srange *range, size_t at,
                    bw_error *err);
bool bw_fail_frange(double v, const bw_frange *range, size_t at,
                    bw_error *err);
bool bw_fail_bool(uint64_t v, size_t at, bw_error *err);

static inline bool bw_frange_holds(double v, const bw_frange *range)
{
  /* v - v is 0 for a finite v and NaN otherwise. */
  return (range->nonfinite || v - v == 0) && v >= range->min &&
         v <= range->max;
}

/* One element of a packed list, read from PAYLOAD with its rule. */
BW_MUST_CHECK static inline bool bw_dec_packed_uint(bw_reader *payload,
                                                    const bw_urange *range,
                                                    uint64_t *out,
                                                    bw_error *err)
{
  size_t at = payload->pos;

  if (!bw_reader_read_varint(payload, out, err))
    return false;
  if (BW_RULE_HOLDS(*out >= range->min && *out <= range->max))
    return true;
  return bw_fail_urange(*out, range, at, err);
}

BW_MUST_CHECK static inline bool bw_dec_packed_sint(bw_reader *payload,
                                                    const bw_srange *range,
                                                    int64_t *out,
                                                    bw_error *err)
{
  size_t at = payload->pos;
  uint64_t raw;

  if (!bw_reader_read_varint(payload, &raw, err))
    return false;
  *out = bw_zigzag_decode64(raw);
  if (BW_RULE_HOLDS(*out >= range->min && *out <= range->max))
    return true;
  return bw_fail_srange(*out, range, at, err);
}

BW_MUST_CHECK static inline bool bw_dec_packed_bool(bw_reader *payload,
                                                    bool *out, bw_error *err)
{
  size_t at = payload->pos;
  uint64_t raw;

  if (!bw_reader_read_varint(payload, &raw, err))
    return false;
  if (raw > 1)
    return bw_fail_bool(raw, at, err);
  *out = raw == 1;
  return true;
}

BW_MUST_CHECK static inline bool bw_dec_packed_f32(bw_reader *payload,
                                                   const bw_frange *range,
                                                   float *out, bw_error *err)
{
  size_t at = payload->pos;
  uint32_t bits;

  if (payload->end - payload->pos >= 4) {
    bits = bw_fixed32_read(payload->data + payload->pos);
    payload->pos += 4;
  } else if (!bw_reader_read_fixed32(payload, &bits, err)) {
    return false;
  }
  *out = bw_float_from_bits(bits);
  if (BW_RULE_HOLDS(bw_frange_holds(*out, range)))
    return true;
  return bw_fail_frange(*out, range, at, err);
}

BW_MUST_CHECK static inline bool bw_dec_packed_f64(bw_reader *payload,
                                                   const bw_frange *range,
                                                   double *out,
                                                   bw_error *err)
{
  size_t at = payload->pos;
  uint64_t bits;

  if (payload->end - payload->pos >= 8) {
    bits = bw_fixed64_read(payload->data + payload->pos);
    payload->pos += 8;
  } else if (!bw_reader_read_fixed64(payload, &bits, err)) {
    return false;
  }
  *out = bw_double_from_bits(bits);
  if (BW_RULE_HOLDS(bw_frange_holds(*out, range)))
    return true;
  return bw_fail_frange(*out, range, at, err);
}

/* Read one value of the given kind after its tag, checking wire type and
 * range.  OFFSET-bearing errors point at the value. */
BW_MUST_CHECK static inline bool bw_dec_uint(bw_reader *r, bw_tag tag,
                                             const bw_urange *range,
                                             uint64_t *out, bw_error *err)
{
  return bw_tag_expect(tag, BW_WIRE_VARINT, err) &&
         bw_dec_packed_uint(r, range, out, err);
}

BW_MUST_CHECK static inline bool bw_dec_sint(bw_reader *r, bw_tag tag,
                                             const bw_srange *range,
                                             int64_t *out, bw_error *err)
{
  return bw_tag_expect(tag, BW_WIRE_VARINT, err) &&
         bw_dec_packed_sint(r, range, out, err);
}

BW_MUST_CHECK static inline bool bw_dec_bool(bw_reader *r, bw_tag tag,
                                             bool *out, bw_error *err)
{
  return bw_tag_expect(tag, BW_WIRE_VARINT, err) &&
         bw_dec_packed_bool(r, out, err);
}

BW_MUST_CHECK static inline bool bw_dec_f32(bw_reader *r, bw_tag tag,
                                            const bw_frange *range,
                                            float *out, bw_error *err)
{
  return bw_tag_expect(tag, BW_WIRE_FIXED32, err) &&
         bw_dec_packed_f32(r, range, out, err);
}

BW_MUST_CHECK static inline bool bw_dec_f64(bw_reader *r, bw_tag tag,
                                            const bw_frange *range,
                                            double *out, bw_error *err)
{
  return bw_tag_expect(tag, BW_WIRE_FIXED64, err) &&
         bw_dec_packed_f64(r, range, out, err);
}

/* Reads a string after TAG: UTF-8 checked, its length in code points
 * held to RANGE, then copied into the arena with a NUL after it, or in
 * view mode pointed to in the input.  bw_dec_str handles the common
 * string inline, and any other (or any failure) in bw_dec_str_slow,
 * which starts over from TAG. */
BW_MUST_CHECK bool bw_dec_str_slow(const bw_decoder *d, bw_reader *r,
                                   bw_tag tag, const bw_lrange *range,
                                   bw_str *out);

/* Whether the LEN bytes at S are all ASCII.  Whole words are tested,
 * the last one overlapping the one before it; below eight bytes, two
 * overlapping halves, or below four the first, middle and last byte.
 * No byte past S + LEN is read. */
static inline bool bw_short_ascii(const uint8_t *s, size_t len)
{
  uint64_t any = 0, word;

  if (len >= 8) {
    for (size_t i = 0; len - i > 8; i += 8) {
      memcpy(&word, s + i, sizeof word);
      any |= word;
    }
    memcpy(&word, s + len - 8, sizeof word);
    any |= word;
  } else if (len >= 4) {
    uint32_t head, tail;

    memcpy(&head, s, sizeof head);
    memcpy(&tail, s + len - 4, sizeof tail);
    any = head | tail;
  } else if (len > 0) {
    any = (uint64_t)(s[0] | s[len / 2] | s[len - 1]);
  }
  return (any & UINT64_C(0x8080808080808080)) == 0;
}

/* The common string: a length under 128 in one byte, the bytes there,
 * all ASCII (so its code points are its bytes), within RANGE, and room
 * for it in the arena. */
BW_MUST_CHECK static inline bool bw_dec_str(const bw_decoder *d,
                                            bw_reader *r, bw_tag tag,
                                            const bw_lrange *range,
                                            bw_str *out)
{
  size_t pos = r->pos, len;
  const uint8_t *s;
  bw_arena *a = d->arena;

  if (tag.wire_type != BW_WIRE_LEN || pos >= r->end)
    return bw_dec_str_slow(d, r, tag, range, out);
  len = r->data[pos];
  s = r->data + pos + 1;
  if (len >= 0x80 || len >= r->end - pos || !bw_short_ascii(s, len) ||
      !BW_RULE_HOLDS(len >= range->min && len <= range->max) ||
      (!d->view && a->size - a->used <= len))
    return bw_dec_str_slow(d, r, tag, range, out);
  if (!d->view) {
    unsigned char *copy = a->base + a->used;

    memcpy(copy, s, len);
    copy[len] = 0;
    a->used += len + 1;
    s = copy;
  }
  r->pos = pos + 1 + len;
  out->data = (const char *)s;
  out->len = len;
  return true;
}

BW_MUST_CHECK bool bw_dec_bytes(const bw_decoder *d, bw_reader *r,
                                bw_tag tag, const bw_lrange *range,
                                bw_bytes *out);

/* Reads an embedded message's payload into SUB and counts one more level
 * of nesting in D (BW_ERR_TOO_DEEP past the limit).  The caller decodes
 * SUB, then calls bw_dec_leave. */
BW_MUST_CHECK bool bw_dec_enter(bw_decoder *d, bw_reader *r, bw_tag tag,
                                bw_reader *sub);
static inline void bw_dec_leave(bw_decoder *d)
{
  d->depth--;
}

/* Counts how often each of the N field numbers in FIELDS occurs in the
 * message R holds, without moving R, into COUNTS.  Malformed input ends
 * the count quietly: the decode that follows fails at the same place.
 * Repeated fields get arrays of exactly the size they need this way. */
void bw_dec_count(const bw_reader *r, const uint32_t *fields, size_t n,
                  size_t *counts);

bool bw_check_count_slow(size_t count, const bw_lrange *range,
                         size_t offset, bw_error *err);

/* Checks a list or map COUNT against RANGE before anything is allocated
 * for it (BW_ERR_TOO_FEW, BW_ERR_TOO_MANY at OFFSET). */
BW_MUST_CHECK static inline bool bw_check_count(size_t count,
                                                const bw_lrange *range,
                                                size_t offset, bw_error *err)
{
  if (BW_RULE_HOLDS(count >= range->min && count <= range->max))
    return true;
  return bw_check_count_slow(count, range, offset, err);
}

/* Allocates COUNT elements of SIZE bytes from the decoder's arena, or
 * fails with BW_ERR_ARENA_EXHAUSTED. */
BW_MUST_CHECK void *bw_dec_array(const bw_decoder *d, size_t count,
                                 size_t size, size_t align, size_t offset);

/* Packed scalar lists: reads the payload after TAG and returns the
 * element count (for varints, the bytes that end one; BW_ERR_TRUNCATED
 * when the last does not end) and the payload reader. */
BW_MUST_CHECK bool bw_dec_packed(bw_reader *r, bw_tag tag,
                                 size_t fixed_size, bw_reader *payload,
                                 size_t *count, bw_error *err);

/* Union members: records member MEMBER (its field number) as the one
 * set, failing with BW_ERR_DUPLICATE_FIELD when it already was and
 * BW_ERR_UNION_SEVERAL when another one was. */
BW_MUST_CHECK bool bw_dec_member(uint32_t *which, uint32_t member,
                                 bw_tag tag, bw_error *err);

/* Validation of values held in memory, with the decoders' errors. */
BW_MUST_CHECK bool bw_check_uint(uint64_t v, const bw_urange *range,
                                 bw_error *err);
BW_MUST_CHECK bool bw_check_sint(int64_t v, const bw_srange *range,
                                 bw_error *err);
BW_MUST_CHECK bool bw_check_f64(double v, const bw_frange *range,
                                bw_error *err);
BW_MUST_CHECK bool bw_check_str(bw_str s, const bw_lrange *range,
                                bw_error *err);
BW_MUST_CHECK bool bw_check_bytes(bw_bytes b, const bw_lrange *range,
                                  bw_error *err);
BW_MUST_CHECK bool bw_check_depth(uint32_t depth, uint32_t max_depth,
                                  bw_error *err);

/* Helpers of the generated arena bounds (see T_arena_bound). */
static inline size_t bw_grow_factor(size_t k, size_t candidate)
{
  return candidate > k ? candidate : k;
}

static inline size_t bw_scale_bound(size_t k, size_t len)
{
  if (len > (SIZE_MAX - 2 * k) / (k + 1))
    return SIZE_MAX;
  return (k + 1) * len + 2 * k;
}

/* Adds field NAME to the path of the error in ERR and returns false, for
 * a generated function giving up after a failure in that field. */
static inline bool bw_fail_field(bw_error *err, const char *name)
{
  bw_error_prepend_field(err, name);
  return false;
}

static inline bool bw_fail_index(bw_error *err, size_t index,
                                 const char *name)
{
  bw_error_prepend_index(err, index);
  bw_error_prepend_field(err, name);
  return false;
}

/* Compare map keys, for sorting and duplicate checks. */
int bw_cmp_str(bw_str a, bw_str b);

/* Encoding writes backwards from the end of the output, so that each
 * embedded message's length is known when its prefix is written: P
 * points just past the space still free, and each function returns the
 * new P.  The caller has sized the output with the matching size
 * functions first. */
static inline uint8_t *bw_put_varint(uint8_t *p, uint64_t v)
{
  uint8_t tmp[BW_MAX_VARINT_BYTES];
  size_t n = bw_varint_encode(v, tmp);
  p -= n;
  memcpy(p, tmp, n);
  return p;
}

static inline uint8_t *bw_put_tag(uint8_t *p, uint32_t field,
                                  bw_wire_type wire_type)
{
  return bw_put_varint(p, ((uint64_t)field << 3) | (uint64_t)wire_type);
}

static inline uint8_t *bw_put_raw(uint8_t *p, const void *data, size_t len)
{
  p -= len;
  if (len > 0)
    memcpy(p, data, len);
  return p;
}

static inline uint8_t *bw_put_fixed32(uint8_t *p, uint32_t v)
{
  p -= 4;
  bw_fixed32_write(p, v);
  return p;
}

static inline uint8_t *bw_put_fixed64(uint8_t *p, uint64_t v)
{
  p -= 8;
  bw_fixed64_write(p, v);
  return p;
}

static inline size_t bw_tag_size(uint32_t field)
{
  return bw_varint_size((uint64_t)field << 3);
}

/* Size of a length-delimited payload of LEN bytes with its prefix. */
static inline size_t bw_len_size(size_t len)
{
  return bw_varint_size(len) + len;
}

#ifdef __cplusplus
}
#endif

#endif
