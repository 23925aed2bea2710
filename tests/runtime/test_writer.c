/* test_writer.c: appending to a fixed buffer, and reading it back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "boundwire.h"

/* Bytes past the writer's capacity hold this, to catch stray writes. */
#define GUARD 0x5a

static void expect_untouched(const uint8_t *buf, size_t from, size_t to)
{
  for (size_t i = from; i < to; i++)
    assert_int_equal(buf[i], GUARD);
}

static void test_writer_fields_read_back(void **state)
{
  uint8_t buf[64];
  bw_writer w;
  bw_reader r;
  bw_error err;
  bw_tag tag;
  bw_span span;
  uint64_t v;
  uint32_t f32;
  uint64_t f64;

  (void)state;
  bw_error_clear(&err);
  bw_writer_init(&w, buf, sizeof buf);
  assert_true(bw_writer_write_tag(&w, 1, BW_WIRE_VARINT, &err));
  assert_true(bw_writer_write_varint(&w, 300, &err));
  assert_true(bw_writer_write_tag(&w, 2, BW_WIRE_LEN, &err));
  assert_true(bw_writer_write_len(&w, "hey", 3, &err));
  assert_true(bw_writer_write_tag(&w, 3, BW_WIRE_FIXED32, &err));
  assert_true(bw_writer_write_fixed32(&w, 0xdeadbeefu, &err));
  assert_true(bw_writer_write_tag(&w, 4, BW_WIRE_FIXED64, &err));
  assert_true(bw_writer_write_fixed64(&w, UINT64_MAX, &err));
  assert_int_equal(bw_writer_len(&w), 3 + 5 + 5 + 9);

  bw_reader_init(&r, buf, bw_writer_len(&w));
  assert_true(bw_reader_read_tag(&r, &tag, &err));
  assert_true(bw_reader_read_varint(&r, &v, &err));
  assert_true(bw_reader_read_tag(&r, &tag, &err));
  assert_true(bw_reader_read_len(&r, &span, &err));
  assert_true(bw_reader_read_tag(&r, &tag, &err));
  assert_true(bw_reader_read_fixed32(&r, &f32, &err));
  assert_true(bw_reader_read_tag(&r, &tag, &err));
  assert_true(bw_reader_read_fixed64(&r, &f64, &err));
  assert_true(v == 300 && f32 == 0xdeadbeefu && f64 == UINT64_MAX);
  assert_memory_equal(span.data, "hey", 3);
  assert_true(bw_reader_at_end(&r));
}

static void test_writer_varint_overflow(void **state)
{
  uint8_t buf[4];
  bw_writer w;
  bw_error err;

  (void)state;
  memset(buf, GUARD, sizeof buf);
  bw_error_clear(&err);
  bw_writer_init(&w, buf, 1);
  assert_false(bw_writer_write_varint(&w, 300, &err));
  assert_int_equal(err.code, BW_ERR_OUTPUT_FULL);
  assert_true(err.value.u == 2 && err.limit.u == 1);
  assert_int_equal(bw_writer_len(&w), 0);
  expect_untouched(buf, 0, sizeof buf);
}

static void test_writer_exactly_full(void **state)
{
  uint8_t buf[6];
  bw_writer w;
  bw_error err;

  (void)state;
  memset(buf, GUARD, sizeof buf);
  bw_error_clear(&err);
  bw_writer_init(&w, buf, 4);
  assert_true(bw_writer_write_fixed32(&w, 1, &err));
  assert_int_equal(bw_writer_remaining(&w), 0);
  assert_false(bw_writer_write_raw(&w, "x", 1, &err));
  assert_int_equal(err.code, BW_ERR_OUTPUT_FULL);
  assert_int_equal(err.offset, 4);
  expect_untouched(buf, 4, sizeof buf);
}

static void test_writer_fixed64_overflow(void **state)
{
  uint8_t buf[10];
  bw_writer w;
  bw_error err;

  (void)state;
  memset(buf, GUARD, sizeof buf);
  bw_error_clear(&err);
  bw_writer_init(&w, buf, 7);
  assert_false(bw_writer_write_fixed64(&w, 1, &err));
  assert_int_equal(err.code, BW_ERR_OUTPUT_FULL);
  expect_untouched(buf, 0, sizeof buf);
}

