/* test_varint.c: varints, zigzag, fixed-width values and float casts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "boundwire.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Decodes BUF and checks that it gives WANT in N bytes. */
static void expect_decode(const uint8_t *buf, size_t len, uint64_t want,
                          size_t n)
{
  uint64_t value = 0;
  bw_code code = BW_OK;

  assert_int_equal(bw_varint_decode(buf, len, &value, &code), n);
  assert_true(value == want);
  assert_int_equal(code, BW_OK);
}

/* Decodes BUF and checks that it fails with WANT, value untouched. */
static void expect_reject(const uint8_t *buf, size_t len, bw_code want)
{
  uint64_t value = 12345;
  bw_code code = BW_OK;

  assert_int_equal(bw_varint_decode(buf, len, &value, &code), 0);
  assert_int_equal(code, want);
  assert_true(value == 12345);
}

static void test_varint_decode_zero(void **state)
{
  const uint8_t buf[] = {0x00};

  (void)state;
  expect_decode(buf, sizeof buf, 0, 1);
}

static void test_varint_decode_127(void **state)
{
  const uint8_t buf[] = {0x7f};

  (void)state;
  expect_decode(buf, sizeof buf, 127, 1);
}

static void test_varint_decode_128(void **state)
{
  const uint8_t buf[] = {0x80, 0x01};

  (void)state;
  expect_decode(buf, sizeof buf, 128, 2);
}

static void test_varint_decode_300(void **state)
{
  const uint8_t buf[] = {0xac, 0x02};

  (void)state;
  expect_decode(buf, sizeof buf, 300, 2);
}

static void test_varint_decode_2_pow_63(void **state)
{
  const uint8_t buf[] = {0x80, 0x80, 0x80, 0x80, 0x80,
                         0x80, 0x80, 0x80, 0x80, 0x01};

  (void)state;
  expect_decode(buf, sizeof buf, UINT64_C(1) << 63, 10);
}

static void test_varint_decode_uint64_max(void **state)
{
  const uint8_t buf[] = {0xff, 0xff, 0xff, 0xff, 0xff,
                         0xff, 0xff, 0xff, 0xff, 0x01};

  (void)state;
  expect_decode(buf, sizeof buf, UINT64_MAX, 10);
}

static void test_varint_decode_ignores_trailing_bytes(void **state)
{
  const uint8_t buf[] = {0x96, 0x01, 0xff, 0xff};

  (void)state;
  expect_decode(buf, sizeof buf, 150, 2);
}

static const uint64_t round_trip_values[] = {
  0, 1, 127, 128, 255, 300, 16383, 16384, UINT32_MAX,
  (uint64_t)UINT32_MAX + 1, UINT64_C(1) << 56, (UINT64_C(1) << 63) - 1,
  UINT64_C(1) << 63, UINT64_MAX - 1, UINT64_MAX,
};

static void test_varint_round_trip(void **state)
{
  (void)state;
  for (size_t i = 0; i < COUNT(round_trip_values); i++) {
    uint8_t buf[BW_MAX_VARINT_BYTES];
    uint64_t v = round_trip_values[i];
    size_t n = bw_varint_encode(v, buf);

    assert_int_equal(n, bw_varint_size(v));
    expect_decode(buf, n, v, n);
  }
}

static void test_varint_encode_uint64_max_bytes(void **state)
{
  const uint8_t want[] = {0xff, 0xff, 0xff, 0xff, 0xff,
                          0xff, 0xff, 0xff, 0xff, 0x01};
  uint8_t buf[BW_MAX_VARINT_BYTES];

  (void)state;
  assert_int_equal(bw_varint_encode(UINT64_MAX, buf), 10);
  assert_memory_equal(buf, want, sizeof want);
}

static void test_varint_size_at_each_boundary(void **state)
{
  (void)state;
  assert_int_equal(bw_varint_size(0), 1);
  for (unsigned k = 1; k < 10; k++) {
    uint64_t first = UINT64_C(1) << (7 * k);

    assert_int_equal(bw_varint_size(first - 1), k);
    assert_int_equal(bw_varint_size(first), k + 1);
  }
  assert_int_equal(bw_varint_size(UINT64_MAX), 10);
}

/* With ten bytes or more to read, the decoder takes eight at once; the
 * bytes after the varint (here 0xff, which would continue it) must not
 * count.  Every length from 1 to 10, at both ends of its range. */
static void test_varint_padded_every_length(void **state)
{
  (void)state;
  for (unsigned bits = 7; bits <= 70; bits += 7) {
    uint64_t top = bits >= 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
    uint64_t values[2] = { bits == 7 ? 0 : UINT64_C(1) << (bits - 7), top };

    for (size_t i = 0; i < COUNT(values); i++) {
      uint8_t buf[BW_MAX_VARINT_BYTES + 6];
      size_t n;

      memset(buf, 0xff, sizeof buf);
      n = bw_varint_encode(values[i], buf);
      assert_int_equal(n, bits / 7);
      expect_decode(buf, sizeof buf, values[i], n);
    }
  }
}

