/* test_reader.c: the bounds-checked reader over untrusted input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "boundwire.h"

/* Checks that ERR holds CODE at byte OFFSET. */
static void expect_error(const bw_error *err, bw_code code, size_t offset)
{
  assert_int_equal(err->code, code);
  assert_int_equal(err->offset, offset);
}

static void test_reader_varint(void **state)
{
  const uint8_t in[] = {0x96, 0x01, 0x05};
  bw_reader r;
  bw_error err;
  uint64_t v = 0;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, in, sizeof in);
  assert_true(bw_reader_read_varint(&r, &v, &err));
  assert_true(v == 150);
  assert_int_equal(bw_reader_offset(&r), 2);
  assert_int_equal(bw_reader_remaining(&r), 1);
  assert_int_equal(err.code, BW_OK);
}

static void test_reader_varint_truncated(void **state)
{
  const uint8_t in[] = {0x08, 0x96};
  bw_reader r;
  bw_error err;
  bw_tag tag;
  uint64_t v = 7;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, in, sizeof in);
  assert_true(bw_reader_read_tag(&r, &tag, &err));
  assert_false(bw_reader_read_varint(&r, &v, &err));
  expect_error(&err, BW_ERR_TRUNCATED, 1);
  assert_int_equal(bw_reader_offset(&r), 1);
  assert_true(v == 7);
}

static void test_reader_varint_not_minimal(void **state)
{
  const uint8_t in[] = {0x08, 0x80, 0x00};
  bw_reader r;
  bw_error err;
  uint64_t v;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, in + 1, 2);
  assert_false(bw_reader_read_varint(&r, &v, &err));
  expect_error(&err, BW_ERR_VARINT_NOT_MINIMAL, 0);
}

static void test_reader_empty_input(void **state)
{
  bw_reader r;
  bw_error err;
  bw_tag tag;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, NULL, 0);
  assert_true(bw_reader_at_end(&r));
  assert_false(bw_reader_read_tag(&r, &tag, &err));
  expect_error(&err, BW_ERR_TRUNCATED, 0);
}

/* Reads one tag from IN and checks it fails with CODE and VALUE. */
static void expect_bad_tag(const uint8_t *in, size_t len, bw_code code,
                           uint64_t value)
{
  bw_reader r;
  bw_error err;
  bw_tag tag;

  bw_error_clear(&err);
  bw_reader_init(&r, in, len);
  assert_false(bw_reader_read_tag(&r, &tag, &err));
  expect_error(&err, code, 0);
  assert_int_equal(err.value.kind, BW_NUM_UINT);
  assert_true(err.value.u == value);
  assert_int_equal(bw_reader_offset(&r), 0);
}

static void test_reader_tag_valid(void **state)
{
  const uint8_t in[] = {0x08, 0x12, 0x1d, 0x21};
  const bw_wire_type want[] = {BW_WIRE_VARINT, BW_WIRE_LEN, BW_WIRE_FIXED32,
                               BW_WIRE_FIXED64};
  bw_reader r;
  bw_error err;
  bw_tag tag;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, in, sizeof in);
  for (unsigned i = 0; i < 4; i++) {
    assert_true(bw_reader_read_tag(&r, &tag, &err));
    assert_int_equal(tag.field, i + 1);
    assert_int_equal(tag.wire_type, want[i]);
    assert_int_equal(tag.offset, i);
  }
}

static void test_reader_tag_largest_field(void **state)
{
  uint8_t in[BW_MAX_VARINT_BYTES];
  size_t n = bw_varint_encode((uint64_t)BW_MAX_FIELD_NUMBER << 3 | 2, in);
  bw_reader r;
  bw_error err;
  bw_tag tag;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, in, n);
  assert_true(bw_reader_read_tag(&r, &tag, &err));
  assert_int_equal(tag.field, (1u << 29) - 1);
  assert_int_equal(tag.wire_type, BW_WIRE_LEN);
}

