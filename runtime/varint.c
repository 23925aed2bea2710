/* varint.c: canonical base-128 varints.
 *
 * Decoding accepts exactly one encoding per value, the shortest, so that
 * equal messages are equal bytes and a varint cannot be padded to hide
 * data or to waste the reader's time.
 */
#include "boundwire.h"

/* The tenth byte holds bit 63 alone: anything above 1 is a 65th bit. */
#define LAST_BYTE_MAX 1

/* Judges the byte at index I that ended a varint. */
static bw_code check_last(uint8_t byte, size_t i)
{
  if (i == BW_MAX_VARINT_BYTES - 1 && byte > LAST_BYTE_MAX)
    return BW_ERR_VARINT_OVERFLOW;
  if (i > 0 && byte == 0)
    return BW_ERR_VARINT_NOT_MINIMAL;
  return BW_OK;
}

size_t bw_varint_decode(const uint8_t *buf, size_t len, uint64_t *value,
                        bw_code *code)
{
  size_t max = len < BW_MAX_VARINT_BYTES ? len : BW_MAX_VARINT_BYTES;
  uint64_t v = 0;

  if (len > 0 && buf[0] < 0x80) {
    *value = buf[0];
    return 1;
  }
  for (size_t i = 0; i < max; i++) {
    v |= (uint64_t)(buf[i] & 0x7f) << (7 * i);
    if (buf[i] & 0x80)
      continue;
    *code = check_last(buf[i], i);
    if (*code != BW_OK)
      return 0;
    *value = v;
    return i + 1;
  }
  *code = max < BW_MAX_VARINT_BYTES ? BW_ERR_TRUNCATED
                                    : BW_ERR_VARINT_TOO_LONG;
  return 0;
}

size_t bw_varint_encode(uint64_t value, uint8_t *buf)
{
  size_t n = 0;

  while (value >= 0x80) {
    buf[n++] = (uint8_t)(value | 0x80);
    value >>= 7;
  }
  buf[n++] = (uint8_t)value;
  return n;
}