/* A last byte of 0 after others, at every length, with bytes to spare. */
static void test_varint_padded_not_minimal(void **state)
{
  (void)state;
  for (size_t n = 2; n <= BW_MAX_VARINT_BYTES; n++) {
    uint8_t buf[BW_MAX_VARINT_BYTES + 6];

    memset(buf, 0xff, sizeof buf);
    memset(buf, 0x80, n - 1);
    buf[n - 1] = 0x00;
    expect_reject(buf, sizeof buf, BW_ERR_VARINT_NOT_MINIMAL);
  }
}

/* The tenth byte's checks, with bytes to spare after it. */
static void test_varint_padded_tenth_byte(void **state)
{
  uint8_t buf[BW_MAX_VARINT_BYTES + 6];

  (void)state;
  memset(buf, 0xff, sizeof buf);
  buf[9] = 0x02;
  expect_reject(buf, sizeof buf, BW_ERR_VARINT_OVERFLOW);
  buf[9] = 0x81;
  expect_reject(buf, sizeof buf, BW_ERR_VARINT_TOO_LONG);
  buf[9] = 0x01;
  expect_decode(buf, sizeof buf, UINT64_MAX, BW_MAX_VARINT_BYTES);
}

static void test_varint_every_truncation(void **state)
{
  (void)state;
  for (size_t i = 0; i < COUNT(round_trip_values); i++) {
    uint8_t buf[BW_MAX_VARINT_BYTES];
    size_t n = bw_varint_encode(round_trip_values[i], buf);

    for (size_t cut = 0; cut < n; cut++)
      expect_reject(buf, cut, BW_ERR_TRUNCATED);
  }
}

static void test_varint_eleven_bytes(void **state)
{
  const uint8_t buf[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                         0xff, 0xff, 0xff, 0x81, 0x01};

  (void)state;
  expect_reject(buf, sizeof buf, BW_ERR_VARINT_TOO_LONG);
}

static void test_varint_ten_continuation_bytes(void **state)
{
  const uint8_t buf[] = {0x80, 0x80, 0x80, 0x80, 0x80,
                         0x80, 0x80, 0x80, 0x80, 0x80};

  (void)state;
  expect_reject(buf, sizeof buf, BW_ERR_VARINT_TOO_LONG);
}

static void test_varint_tenth_byte_two(void **state)
{
  const uint8_t buf[] = {0xff, 0xff, 0xff, 0xff, 0xff,
                         0xff, 0xff, 0xff, 0xff, 0x02};

  (void)state;
  expect_reject(buf, sizeof buf, BW_ERR_VARINT_OVERFLOW);
}

static void test_varint_tenth_byte_7f(void **state)
{
  const uint8_t buf[] = {0x80, 0x80, 0x80, 0x80, 0x80,
                         0x80, 0x80, 0x80, 0x80, 0x7f};

  (void)state;
  expect_reject(buf, sizeof buf, BW_ERR_VARINT_OVERFLOW);
}

static void test_varint_not_minimal_80_00(void **state)
{
  const uint8_t buf[] = {0x80, 0x00};

  (void)state;
  expect_reject(buf, sizeof buf, BW_ERR_VARINT_NOT_MINIMAL);
}

static void test_varint_not_minimal_ff_00(void **state)
{
  const uint8_t buf[] = {0xff, 0x00};

  (void)state;
  expect_reject(buf, sizeof buf, BW_ERR_VARINT_NOT_MINIMAL);
}

static void test_varint_not_minimal_three_bytes(void **state)
{
  const uint8_t buf[] = {0x81, 0x80, 0x00};

  (void)state;
  expect_reject(buf, sizeof buf, BW_ERR_VARINT_NOT_MINIMAL);
}

static void test_varint_not_minimal_tenth_byte_zero(void **state)
{
  const uint8_t buf[] = {0xff, 0xff, 0xff, 0xff, 0xff,
                         0xff, 0xff, 0xff, 0xff, 0x00};

  (void)state;
  expect_reject(buf, sizeof buf, BW_ERR_VARINT_NOT_MINIMAL);
}

static void test_zigzag_small_values(void **state)
{
  (void)state;
  assert_true(bw_zigzag_encode64(0) == 0);
  assert_true(bw_zigzag_encode64(-1) == 1);
  assert_true(bw_zigzag_encode64(1) == 2);
  assert_true(bw_zigzag_encode64(-2) == 3);
  assert_true(bw_zigzag_encode32(-64) == 127);
  assert_true(bw_zigzag_encode32(64) == 128);
}

static void test_zigzag64_edges(void **state)
{
  (void)state;
  assert_true(bw_zigzag_encode64(INT64_MAX) == UINT64_MAX - 1);
  assert_true(bw_zigzag_encode64(INT64_MIN) == UINT64_MAX);
  assert_true(bw_zigzag_decode64(UINT64_MAX - 1) == INT64_MAX);
  assert_true(bw_zigzag_decode64(UINT64_MAX) == INT64_MIN);
}

