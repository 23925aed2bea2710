/* test_utf8.c: strict UTF-8 validation and code point counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "boundwire.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void expect_valid(const char *text, size_t len, size_t points)
{
  size_t count = 9999;
  size_t bad = 9999;

  assert_true(bw_utf8_validate(text, len, &count, &bad));
  assert_int_equal(count, points);
  assert_int_equal(bad, 9999);
}

static void expect_invalid(const char *text, size_t len, size_t at)
{
  size_t count = 9999;
  size_t bad = 9999;

  assert_false(bw_utf8_validate(text, len, &count, &bad));
  assert_int_equal(bad, at);
  assert_int_equal(count, 9999);
}

#define VALID(lit, points) expect_valid(lit, sizeof(lit) - 1, points)
#define INVALID(lit, at) expect_invalid(lit, sizeof(lit) - 1, at)

static void test_utf8_empty(void **state)
{
  (void)state;
  expect_valid(NULL, 0, 0);
}

static void test_utf8_ascii(void **state)
{
  (void)state;
  VALID("hello", 5);
  VALID("the quick brown fox jumps over the lazy dog", 43);
  VALID("\x00\x7f", 2);
}

static void test_utf8_two_bytes(void **state)
{
  (void)state;
  VALID("\xc2\x80", 1);          /* U+0080, the first */
  VALID("\xc3\xa9", 1);          /* é */
  VALID("\xdf\xbf", 1);          /* U+07FF, the last */
}

static void test_utf8_three_bytes(void **state)
{
  (void)state;
  VALID("\xe0\xa0\x80", 1);      /* U+0800, the first */
  VALID("\xe2\x82\xac", 1);      /* € */
  VALID("\xed\x9f\xbf", 1);      /* U+D7FF, just below the surrogates */
  VALID("\xee\x80\x80", 1);      /* U+E000, just above them */
  VALID("\xef\xbf\xbf", 1);      /* U+FFFF */
}

static void test_utf8_four_bytes(void **state)
{
  (void)state;
  VALID("\xf0\x90\x80\x80", 1);  /* U+10000, the first */
  VALID("\xf0\x9f\x98\x80", 1);  /* an emoji */
  VALID("\xf4\x8f\xbf\xbf", 1);  /* U+10FFFF, the last */
}

