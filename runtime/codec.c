/* codec.c: the decoding and validation steps generated code calls.
 *
 * Each function checks one thing the schema or the wire format demands
 * and, on failure, records the first error with its value and limit.
 * Field paths are added by the generated callers as the error travels
 * back up.
 */
#include "boundwire.h"

#include <math.h>

bool bw_decoder_start(bw_decoder *d, size_t len, bw_arena *arena,
                      const bw_decode_options *options, bw_limits schema,
                      bw_error *err)
{
  bw_limits limits = schema;
  unsigned flags = 0;
  if (options != NULL) {
    bw_limits asked = { options->max_message_bytes, options->max_depth };
    limits = bw_limits_tighten(schema, asked);
    flags = options->flags;
  }
  d->arena = arena;
  d->err = err;
  d->depth = 1;
  d->max_depth = limits.max_depth;
  d->strict = (flags & BW_DECODE_STRICT) != 0;
  d->view = (flags & BW_DECODE_VIEW) != 0;
  return bw_limits_check_size(&limits, len, err);
}

bool bw_dec_once_slow(bw_tag tag, bw_error *err)
{
  return bw_error_set_detail(err, BW_ERR_DUPLICATE_FIELD, tag.offset,
                             bw_num_uint(tag.field), bw_num_none(), NULL);
}

bool bw_dec_unknown(const bw_decoder *d, bw_reader *r, bw_tag tag)
{
  if (d->strict)
    return bw_error_set_detail(d->err, BW_ERR_UNKNOWN_FIELD, tag.offset,
                               bw_num_uint(tag.field), bw_num_none(), NULL);
  return bw_reader_skip(r, tag, d->err);
}

/* ---- Ranges ---------------------------------------------------------- */

/* BW_BENCH_NO_RULES is for benchmarks only (bench/local.mk builds a copy
 * of the runtime with it, to measure what the schema's rules cost).  It
 * makes the rule checks below pass without looking: ranges, finiteness,
 * and the lengths and counts of strings, bytes and lists.  The wire
 * format is still checked in full: varints, lengths, wire types, bools,
 * UTF-8 validity, depth.  Never define it in a build that decodes real
 * input. */
#ifdef BW_BENCH_NO_RULES
#define RULES_CHECKED false
#else
#define RULES_CHECKED true
#endif

bool bw_check_uint(uint64_t v, const bw_urange *range, bw_error *err)
{
  if (!RULES_CHECKED)
    return true;
  if (v < range->min)
    return bw_error_set_detail(err, BW_ERR_BELOW_MINIMUM, 0, bw_num_uint(v),
                               bw_num_uint(range->min), range->rule);
  if (v > range->max)
    return bw_error_set_detail(err, BW_ERR_ABOVE_MAXIMUM, 0, bw_num_uint(v),
                               bw_num_uint(range->max), range->rule);
  return true;
}

bool bw_check_sint(int64_t v, const bw_srange *range, bw_error *err)
{
  if (!RULES_CHECKED)
    return true;
  if (v < range->min)
    return bw_error_set_detail(err, BW_ERR_BELOW_MINIMUM, 0, bw_num_int(v),
                               bw_num_int(range->min), range->rule);
  if (v > range->max)
    return bw_error_set_detail(err, BW_ERR_ABOVE_MAXIMUM, 0, bw_num_int(v),
                               bw_num_int(range->max), range->rule);
  return true;
}

bool bw_check_f64(double v, const bw_frange *range, bw_error *err)
{
  if (!RULES_CHECKED)
    return true;
  if (!isfinite(v)) {
    if (range->nonfinite)
      return true;
    return bw_error_set_detail(err, BW_ERR_NOT_FINITE, 0, bw_num_float(v),
                               bw_num_none(), range->rule);
  }
  if (v < range->min)
    return bw_error_set_detail(err, BW_ERR_BELOW_MINIMUM, 0,
                               bw_num_float(v), bw_num_float(range->min),
                               range->rule);
  if (v > range->max)
    return bw_error_set_detail(err, BW_ERR_ABOVE_MAXIMUM, 0,
                               bw_num_float(v), bw_num_float(range->max),
                               range->rule);
  return true;
}