static void test_reader_tag_field_zero(void **state)
{
  const uint8_t varint[] = {0x00};
  const uint8_t len[] = {0x02};

  (void)state;
  expect_bad_tag(varint, sizeof varint, BW_ERR_BAD_FIELD_NUMBER, 0);
  expect_bad_tag(len, sizeof len, BW_ERR_BAD_FIELD_NUMBER, 0);
}

static void test_reader_tag_field_too_large(void **state)
{
  uint8_t in[BW_MAX_VARINT_BYTES];
  size_t n = bw_varint_encode(UINT64_C(1) << 32, in);

  (void)state;
  expect_bad_tag(in, n, BW_ERR_BAD_FIELD_NUMBER, UINT64_C(1) << 29);
  n = bw_varint_encode(UINT64_MAX, in);
  expect_bad_tag(in, n, BW_ERR_BAD_FIELD_NUMBER, UINT64_MAX >> 3);
}

static void test_reader_tag_group_wire_types(void **state)
{
  const uint8_t start[] = {0x0b};
  const uint8_t end[] = {0x0c};

  (void)state;
  expect_bad_tag(start, sizeof start, BW_ERR_GROUP_WIRE_TYPE, 3);
  expect_bad_tag(end, sizeof end, BW_ERR_GROUP_WIRE_TYPE, 4);
}

static void test_reader_tag_invalid_wire_types(void **state)
{
  const uint8_t six[] = {0x0e};
  const uint8_t seven[] = {0x0f};

  (void)state;
  expect_bad_tag(six, sizeof six, BW_ERR_BAD_WIRE_TYPE, 6);
  expect_bad_tag(seven, sizeof seven, BW_ERR_BAD_WIRE_TYPE, 7);
}

static void test_reader_tag_expect_wrong_wire_type(void **state)
{
  const uint8_t in[] = {0x08, 0x01, 0x12, 0x00};
  bw_reader r;
  bw_error err;
  bw_tag tag;
  uint64_t v;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, in, sizeof in);
  assert_true(bw_reader_read_tag(&r, &tag, &err));
  assert_true(bw_reader_read_varint(&r, &v, &err));
  assert_true(bw_reader_read_tag(&r, &tag, &err));
  assert_true(bw_tag_expect(tag, BW_WIRE_LEN, &err));
  assert_false(bw_tag_expect(tag, BW_WIRE_VARINT, &err));
  expect_error(&err, BW_ERR_WRONG_WIRE_TYPE, 2);
  assert_true(err.value.u == BW_WIRE_LEN);
  assert_true(err.limit.u == BW_WIRE_VARINT);
}

static void test_reader_fixed(void **state)
{
  const uint8_t in[] = {0x01, 0x02, 0x03, 0x04, 0x01, 0x02, 0x03,
                        0x04, 0x05, 0x06, 0x07, 0x08};
  bw_reader r;
  bw_error err;
  uint32_t a = 0;
  uint64_t b = 0;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, in, sizeof in);
  assert_true(bw_reader_read_fixed32(&r, &a, &err));
  assert_true(bw_reader_read_fixed64(&r, &b, &err));
  assert_true(a == 0x04030201u);
  assert_true(b == UINT64_C(0x0807060504030201));
  assert_true(bw_reader_at_end(&r));
}

static void test_reader_fixed_truncated(void **state)
{
  const uint8_t in[8] = {0};
  bw_reader r;
  bw_error err;
  uint32_t a;
  uint64_t b;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, in, 3);
  assert_false(bw_reader_read_fixed32(&r, &a, &err));
  expect_error(&err, BW_ERR_TRUNCATED, 0);
  bw_error_clear(&err);
  bw_reader_init(&r, in, 7);
  assert_false(bw_reader_read_fixed64(&r, &b, &err));
  expect_error(&err, BW_ERR_TRUNCATED, 0);
  assert_int_equal(bw_reader_offset(&r), 0);
}

static void test_reader_len(void **state)
{
  const uint8_t in[] = {0x03, 'a', 'b', 'c', 0x00};
  bw_reader r;
  bw_error err;
  bw_span span;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, in, sizeof in);
  assert_true(bw_reader_read_len(&r, &span, &err));
  assert_int_equal(span.len, 3);
  assert_memory_equal(span.data, "abc", 3);
  assert_true(bw_reader_read_len(&r, &span, &err));
  assert_int_equal(span.len, 0);
  assert_true(bw_reader_at_end(&r));
}

