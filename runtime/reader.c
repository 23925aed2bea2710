/* reader.c: a bounds-checked cursor over untrusted input.
 *
 * Every read first compares what it needs with what remains, then
 * touches the bytes; positions are indices, never pointers past the end,
 * so no arithmetic on a hostile length can wrap.  A failed read leaves
 * the reader where it was.
 */
#include "boundwire.h"
#include "internal.h"

void bw_reader_init(bw_reader *r, const void *data, size_t len)
{
  r->data = data;
  r->pos = 0;
  r->end = len;
}

bool bw_reader_read_varint_slow(bw_reader *r, uint64_t *value,
                                bw_error *err)
{
  bw_code code = BW_OK;
  size_t n;

  if (r->pos == r->end)
    return bw_error_set(err, BW_ERR_TRUNCATED, r->pos);
  n = bw_varint_decode(r->data + r->pos, r->end - r->pos, value, &code);
  if (n == 0)
    return bw_error_set(err, code, r->pos);
  r->pos += n;
  return true;
}

/* Fails for a wire type the reader cannot take: groups, and 6 and 7. */
static bool reject_wire_type(uint64_t wire_type, size_t at, bw_error *err)
{
  bw_code code = wire_type == BW_WIRE_SGROUP || wire_type == BW_WIRE_EGROUP
                     ? BW_ERR_GROUP_WIRE_TYPE
                     : BW_ERR_BAD_WIRE_TYPE;

  return bw_error_set_detail(err, code, at, bw_num_uint(wire_type),
                             bw_num_none(), NULL);
}

bool bwi_check_key(uint64_t field, uint64_t wire_type, size_t at,
                   bw_error *err)
{
  if (field == 0 || field > BW_MAX_FIELD_NUMBER)
    return bw_error_set_detail(err, BW_ERR_BAD_FIELD_NUMBER, at,
                               bw_num_uint(field),
                               bw_num_uint(BW_MAX_FIELD_NUMBER), NULL);
  switch (wire_type) {
  case BW_WIRE_VARINT:
  case BW_WIRE_FIXED64:
  case BW_WIRE_LEN:
  case BW_WIRE_FIXED32:
    return true;
  default:
    return reject_wire_type(wire_type, at, err);
  }
}

bool bw_reader_read_tag_slow(bw_reader *r, bw_tag *tag, bw_error *err)
{
  size_t at = r->pos;
  uint64_t key;

  if (!bw_reader_read_varint(r, &key, err))
    return false;
  if (!bwi_check_key(key >> 3, key & 7, at, err)) {
    r->pos = at;
    return false;
  }
  tag->field = (uint32_t)(key >> 3);
  tag->wire_type = (bw_wire_type)(key & 7);
  tag->offset = at;
  return true;
}

bool bw_tag_expect_slow(bw_tag tag, bw_wire_type expected, bw_error *err)
{
  if (tag.wire_type == expected)
    return true;
  return bw_error_set_detail(err, BW_ERR_WRONG_WIRE_TYPE, tag.offset,
                             bw_num_uint(tag.wire_type),
                             bw_num_uint(expected), NULL);
}

/* Claims the next N bytes and returns where they start, or records
 * BW_ERR_TRUNCATED and returns NULL. */
static const uint8_t *take(bw_reader *r, size_t n, bw_error *err)
{
  const uint8_t *bytes;

  if (n > r->end - r->pos) {
    bw_error_set(err, BW_ERR_TRUNCATED, r->pos);
    return NULL;
  }
  bytes = r->data + r->pos;
  r->pos += n;
  return bytes;
}

bool bw_reader_read_fixed32(bw_reader *r, uint32_t *value, bw_error *err)
{
  const uint8_t *bytes = take(r, 4, err);

  if (bytes == NULL)
    return false;
  *value = bw_fixed32_read(bytes);
  return true;
}

bool bw_reader_read_fixed64(bw_reader *r, uint64_t *value, bw_error *err)
{
  const uint8_t *bytes = take(r, 8, err);

  if (bytes == NULL)
    return false;
  *value = bw_fixed64_read(bytes);
  return true;
}

/* Records that a length prefix at AT declares more bytes than the LEFT
 * that remain.  Kept apart so that take_len stays small enough to be
 * inlined into its callers. */
static void past_end(uint64_t declared, size_t left, size_t at,
                     bw_error *err)
{
  bw_error_set_detail(err, BW_ERR_LENGTH_PAST_END, at, bw_num_uint(declared),
                      bw_num_uint(left), NULL);
}

/* Reads a length prefix and claims the payload it announces, leaving its
 * start index in *START.  The declared length is a 64-bit number from the
 * wire: it is compared with what remains before it is used for anything,
 * so it can neither wrap an index nor size an allocation. */
static inline bool take_len(bw_reader *r, size_t *start, size_t *len,
                            bw_error *err)
{
  size_t at = r->pos;
  size_t left;
  uint64_t declared;

  if (!bw_reader_read_varint(r, &declared, err))
    return false;
  left = r->end - r->pos;
  if (declared > left) {
    r->pos = at;
    past_end(declared, left, at, err);
    return false;
  }
  *start = r->pos;
  *len = (size_t)declared;
  r->pos += *len;
  return true;
}

bool bw_reader_read_len(bw_reader *r, bw_span *span, bw_error *err)
{
  size_t start;
  size_t len;

  if (!take_len(r, &start, &len, err))
    return false;
  span->data = r->data + start;
  span->len = len;
  return true;
}

bool bw_reader_read_utf8(bw_reader *r, bw_span *span, size_t *code_points,
                         bw_error *err)
{
  size_t at = r->pos;
  size_t bad = 0;
  size_t start;
  size_t len;

  if (!take_len(r, &start, &len, err))
    return false;
  if (!bw_utf8_validate(r->data + start, len, code_points, &bad)) {
    r->pos = at;
    return bw_error_set(err, BW_ERR_INVALID_UTF8, start + bad);
  }
  span->data = r->data + start;
  span->len = len;
  return true;
}

bool bw_reader_read_sub(bw_reader *r, bw_reader *sub, bw_error *err)
{
  size_t start;
  size_t len;

  if (!take_len(r, &start, &len, err))
    return false;
  sub->data = r->data;
  sub->pos = start;
  sub->end = start + len;
  return true;
}

bool bw_reader_skip(bw_reader *r, bw_tag tag, bw_error *err)
{
  uint64_t ignored;
  bw_span span;

  switch (tag.wire_type) {
  case BW_WIRE_VARINT:
    return bw_reader_read_varint(r, &ignored, err);
  case BW_WIRE_FIXED64:
    return take(r, 8, err) != NULL;
  case BW_WIRE_LEN:
    return bw_reader_read_len(r, &span, err);
  case BW_WIRE_FIXED32:
    return take(r, 4, err) != NULL;
  default:
    return reject_wire_type(tag.wire_type, tag.offset, err);
  }
}