static bool check_length(size_t n, const bw_lrange *range, bw_code short_code,
                         bw_code long_code, size_t offset, bw_error *err)
{
  if (!RULES_CHECKED)
    return true;
  if (n < range->min)
    return bw_error_set_detail(err, short_code, offset, bw_num_uint(n),
                               bw_num_uint(range->min), range->rule);
  if (n > range->max)
    return bw_error_set_detail(err, long_code, offset, bw_num_uint(n),
                               bw_num_uint(range->max), range->rule);
  return true;
}

bool bw_check_count_slow(size_t count, const bw_lrange *range,
                         size_t offset, bw_error *err)
{
  return check_length(count, range, BW_ERR_TOO_FEW, BW_ERR_TOO_MANY, offset,
                      err);
}

bool bw_check_str(bw_str s, const bw_lrange *range, bw_error *err)
{
  size_t points = 0, bad = 0;
  if (!bw_utf8_validate(s.data, s.len, &points, &bad))
    return bw_error_set(err, BW_ERR_INVALID_UTF8, bad);
  return check_length(points, range, BW_ERR_TOO_SHORT, BW_ERR_TOO_LONG, 0,
                      err);
}

bool bw_check_bytes(bw_bytes b, const bw_lrange *range, bw_error *err)
{
  return check_length(b.len, range, BW_ERR_TOO_SHORT, BW_ERR_TOO_LONG, 0,
                      err);
}

bool bw_check_depth(uint32_t depth, uint32_t max_depth, bw_error *err)
{
  if (depth <= max_depth)
    return true;
  return bw_error_set_detail(err, BW_ERR_TOO_DEEP, 0, bw_num_uint(depth),
                             bw_num_uint(max_depth), NULL);
}

/* The range checks above record offset 0; a decoder knows where the
 * value started, and says so. */
static bool at_offset(bool ok, bw_error *err, size_t offset)
{
  if (!ok && err->offset == 0)
    err->offset = offset;
  return ok;
}

/* ---- Scalars ---------------------------------------------------------
 * The reads themselves are inline in boundwire.h; these record what
 * they found wrong. */

bool bw_fail_urange(uint64_t v, const bw_urange *range, size_t at,
                    bw_error *err)
{
  return at_offset(bw_check_uint(v, range, err), err, at);
}

bool bw_fail_srange(int64_t v, const bw_srange *range, size_t at,
                    bw_error *err)
{
  return at_offset(bw_check_sint(v, range, err), err, at);
}

bool bw_fail_frange(double v, const bw_frange *range, size_t at,
                    bw_error *err)
{
  return at_offset(bw_check_f64(v, range, err), err, at);
}

bool bw_fail_bool(uint64_t v, size_t at, bw_error *err)
{
  return bw_error_set_detail(err, BW_ERR_INVALID_BOOL, at, bw_num_uint(v),
                             bw_num_none(), NULL);
}

/* ---- Strings and bytes ----------------------------------------------- */

/* Copies SPAN into the arena with a NUL after it, unless the decode
 * views the input. */
static bool keep(const bw_decoder *d, bw_span span, size_t offset,
                 const uint8_t **out)
{
  if (d->view) {
    *out = span.data;
    return true;
  }
  uint8_t *copy = bw_dec_array(d, span.len + 1, 1, 1, offset);
  if (copy == NULL)
    return false;
  if (span.len > 0)
    memcpy(copy, span.data, span.len);
  copy[span.len] = 0;
  *out = copy;
  return true;
}

bool bw_dec_str_slow(const bw_decoder *d, bw_reader *r, bw_tag tag,
                     const bw_lrange *range, bw_str *out)
{
  size_t at = bw_reader_offset(r);
  bw_span span;
  size_t points;
  const uint8_t *data;
  if (!bw_tag_expect(tag, BW_WIRE_LEN, d->err) ||
      !bw_reader_read_utf8(r, &span, &points, d->err) ||
      !check_length(points, range, BW_ERR_TOO_SHORT, BW_ERR_TOO_LONG, at,
                    d->err) ||
      !keep(d, span, at, &data))
    return false;
  out->data = (const char *)data;
  out->len = span.len;
  return true;
}

bool bw_dec_bytes(const bw_decoder *d, bw_reader *r, bw_tag tag,
                  const bw_lrange *range, bw_bytes *out)
{
  size_t at = bw_reader_offset(r);
  bw_span span;
  if (!bw_tag_expect(tag, BW_WIRE_LEN, d->err) ||
      !bw_reader_read_len(r, &span, d->err) ||
      !check_length(span.len, range, BW_ERR_TOO_SHORT, BW_ERR_TOO_LONG, at,
                    d->err) ||
      !keep(d, span, at, &out->data))
    return false;
  out->len = span.len;
  return true;
}