static void test_reader_len_past_end(void **state)
{
  const uint8_t in[] = {0x0a, 0x05, 'a', 'b'};
  bw_reader r;
  bw_error err;
  bw_span span;
  bw_tag tag;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, in, sizeof in);
  assert_true(bw_reader_read_tag(&r, &tag, &err));
  assert_false(bw_reader_read_len(&r, &span, &err));
  expect_error(&err, BW_ERR_LENGTH_PAST_END, 1);
  assert_true(err.value.u == 5);
  assert_true(err.limit.u == 2);
  assert_int_equal(bw_reader_offset(&r), 1);
}

/* What a generated decoder does for a bytes field: read the length, then
 * copy the payload into the arena. */
static bool decode_bytes(bw_reader *r, bw_arena *arena, bw_error *err)
{
  bw_span span;
  void *copy;

  if (!bw_reader_read_len(r, &span, err))
    return false;
  copy = bw_arena_alloc(arena, span.len, 1);
  if (copy == NULL)
    return bw_error_set(err, BW_ERR_ARENA_EXHAUSTED, 0);
  memcpy(copy, span.data, span.len);
  return true;
}

/* The 10 bytes are the varint 2^63 itself: the declared length dwarfs
 * the input, and the decode must stop before anything is reserved. */
static void test_reader_len_2_pow_63(void **state)
{
  const uint8_t in[] = {0x80, 0x80, 0x80, 0x80, 0x80,
                        0x80, 0x80, 0x80, 0x80, 0x01};
  unsigned char memory[64];
  bw_arena arena;
  bw_reader r;
  bw_error err;

  (void)state;
  bw_error_clear(&err);
  bw_arena_init(&arena, memory, sizeof memory);
  bw_reader_init(&r, in, sizeof in);
  assert_false(decode_bytes(&r, &arena, &err));
  expect_error(&err, BW_ERR_LENGTH_PAST_END, 0);
  assert_true(err.value.u == UINT64_C(1) << 63);
  assert_true(err.limit.u == 0);
  assert_int_equal(bw_arena_used(&arena), 0);
}

static void test_reader_len_uint64_max(void **state)
{
  uint8_t in[BW_MAX_VARINT_BYTES + 4] = {0};
  size_t n = bw_varint_encode(UINT64_MAX, in);
  bw_reader r;
  bw_error err;
  bw_span span;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, in, n + 4);
  assert_false(bw_reader_read_len(&r, &span, &err));
  expect_error(&err, BW_ERR_LENGTH_PAST_END, 0);
  assert_true(err.limit.u == 4);
}

static void test_reader_len_truncated_prefix(void **state)
{
  const uint8_t in[] = {0x80};
  bw_reader r;
  bw_error err;
  bw_span span;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, in, sizeof in);
  assert_false(bw_reader_read_len(&r, &span, &err));
  expect_error(&err, BW_ERR_TRUNCATED, 0);
}

static void test_reader_utf8(void **state)
{
  const uint8_t in[] = {0x05, 'a', 0xc3, 0xa9, 'b', 'c'};
  bw_reader r;
  bw_error err;
  bw_span span;
  size_t points = 0;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, in, sizeof in);
  assert_true(bw_reader_read_utf8(&r, &span, &points, &err));
  assert_int_equal(points, 4);
  assert_int_equal(span.len, 5);
}

static void test_reader_utf8_invalid_offset(void **state)
{
  const uint8_t in[] = {0x12, 0x04, 'a', 'b', 0xc0, 0x80};
  bw_reader r;
  bw_error err;
  bw_span span;
  bw_tag tag;
  size_t points;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, in, sizeof in);
  assert_true(bw_reader_read_tag(&r, &tag, &err));
  assert_false(bw_reader_read_utf8(&r, &span, &points, &err));
  expect_error(&err, BW_ERR_INVALID_UTF8, 4);
  assert_int_equal(bw_reader_offset(&r), 1);
}

