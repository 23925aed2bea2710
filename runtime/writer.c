/* writer.c: appending the wire format to a buffer of fixed capacity.
 *
 * Each write checks that all of its bytes fit before storing any, so a
 * full buffer ends the encode with an error and never with a partial
 * value or a write past the end.
 */
#include "boundwire.h"
#include "internal.h"

void bw_writer_init(bw_writer *w, void *buf, size_t cap)
{
  w->data = buf;
  w->len = 0;
  w->cap = buf ? cap : 0;
}

static bool ensure(bw_writer *w, size_t needed, bw_error *err)
{
  size_t left = w->cap - w->len;

  if (needed <= left)
    return true;
  return bw_error_set_detail(err, BW_ERR_OUTPUT_FULL, w->len,
                             bw_num_uint(needed), bw_num_uint(left), NULL);
}

/* Appends LEN bytes the caller has checked fit.  memcpy is skipped for an
 * empty write, since DATA may then be NULL, which memcpy does not allow. */
static void append(bw_writer *w, const void *data, size_t len)
{
  if (len == 0)
    return;
  memcpy(w->data + w->len, data, len);
  w->len += len;
}

bool bw_writer_write_raw(bw_writer *w, const void *data, size_t len,
                         bw_error *err)
{
  if (!ensure(w, len, err))
    return false;
  append(w, data, len);
  return true;
}

bool bw_writer_write_varint(bw_writer *w, uint64_t value, bw_error *err)
{
  if (!ensure(w, bw_varint_size(value), err))
    return false;
  w->len += bw_varint_encode(value, w->data + w->len);
  return true;
}

bool bw_writer_write_fixed32(bw_writer *w, uint32_t value, bw_error *err)
{
  if (!ensure(w, 4, err))
    return false;
  bw_fixed32_write(w->data + w->len, value);
  w->len += 4;
  return true;
}

bool bw_writer_write_fixed64(bw_writer *w, uint64_t value, bw_error *err)
{
  if (!ensure(w, 8, err))
    return false;
  bw_fixed64_write(w->data + w->len, value);
  w->len += 8;
  return true;
}

bool bw_writer_write_tag(bw_writer *w, uint32_t field,
                         bw_wire_type wire_type, bw_error *err)
{
  /* Refuse what the reader would refuse, so that the writer cannot
   * produce bytes boundwire itself does not accept. */
  if (!bwi_check_key(field, wire_type, w->len, err))
    return false;
  return bw_writer_write_varint(w, (uint64_t)field << 3 | wire_type, err);
}

bool bw_writer_write_len(bw_writer *w, const void *data, size_t len,
                         bw_error *err)
{
  size_t prefix = bw_varint_size(len);
  /* Saturate rather than wrap, so that an absurd LEN reads as "does not
   * fit" instead of as a small number of bytes. */
  size_t needed = len > SIZE_MAX - prefix ? SIZE_MAX : prefix + len;

  if (!ensure(w, needed, err))
    return false;
  w->len += bw_varint_encode(len, w->data + w->len);
  append(w, data, len);
  return true;
}
