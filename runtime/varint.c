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

/* Returns the index of the lowest set bit of X, which is not 0. */
static unsigned lowest_bit(uint64_t x)
{
#if defined(__GNUC__) || defined(__clang__)
  return (unsigned)__builtin_ctzll(x);
#else
  unsigned n = 0;

  while (!(x & 1)) {
    x >>= 1;
    n++;
  }
  return n;
#endif
}

/* Packs the low 7 bits of each byte of WORD, lowest byte first, into
 * 56 bits: three steps, each halving the number of groups. */
static uint64_t pack_groups(uint64_t word)
{
  word &= UINT64_C(0x7f7f7f7f7f7f7f7f);
  word = (word & UINT64_C(0x007f007f007f007f)) |
         ((word & UINT64_C(0x7f007f007f007f00)) >> 1);
  word = (word & UINT64_C(0x00003fff00003fff)) |
         ((word & UINT64_C(0x3fff00003fff0000)) >> 2);
  return (word & UINT64_C(0x000000000fffffff)) |
         ((word & UINT64_C(0x0fffffff00000000)) >> 4);
}

/* Decodes a varint whose first byte is 0x80 or more, with at least
 * BW_MAX_VARINT_BYTES bytes at BUF, so that no step needs a bounds check:
 * the first eight bytes are read as one word, in which the lowest byte
 * with its high bit clear ends the varint; bytes 9 and 10 are looked at
 * only when all eight continue.  Judges the ending byte as check_last
 * does. */
static size_t decode_wide(const uint8_t *buf, uint64_t *value,
                          bw_code *code)
{
  uint64_t word = bw_fixed64_read(buf);
  uint64_t stops = ~word & UINT64_C(0x8080808080808080);
  uint64_t low;
  unsigned stop;

  if (stops != 0) {
    stop = lowest_bit(stops);   /* 8 * (length - 1) + 7, length >= 2 */
    if (((word >> (stop - 7)) & 0x7f) == 0) {
      *code = BW_ERR_VARINT_NOT_MINIMAL;
      return 0;
    }
    /* Keeps bits 0 to STOP; 2 << 63 is 0, which keeps all 64. */
    *value = pack_groups(word & ((UINT64_C(2) << stop) - 1));
    return stop / 8 + 1;
  }
  low = pack_groups(word);
  if (buf[8] < 0x80) {
    if (buf[8] == 0) {
      *code = BW_ERR_VARINT_NOT_MINIMAL;
      return 0;
    }
    *value = low | (uint64_t)buf[8] << 56;
    return 9;
  }
  *code = check_last(buf[9], BW_MAX_VARINT_BYTES - 1);
  if (buf[9] & 0x80)
    *code = BW_ERR_VARINT_TOO_LONG;
  if (*code != BW_OK)
    return 0;
  *value = low | (uint64_t)(buf[8] & 0x7f) << 56 | (uint64_t)buf[9] << 63;
  return BW_MAX_VARINT_BYTES;
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
  /* Two bytes: lengths and values up to 16383, tags of fields to 2047. */
  if (len >= 2 && buf[1] < 0x80 && buf[1] != 0) {
    *value = (uint64_t)(buf[0] & 0x7f) | (uint64_t)buf[1] << 7;
    return 2;
  }
  if (len >= BW_MAX_VARINT_BYTES)
    return decode_wide(buf, value, code);
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