static void test_reader_sub_offsets_are_absolute(void **state)
{
  const uint8_t in[] = {0x0a, 0x03, 0x08, 0x96, 0x01, 0x10, 0x01};
  bw_reader r;
  bw_reader sub;
  bw_error err;
  bw_tag tag;
  uint64_t v;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, in, sizeof in);
  assert_true(bw_reader_read_tag(&r, &tag, &err));
  assert_true(bw_reader_read_sub(&r, &sub, &err));
  assert_true(bw_reader_read_tag(&sub, &tag, &err));
  assert_int_equal(tag.offset, 2);
  assert_true(bw_reader_read_varint(&sub, &v, &err));
  assert_true(v == 150);
  assert_true(bw_reader_at_end(&sub));
  assert_int_equal(bw_reader_offset(&r), 5);
}

/* The sub-reader must stop at its own end even though the parent's
 * buffer goes on: byte 0x01 after it finishes the varint in the parent
 * but not in the sub-message. */
static void test_reader_sub_is_bounded(void **state)
{
  const uint8_t in[] = {0x02, 0x08, 0x96, 0x01};
  bw_reader r;
  bw_reader sub;
  bw_error err;
  bw_tag tag;
  uint64_t v;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, in, sizeof in);
  assert_true(bw_reader_read_sub(&r, &sub, &err));
  assert_true(bw_reader_read_tag(&sub, &tag, &err));
  assert_false(bw_reader_read_varint(&sub, &v, &err));
  expect_error(&err, BW_ERR_TRUNCATED, 2);
}

static void test_reader_skip_each_wire_type(void **state)
{
  const uint8_t in[] = {
    0x08, 0xac, 0x02,                              /* 1: varint 300 */
    0x11, 1, 2, 3, 4, 5, 6, 7, 8,                  /* 2: fixed64 */
    0x1a, 0x02, 'h', 'i',                          /* 3: length 2 */
    0x25, 1, 2, 3, 4,                              /* 4: fixed32 */
    0x28, 0x2a,                                    /* 5: varint 42 */
  };
  bw_reader r;
  bw_error err;
  bw_tag tag;
  uint64_t v = 0;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, in, sizeof in);
  for (unsigned field = 1; field <= 4; field++) {
    assert_true(bw_reader_read_tag(&r, &tag, &err));
    assert_int_equal(tag.field, field);
    assert_true(bw_reader_skip(&r, tag, &err));
  }
  assert_true(bw_reader_read_tag(&r, &tag, &err));
  assert_true(bw_reader_read_varint(&r, &v, &err));
  assert_true(v == 42);
  assert_true(bw_reader_at_end(&r));
}

/* Skips one field from IN and checks the failure. */
static void expect_skip_fails(const uint8_t *in, size_t len, bw_code code,
                              size_t offset)
{
  bw_reader r;
  bw_error err;
  bw_tag tag;

  bw_error_clear(&err);
  bw_reader_init(&r, in, len);
  assert_true(bw_reader_read_tag(&r, &tag, &err));
  assert_false(bw_reader_skip(&r, tag, &err));
  expect_error(&err, code, offset);
  assert_int_equal(bw_reader_offset(&r), 1);
}

static void test_reader_skip_truncated(void **state)
{
  const uint8_t varint[] = {0x08, 0x80};
  const uint8_t fixed64[] = {0x09, 1, 2, 3, 4, 5, 6, 7};
  const uint8_t len[] = {0x0a, 0x03, 'a', 'b'};
  const uint8_t fixed32[] = {0x0d, 1, 2, 3};

  (void)state;
  expect_skip_fails(varint, sizeof varint, BW_ERR_TRUNCATED, 1);
  expect_skip_fails(fixed64, sizeof fixed64, BW_ERR_TRUNCATED, 1);
  expect_skip_fails(len, sizeof len, BW_ERR_LENGTH_PAST_END, 1);
  expect_skip_fails(fixed32, sizeof fixed32, BW_ERR_TRUNCATED, 1);
}

static void test_reader_skip_checks_varints(void **state)
{
  const uint8_t in[] = {0x08, 0x80, 0x00};

  (void)state;
  expect_skip_fails(in, sizeof in, BW_ERR_VARINT_NOT_MINIMAL, 1);
}