/* The prefix fits but the payload does not: neither may be written. */
static void test_writer_len_all_or_nothing(void **state)
{
  uint8_t buf[8];
  bw_writer w;
  bw_error err;

  (void)state;
  memset(buf, GUARD, sizeof buf);
  bw_error_clear(&err);
  bw_writer_init(&w, buf, 4);
  assert_false(bw_writer_write_len(&w, "abcd", 4, &err));
  assert_int_equal(err.code, BW_ERR_OUTPUT_FULL);
  assert_true(err.value.u == 5 && err.limit.u == 4);
  assert_int_equal(bw_writer_len(&w), 0);
  expect_untouched(buf, 0, sizeof buf);
}

static void test_writer_len_absurd_length(void **state)
{
  uint8_t buf[8];
  bw_writer w;
  bw_error err;

  (void)state;
  bw_error_clear(&err);
  bw_writer_init(&w, buf, sizeof buf);
  assert_false(bw_writer_write_len(&w, buf, SIZE_MAX, &err));
  assert_int_equal(err.code, BW_ERR_OUTPUT_FULL);
  assert_true(err.value.u == SIZE_MAX);
}

static void test_writer_empty_len(void **state)
{
  uint8_t buf[1];
  bw_writer w;
  bw_error err;

  (void)state;
  bw_error_clear(&err);
  bw_writer_init(&w, buf, sizeof buf);
  assert_true(bw_writer_write_len(&w, NULL, 0, &err));
  assert_int_equal(buf[0], 0);
  assert_true(bw_writer_write_raw(&w, NULL, 0, &err));
  assert_int_equal(bw_writer_len(&w), 1);
}

static void test_writer_without_buffer(void **state)
{
  bw_writer w;
  bw_error err;

  (void)state;
  bw_error_clear(&err);
  bw_writer_init(&w, NULL, 0);
  assert_true(bw_writer_write_raw(&w, NULL, 0, &err));
  assert_false(bw_writer_write_varint(&w, 0, &err));
  assert_int_equal(err.code, BW_ERR_OUTPUT_FULL);
}

static void expect_bad_tag(uint32_t field, bw_wire_type wire_type,
                           bw_code code)
{
  uint8_t buf[16];
  bw_writer w;
  bw_error err;

  bw_error_clear(&err);
  bw_writer_init(&w, buf, sizeof buf);
  assert_false(bw_writer_write_tag(&w, field, wire_type, &err));
  assert_int_equal(err.code, code);
  assert_int_equal(bw_writer_len(&w), 0);
}

static void test_writer_tag_refused(void **state)
{
  (void)state;
  expect_bad_tag(0, BW_WIRE_VARINT, BW_ERR_BAD_FIELD_NUMBER);
  expect_bad_tag(1u << 29, BW_WIRE_VARINT, BW_ERR_BAD_FIELD_NUMBER);
  expect_bad_tag(1, BW_WIRE_SGROUP, BW_ERR_GROUP_WIRE_TYPE);
  expect_bad_tag(1, BW_WIRE_EGROUP, BW_ERR_GROUP_WIRE_TYPE);
  expect_bad_tag(1, (bw_wire_type)6, BW_ERR_BAD_WIRE_TYPE);
}

static void test_writer_tag_largest_field(void **state)
{
  uint8_t buf[8];
  bw_writer w;
  bw_error err;

  (void)state;
  bw_error_clear(&err);
  bw_writer_init(&w, buf, sizeof buf);
  assert_true(bw_writer_write_tag(&w, BW_MAX_FIELD_NUMBER, BW_WIRE_LEN,
                                  &err));
  assert_int_equal(bw_writer_len(&w), 5);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_writer_fields_read_back),
    cmocka_unit_test(test_writer_varint_overflow),
    cmocka_unit_test(test_writer_exactly_full),
    cmocka_unit_test(test_writer_fixed64_overflow),
    cmocka_unit_test(test_writer_len_all_or_nothing),
    cmocka_unit_test(test_writer_len_absurd_length),
    cmocka_unit_test(test_writer_empty_len),
    cmocka_unit_test(test_writer_without_buffer),
    cmocka_unit_test(test_writer_tag_refused),
    cmocka_unit_test(test_writer_tag_largest_field),
  };

  return cmocka_run_group_tests_name("writer", tests, NULL, NULL);
}