static void test_utf8_mixed_count(void **state)
{
  (void)state;
  /* a, é, €, an emoji: 10 bytes, 4 code points, as Python's len(). */
  VALID("a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 4);
  VALID("12345678\xc3\xa9" "12345678\xe2\x82\xac" "123456789", 27);
}

static void test_utf8_overlong_two_bytes(void **state)
{
  (void)state;
  INVALID("\xc0\x80", 0);
  INVALID("\xc1\xbf", 0);
  INVALID("ab\xc0\xaf", 2);
}

static void test_utf8_overlong_three_bytes(void **state)
{
  (void)state;
  INVALID("\xe0\x80\x80", 0);
  INVALID("\xe0\x9f\xbf", 0);
}

static void test_utf8_overlong_four_bytes(void **state)
{
  (void)state;
  INVALID("\xf0\x80\x80\x80", 0);
  INVALID("\xf0\x8f\xbf\xbf", 0);
}

static void test_utf8_surrogates(void **state)
{
  (void)state;
  INVALID("\xed\xa0\x80", 0);    /* U+D800 */
  INVALID("\xed\xbf\xbf", 0);    /* U+DFFF */
  INVALID("x\xed\xb2\x80", 1);   /* a lone low surrogate */
}

static void test_utf8_above_10ffff(void **state)
{
  (void)state;
  INVALID("\xf4\x90\x80\x80", 0);  /* U+110000 */
  INVALID("\xf5\x80\x80\x80", 0);
  INVALID("\xf7\xbf\xbf\xbf", 0);
}

static void test_utf8_truncated_at_each_position(void **state)
{
  const char *const seqs[] = {"\xc3\xa9", "\xe2\x82\xac",
                              "\xf0\x9f\x98\x80"};

  (void)state;
  for (size_t s = 0; s < COUNT(seqs); s++) {
    size_t len = strlen(seqs[s]);

    for (size_t cut = 1; cut < len; cut++) {
      char buf[8] = "ab";

      memcpy(buf + 2, seqs[s], cut);
      expect_invalid(buf, 2 + cut, 2);
    }
  }
}

static void test_utf8_truncated_before_ascii(void **state)
{
  (void)state;
  INVALID("\xe2\x82z", 0);
  INVALID("\xf0\x9f\x98z", 0);
  INVALID("\xc3z", 0);
}

static void test_utf8_stray_continuation(void **state)
{
  (void)state;
  INVALID("\x80", 0);
  INVALID("\xbf", 0);
  INVALID("a\x80" "b", 1);
  INVALID("\xc3\xa9\xa9", 2);
}

/* 0xC0 and 0xC1 could only start overlong forms, 0xF5 and up only code
 * points above U+10FFFF: neither may appear at all. */
static void test_utf8_bytes_that_never_appear(void **state)
{
  (void)state;
  for (unsigned b = 0xc0; b <= 0xff; b++) {
    char buf[4] = {(char)b, (char)0x80, (char)0x80, (char)0x80};

    if (b >= 0xc2 && b <= 0xf4)
      continue;
    expect_invalid(buf, 1, 0);
    expect_invalid(buf, sizeof buf, 0);
  }
}

static void test_utf8_non_ascii_at_every_offset(void **state)
{
  (void)state;
  for (size_t at = 0; at < 20; at++) {
    char buf[21];

    memset(buf, 'a', sizeof buf);
    buf[at] = (char)0xff;
    expect_invalid(buf, sizeof buf, at);
    buf[at] = (char)0xc3;
    buf[at + 1] = (char)0xa9;
    expect_valid(buf, sizeof buf, 20);
  }
}

/* Strings under eight bytes are checked by a shortcut of their own: a
 * bad byte or a two-byte character at every offset of every length. */
static void test_utf8_short_strings_every_offset(void **state)
{
  (void)state;
  for (size_t len = 1; len <= 8; len++) {
    for (size_t at = 0; at < len; at++) {
      char buf[8];

      memset(buf, 'a', sizeof buf);
      buf[at] = (char)0xff;
      expect_invalid(buf, len, at);
      if (at + 1 < len) {
        buf[at] = (char)0xc3;
        buf[at + 1] = (char)0xa9;
        expect_valid(buf, len, len - 1);
      }
    }
  }
}

static void test_utf8_null_outputs(void **state)
{
  (void)state;
  assert_true(bw_utf8_validate("ok", 2, NULL, NULL));
  assert_false(bw_utf8_validate("\xff", 1, NULL, NULL));
}

/* An independent check, written from the definition: decode the code
 * point by arithmetic, then ask whether it is in range, not a surrogate,
 * and encoded in the fewest bytes. */
static int reference_length(const uint8_t *s, size_t len)
{
  static const uint32_t min_for_length[] = {0, 0, 0x80, 0x800, 0x10000};
  int n = s[0] < 0x80 ? 1 : s[0] >= 0xc0 && s[0] < 0xe0 ? 2
          : s[0] >= 0xe0 && s[0] < 0xf0 ? 3 : s[0] >= 0xf0 && s[0] < 0xf8
          ? 4 : 0;
  uint32_t cp;

  if (n == 0 || (size_t)n > len)
    return 0;
  cp = n == 1 ? s[0] : (uint32_t)(s[0] & (0x7f >> n));
  for (int i = 1; i < n; i++) {
    if ((s[i] & 0xc0) != 0x80)
      return 0;
    cp = cp << 6 | (s[i] & 0x3f);
  }
  if (cp < min_for_length[n] || cp > 0x10ffff ||
      (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return n;
}

static void check_against_reference(const uint8_t *s, size_t len)
{
  size_t count = 0;
  bool valid = reference_length(s, len) == (int)len;

  assert_int_equal(bw_utf8_validate(s, len, &count, NULL), valid);
  if (valid)
    assert_int_equal(count, 1);
}

static void test_utf8_every_two_and_three_byte_sequence(void **state)
{
  (void)state;
  for (unsigned a = 0x80; a <= 0xff; a++) {
    for (unsigned b = 0; b <= 0xff; b++) {
      uint8_t s[3] = {(uint8_t)a, (uint8_t)b, 0x80};

      check_against_reference(s, 2);
      if (a >= 0xe0 && a <= 0xef) {
        for (unsigned c = 0; c <= 0xff; c++) {
          s[2] = (uint8_t)c;
          check_against_reference(s, 3);
        }
      }
    }
  }
}

static void test_utf8_four_byte_leads_and_seconds(void **state)
{
  const uint8_t tails[] = {0x00, 0x7f, 0x80, 0xbf, 0xc0, 0xff};

  (void)state;
  for (unsigned a = 0xf0; a <= 0xff; a++) {
    for (unsigned b = 0; b <= 0xff; b++) {
      for (size_t t = 0; t < COUNT(tails); t++) {
        uint8_t s[4] = {(uint8_t)a, (uint8_t)b, tails[t], 0x80};

        check_against_reference(s, 4);
        s[2] = 0x80;
        s[3] = tails[t];
        check_against_reference(s, 4);
      }
    }
  }
}

/* Validates a whole buffer with the reference, one sequence at a time;
 * returns false and the offset of the first bad sequence on failure. */
static bool reference_validate(const uint8_t *s, size_t len, size_t *count,
                               size_t *bad)
{
  size_t i = 0;

  *count = 0;
  while (i < len) {
    int n = reference_length(s + i, len - i);

    if (n == 0) {
      *bad = i;
      return false;
    }
    i += (size_t)n;
    (*count)++;
  }
  return true;
}

/* Random text drawn mostly from bytes that form or nearly form valid
 * sequences, so that both outcomes are frequent. */
static void test_utf8_random_text_matches_reference(void **state)
{
  static const uint8_t pool[] = {'a', 'z', 0x00, 0x7f, 0x80, 0x8f, 0x90,
                                 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0,
                                 0xe1, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff};
  uint32_t seed = 99;

  (void)state;
  for (int round = 0; round < 50000; round++) {
    uint8_t buf[24];
    size_t len;
    size_t want_count = 0, want_bad = 0, count = 0, bad = 0;
    bool want;

    seed = seed * 1664525u + 1013904223u;
    len = (seed >> 8) % sizeof buf;
    for (size_t i = 0; i < len; i++) {
      seed = seed * 1664525u + 1013904223u;
      buf[i] = pool[(seed >> 8) % COUNT(pool)];
    }
    want = reference_validate(buf, len, &want_count, &want_bad);
    assert_int_equal(bw_utf8_validate(buf, len, &count, &bad), want);
    if (want)
      assert_int_equal(count, want_count);
    else
      assert_int_equal(bad, want_bad);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_utf8_empty),
    cmocka_unit_test(test_utf8_ascii),
    cmocka_unit_test(test_utf8_two_bytes),
    cmocka_unit_test(test_utf8_three_bytes),
    cmocka_unit_test(test_utf8_four_bytes),
    cmocka_unit_test(test_utf8_mixed_count),
    cmocka_unit_test(test_utf8_overlong_two_bytes),
    cmocka_unit_test(test_utf8_overlong_three_bytes),
    cmocka_unit_test(test_utf8_overlong_four_bytes),
    cmocka_unit_test(test_utf8_surrogates),
    cmocka_unit_test(test_utf8_above_10ffff),
    cmocka_unit_test(test_utf8_truncated_at_each_position),
    cmocka_unit_test(test_utf8_truncated_before_ascii),
    cmocka_unit_test(test_utf8_stray_continuation),
    cmocka_unit_test(test_utf8_bytes_that_never_appear),
    cmocka_unit_test(test_utf8_non_ascii_at_every_offset),
    cmocka_unit_test(test_utf8_short_strings_every_offset),
    cmocka_unit_test(test_utf8_null_outputs),
    cmocka_unit_test(test_utf8_every_two_and_three_byte_sequence),
    cmocka_unit_test(test_utf8_four_byte_leads_and_seconds),
    cmocka_unit_test(test_utf8_random_text_matches_reference),
  };

  return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