static void test_reader_skip_refuses_groups(void **state)
{
  const uint8_t in[] = {0x00, 0x00, 0x00};
  bw_tag tag = {7, BW_WIRE_SGROUP, 2};
  bw_reader r;
  bw_error err;

  (void)state;
  bw_error_clear(&err);
  bw_reader_init(&r, in, sizeof in);
  assert_false(bw_reader_skip(&r, tag, &err));
  expect_error(&err, BW_ERR_GROUP_WIRE_TYPE, 2);
  bw_error_clear(&err);
  tag.wire_type = (bw_wire_type)7;
  assert_false(bw_reader_skip(&r, tag, &err));
  expect_error(&err, BW_ERR_BAD_WIRE_TYPE, 2);
  assert_int_equal(bw_reader_offset(&r), 0);
}

/* A fixed-seed generator, so that a failure is reproducible. */
static uint32_t next_random(uint32_t *seed)
{
  *seed = *seed * 1664525u + 1013904223u;
  return *seed >> 8;
}

/* Walks one buffer as a decoder of unknown fields would.  The buffer is
 * allocated at its exact size so that the sanitizers and valgrind flag
 * any read past its end. */
static void walk_random_message(uint32_t *seed)
{
  size_t len = next_random(seed) % 48;
  uint8_t *buf = malloc(len ? len : 1);
  bw_reader r;
  bw_error err;
  bw_tag tag;

  assert_non_null(buf);
  for (size_t i = 0; i < len; i++)
    buf[i] = (uint8_t)next_random(seed);
  bw_error_clear(&err);
  bw_reader_init(&r, buf, len);
  while (!bw_reader_at_end(&r)) {
    if (!bw_reader_read_tag(&r, &tag, &err) ||
        !bw_reader_skip(&r, tag, &err))
      break;
  }
  assert_true(bw_reader_offset(&r) <= len);
  if (err.code != BW_OK)
    assert_true(err.offset < len || err.code == BW_ERR_TRUNCATED);
  free(buf);
}

static void test_reader_random_input_stays_in_bounds(void **state)
{
  uint32_t seed = 12345;

  (void)state;
  for (int i = 0; i < 20000; i++)
    walk_random_message(&seed);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_reader_varint),
    cmocka_unit_test(test_reader_varint_truncated),
    cmocka_unit_test(test_reader_varint_not_minimal),
    cmocka_unit_test(test_reader_empty_input),
    cmocka_unit_test(test_reader_tag_valid),
    cmocka_unit_test(test_reader_tag_largest_field),
    cmocka_unit_test(test_reader_tag_field_zero),
    cmocka_unit_test(test_reader_tag_field_too_large),
    cmocka_unit_test(test_reader_tag_group_wire_types),
    cmocka_unit_test(test_reader_tag_invalid_wire_types),
    cmocka_unit_test(test_reader_tag_expect_wrong_wire_type),
    cmocka_unit_test(test_reader_fixed),
    cmocka_unit_test(test_reader_fixed_truncated),
    cmocka_unit_test(test_reader_len),
    cmocka_unit_test(test_reader_len_past_end),
    cmocka_unit_test(test_reader_len_2_pow_63),
    cmocka_unit_test(test_reader_len_uint64_max),
    cmocka_unit_test(test_reader_len_truncated_prefix),
    cmocka_unit_test(test_reader_utf8),
    cmocka_unit_test(test_reader_utf8_invalid_offset),
    cmocka_unit_test(test_reader_sub_offsets_are_absolute),
    cmocka_unit_test(test_reader_sub_is_bounded),
    cmocka_unit_test(test_reader_skip_each_wire_type),
    cmocka_unit_test(test_reader_skip_truncated),
    cmocka_unit_test(test_reader_skip_checks_varints),
    cmocka_unit_test(test_reader_skip_refuses_groups),
    cmocka_unit_test(test_reader_random_input_stays_in_bounds),
  };

  return cmocka_run_group_tests_name("reader", tests, NULL, NULL);
}
