/* utf8.c: strict UTF-8 validation with a code point count.
 *
 * The accepted forms are those of the Unicode standard's table of
 * well-formed byte sequences: the second byte's range depends on the
 * lead byte, which is how overlong forms, surrogates and values above
 * U+10FFFF are ruled out without decoding the code point.
 */
#include "boundwire.h"
#include "internal.h"

#define ASCII_MASK UINT64_C(0x8080808080808080)

static bool is_continuation(uint8_t b)
{
  return (b & 0xc0) == 0x80;
}

/* Sequence length announced by LEAD, or 0 for a byte that never leads:
 * continuation bytes, 0xC0 and 0xC1 (only overlong forms) and 0xF5 and
 * up (only values above U+10FFFF). */
static size_t lead_length(uint8_t lead)
{
  if (lead < 0x80)
    return 1;
  if (lead < 0xc2)
    return 0;
  if (lead < 0xe0)
    return 2;
  if (lead < 0xf0)
    return 3;
  if (lead < 0xf5)
    return 4;
  return 0;
}

/* The second byte carries the checks the lead byte alone cannot make:
 * E0 and F0 would allow overlong forms, ED surrogates, F4 values above
 * U+10FFFF. */
static bool second_ok(uint8_t lead, uint8_t b)
{
  switch (lead) {
  case 0xe0:
    return b >= 0xa0 && b <= 0xbf;
  case 0xed:
    return b >= 0x80 && b <= 0x9f;
  case 0xf0:
    return b >= 0x90 && b <= 0xbf;
  case 0xf4:
    return b >= 0x80 && b <= 0x8f;
  default:
    return is_continuation(b);
  }
}

size_t bwi_utf8_sequence(const uint8_t *s, size_t len)
{
  size_t n = lead_length(s[0]);

  if (n <= 1)
    return n;
  if (len < n || !second_ok(s[0], s[1]))
    return 0;
  for (size_t i = 2; i < n; i++) {
    if (!is_continuation(s[i]))
      return 0;
  }
  return n;
}

size_t bwi_utf8_cut(const uint8_t *s, size_t len, size_t max)
{
  size_t i = 0;

  if (max >= len)
    return len;
  while (i < max) {
    size_t n = bwi_utf8_sequence(s + i, len - i);

    if (n == 0)
      n = 1;
    if (n > max - i)
      break;
    i += n;
  }
  return i;
}

/* Returns how many bytes at S, up to LEN, are ASCII.  Eight bytes are
 * tested at once while they last, since most text is ASCII. */
static size_t ascii_run(const uint8_t *s, size_t len)
{
  size_t i = 0;

  for (; len - i >= 8; i += 8) {
    uint64_t word;

    memcpy(&word, s + i, sizeof word);
    if (word & ASCII_MASK)
      break;
  }
  while (i < len && s[i] < 0x80)
    i++;
  return i;
}

/* Returns how many bytes at S, up to LEN, can be skipped as ASCII before
 * the full check: LEN itself when they are all ASCII, else the start of
 * the first 8-byte word that is not.  Most strings are short ASCII, so
 * a short string is tested whole by bw_short_ascii, and the end of a
 * longer one as the overlapping word that ends it. */
static size_t ascii_prefix(const uint8_t *s, size_t len)
{
  uint64_t word;
  size_t i = 0;

  if (len < 8)
    return bw_short_ascii(s, len) ? len : 0;
  for (; len - i >= 8; i += 8) {
    memcpy(&word, s + i, sizeof word);
    if (word & ASCII_MASK)
      return i;
  }
  memcpy(&word, s + len - 8, sizeof word);
  return word & ASCII_MASK ? i : len;
}

/* The full check of the bytes from I on, all before I being ASCII; kept
 * apart so that the all-ASCII case stays a short leaf function. */
static bool validate_from(const uint8_t *s, size_t len, size_t i,
                          size_t *code_points, size_t *bad_offset)
{
  size_t count = i;

  while (i < len) {
    size_t ascii = ascii_run(s + i, len - i);
    size_t n;

    i += ascii;
    count += ascii;
    if (i == len)
      break;
    n = bwi_utf8_sequence(s + i, len - i);
    if (n == 0) {
      if (bad_offset)
        *bad_offset = i;
      return false;
    }
    i += n;
    count++;
  }
  if (code_points)
    *code_points = count;
  return true;
}

bool bw_utf8_validate(const void *data, size_t len, size_t *code_points,
                      size_t *bad_offset)
{
  const uint8_t *s = data;
  size_t ascii = ascii_prefix(s, len);

  if (ascii < len)
    return validate_from(s, len, ascii, code_points, bad_offset);
  if (code_points)
    *code_points = len;
  return true;
}