static void test_zigzag32_edges(void **state)
{
  (void)state;
  assert_true(bw_zigzag_encode32(INT32_MAX) == UINT32_MAX - 1);
  assert_true(bw_zigzag_encode32(INT32_MIN) == UINT32_MAX);
  assert_true(bw_zigzag_decode32(UINT32_MAX - 1) == INT32_MAX);
  assert_true(bw_zigzag_decode32(UINT32_MAX) == INT32_MIN);
}

static void test_zigzag_round_trip(void **state)
{
  const int64_t values[] = {0, 1, -1, 63, -64, 64, -65, INT32_MIN,
                            INT32_MAX, INT64_MIN + 1, INT64_MAX - 1};

  (void)state;
  for (size_t i = 0; i < COUNT(values); i++)
    assert_true(bw_zigzag_decode64(bw_zigzag_encode64(values[i])) ==
                values[i]);
  for (int32_t v = -70000; v <= 70000; v += 7)
    assert_true(bw_zigzag_decode32(bw_zigzag_encode32(v)) == v);
}

static void test_fixed32_little_endian(void **state)
{
  const uint8_t want[] = {0x78, 0x56, 0x34, 0x12};
  uint8_t buf[4];

  (void)state;
  bw_fixed32_write(buf, 0x12345678u);
  assert_memory_equal(buf, want, sizeof want);
  assert_true(bw_fixed32_read(want) == 0x12345678u);
}

static void test_fixed64_little_endian(void **state)
{
  const uint8_t want[] = {0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23, 0x01};
  uint8_t buf[8];

  (void)state;
  bw_fixed64_write(buf, UINT64_C(0x0123456789abcdef));
  assert_memory_equal(buf, want, sizeof want);
  assert_true(bw_fixed64_read(want) == UINT64_C(0x0123456789abcdef));
}

static void test_float_bit_casts(void **state)
{
  (void)state;
  assert_true(bw_float_to_bits(1.0f) == 0x3f800000u);
  assert_true(bw_float_to_bits(-0.0f) == 0x80000000u);
  assert_true(bw_float_from_bits(0x40490fdbu) == 3.14159274101257324f);
  /* A NaN's payload survives the round trip: the cast copies bits. */
  assert_true(bw_float_to_bits(bw_float_from_bits(0x7fc00123u)) ==
              0x7fc00123u);
}

static void test_double_bit_casts(void **state)
{
  (void)state;
  assert_true(bw_double_to_bits(1.0) == UINT64_C(0x3ff0000000000000));
  assert_true(bw_double_from_bits(UINT64_C(0xc000000000000000)) == -2.0);
  assert_true(bw_double_to_bits(bw_double_from_bits(
                  UINT64_C(0x7ff8000000000abc))) ==
              UINT64_C(0x7ff8000000000abc));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_varint_decode_zero),
    cmocka_unit_test(test_varint_decode_127),
    cmocka_unit_test(test_varint_decode_128),
    cmocka_unit_test(test_varint_decode_300),
    cmocka_unit_test(test_varint_decode_2_pow_63),
    cmocka_unit_test(test_varint_decode_uint64_max),
    cmocka_unit_test(test_varint_decode_ignores_trailing_bytes),
    cmocka_unit_test(test_varint_round_trip),
    cmocka_unit_test(test_varint_encode_uint64_max_bytes),
    cmocka_unit_test(test_varint_size_at_each_boundary),
    cmocka_unit_test(test_varint_padded_every_length),
    cmocka_unit_test(test_varint_padded_not_minimal),
    cmocka_unit_test(test_varint_padded_tenth_byte),
    cmocka_unit_test(test_varint_every_truncation),
    cmocka_unit_test(test_varint_eleven_bytes),
    cmocka_unit_test(test_varint_ten_continuation_bytes),
    cmocka_unit_test(test_varint_tenth_byte_two),
    cmocka_unit_test(test_varint_tenth_byte_7f),
    cmocka_unit_test(test_varint_not_minimal_80_00),
    cmocka_unit_test(test_varint_not_minimal_ff_00),
    cmocka_unit_test(test_varint_not_minimal_three_bytes),
    cmocka_unit_test(test_varint_not_minimal_tenth_byte_zero),
    cmocka_unit_test(test_zigzag_small_values),
    cmocka_unit_test(test_zigzag64_edges),
    cmocka_unit_test(test_zigzag32_edges),
    cmocka_unit_test(test_zigzag_round_trip),
    cmocka_unit_test(test_fixed32_little_endian),
    cmocka_unit_test(test_fixed64_little_endian),
    cmocka_unit_test(test_float_bit_casts),
    cmocka_unit_test(test_double_bit_casts),
  };

  return cmocka_run_group_tests_name("varint", tests, NULL, NULL);
}