/* ---- Messages, lists and unions -------------------------------------- */

bool bw_dec_enter(bw_decoder *d, bw_reader *r, bw_tag tag, bw_reader *sub)
{
  size_t at = bw_reader_offset(r);
  if (!bw_tag_expect(tag, BW_WIRE_LEN, d->err) ||
      !bw_reader_read_sub(r, sub, d->err))
    return false;
  if (d->depth >= d->max_depth)
    return bw_error_set_detail(d->err, BW_ERR_TOO_DEEP, at,
                               bw_num_uint(d->depth + 1),
                               bw_num_uint(d->max_depth), NULL);
  d->depth++;
  return true;
}

void bw_dec_count(const bw_reader *r, const uint32_t *fields, size_t n,
                  size_t *counts)
{
  bw_reader scan = *r;
  bw_error quiet;
  bw_error_clear(&quiet);
  for (size_t i = 0; i < n; i++)
    counts[i] = 0;
  while (!bw_reader_at_end(&scan)) {
    bw_tag tag;
    if (!bw_reader_read_tag(&scan, &tag, &quiet))
      return;
    for (size_t i = 0; i < n; i++)
      if (fields[i] == tag.field)
        counts[i]++;
    if (!bw_reader_skip(&scan, tag, &quiet))
      return;
  }
}

void *bw_dec_array(const bw_decoder *d, size_t count, size_t size,
                   size_t align, size_t offset)
{
  if (count == 0)
    return NULL;
  void *p = bw_arena_alloc_array(d->arena, count, size, align);
  if (p == NULL) {
    size_t need = count <= SIZE_MAX / size ? count * size : SIZE_MAX;
    bw_error_set_detail(d->err, BW_ERR_ARENA_EXHAUSTED, offset,
                        bw_num_uint(need),
                        bw_num_uint(bw_arena_remaining(d->arena)), NULL);
  }
  return p;
}

/* Counts the varints in a packed payload: one ends at each byte whose
 * high bit is clear.  A payload whose last byte continues is cut short. */
static bool count_varints(bw_span span, size_t offset, size_t *count,
                          bw_error *err)
{
  size_t n = 0, last_start = 0;
  for (size_t i = 0; i < span.len; i++) {
    if ((span.data[i] & 0x80) == 0) {
      n++;
      last_start = i + 1;
    }
  }
  /* Like every cut varint, the unfinished one is reported where it
   * starts. */
  if (last_start < span.len)
    return bw_error_set(err, BW_ERR_TRUNCATED, offset + last_start);
  *count = n;
  return true;
}

bool bw_dec_packed(bw_reader *r, bw_tag tag, size_t fixed_size,
                   bw_reader *payload, size_t *count, bw_error *err)
{
  if (!bw_tag_expect(tag, BW_WIRE_LEN, err) ||
      !bw_reader_read_sub(r, payload, err))
    return false;
  bw_span span = { payload->data + payload->pos,
                   payload->end - payload->pos };
  if (fixed_size == 0)
    return count_varints(span, payload->pos, count, err);
  if (span.len % fixed_size != 0)
    return bw_error_set_detail(err, BW_ERR_BAD_PACKED_LENGTH, payload->pos,
                               bw_num_uint(span.len),
                               bw_num_uint(fixed_size), NULL);
  *count = span.len / fixed_size;
  return true;
}

bool bw_dec_member(uint32_t *which, uint32_t member, bw_tag tag,
                   bw_error *err)
{
  if (*which == member)
    return bw_error_set_detail(err, BW_ERR_DUPLICATE_FIELD, tag.offset,
                               bw_num_uint(tag.field), bw_num_none(), NULL);
  if (*which != 0)
    return bw_error_set_detail(err, BW_ERR_UNION_SEVERAL, tag.offset,
                               bw_num_uint(member), bw_num_uint(*which),
                               NULL);
  *which = member;
  return true;
}

int bw_cmp_str(bw_str a, bw_str b)
{
  size_t n = a.len < b.len ? a.len : b.len;
  int c = n > 0 ? memcmp(a.data, b.data, n) : 0;
  if (c != 0)
    return c;
  return (a.len > b.len) - (a.len < b.len);
}
