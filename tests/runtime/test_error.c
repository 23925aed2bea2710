/* test_error.c: first-error-wins, field paths and error text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "boundwire.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int setup(void **state)
{
  static bw_error err;

  bw_error_clear(&err);
  *state = &err;
  return 0;
}

/* Formats ERR and compares with WANT, checking the returned length. */
static void expect_text(const bw_error *err, const char *want)
{
  char buf[512];
  size_t n = bw_error_format(err, buf, sizeof buf);

  assert_string_equal(buf, want);
  assert_int_equal(n, strlen(want));
}

static void set_above_maximum(bw_error *err, uint64_t value, uint64_t max)
{
  bw_error_set_detail(err, BW_ERR_ABOVE_MAXIMUM, 40, bw_num_uint(value),
                      bw_num_uint(max), "u32(1..1000)");
}

static void test_error_format_design_example(void **state)
{
  bw_error *err = *state;

  set_above_maximum(err, 1001, 1000);
  bw_error_prepend_field(err, "qty");
  bw_error_prepend_index(err, 3);
  bw_error_prepend_field(err, "items");
  assert_string_equal(bw_error_path(err), "items[3].qty");
  assert_string_equal(err->rule, "u32(1..1000)");
  expect_text(err, "items[3].qty: 1001 is above the maximum 1000");
}

static void test_error_format_top_level(void **state)
{
  bw_error *err = *state;

  set_above_maximum(err, 1001, 1000);
  assert_string_equal(bw_error_path(err), "");
  expect_text(err, "1001 is above the maximum 1000");
}

static void test_error_format_malformed_has_offset(void **state)
{
  bw_error *err = *state;

  bw_error_set(err, BW_ERR_TRUNCATED, 17);
  bw_error_prepend_field(err, "note");
  expect_text(err, "note: input ends inside a value at byte 17");
}

static void test_error_format_negative_values(void **state)
{
  bw_error *err = *state;

  bw_error_set_detail(err, BW_ERR_BELOW_MINIMUM, 0, bw_num_int(-5),
                      bw_num_int(-1), NULL);
  expect_text(err, "-5 is below the minimum -1");
}

static void test_error_format_floats(void **state)
{
  bw_error *err = *state;

  bw_error_set_detail(err, BW_ERR_ABOVE_MAXIMUM, 0, bw_num_float(50.5),
                      bw_num_float(50.0), NULL);
  bw_error_prepend_field(err, "weight");
  expect_text(err, "weight: 50.5 is above the maximum 50.0");
}

/* Each float is shown as the shortest text that reads back exactly, as
 * Python's repr() shows it. */
static void test_error_format_float_shortest(void **state)
{
  const struct {
    double value;
    const char *text;
  } cases[] = {
    {0.1, "0.1 is below the minimum 0.0"},
    {(double)0.1f, "0.10000000149011612 is below the minimum 0.0"},
    {1e16, "1e+16 is below the minimum 0.0"},
    {-0.0, "-0.0 is below the minimum 0.0"},
    {123456.0, "123456.0 is below the minimum 0.0"},
    {50.0, "50.0 is below the minimum 0.0"},
    {1e15, "1000000000000000.0 is below the minimum 0.0"},
    {0.0001, "0.0001 is below the minimum 0.0"},
    {0.00001, "1e-05 is below the minimum 0.0"},
    {1.5e300, "1.5e+300 is below the minimum 0.0"},
  };

  (void)state;
  for (size_t i = 0; i < COUNT(cases); i++) {
    bw_error err;

    bw_error_clear(&err);
    bw_error_set_detail(&err, BW_ERR_BELOW_MINIMUM, 0,
                        bw_num_float(cases[i].value), bw_num_float(0.0),
                        NULL);
    expect_text(&err, cases[i].text);
  }
}

static void test_error_format_not_finite(void **state)
{
  bw_error *err = *state;
  bw_error other;

  bw_error_set_detail(err, BW_ERR_NOT_FINITE, 0,
                      bw_num_float(bw_double_from_bits(
                          UINT64_C(0x7ff8000000000000))),
                      bw_num_none(), NULL);
  expect_text(err, "nan is not finite");
  bw_error_clear(&other);
  bw_error_set_detail(&other, BW_ERR_NOT_FINITE, 0,
                      bw_num_float(-bw_double_from_bits(
                          UINT64_C(0x7ff0000000000000))),
                      bw_num_none(), NULL);
  expect_text(&other, "-inf is not finite");
}

static void test_error_format_without_numbers(void **state)
{
  bw_error *err = *state;

  bw_error_set(err, BW_ERR_ABOVE_MAXIMUM, 0);
  bw_error_prepend_field(err, "qty");
  expect_text(err, "qty: value is above the maximum");
}

static void test_error_format_no_error(void **state)
{
  bw_error *err = *state;

  expect_text(err, "no error");
}

static void test_error_first_error_wins(void **state)
{
  bw_error *err = *state;

  assert_false(bw_error_set(err, BW_ERR_TRUNCATED, 3));
  assert_false(bw_error_set_detail(err, BW_ERR_ABOVE_MAXIMUM, 9,
                                   bw_num_uint(5), bw_num_uint(4), "x"));
  assert_int_equal(err->code, BW_ERR_TRUNCATED);
  assert_int_equal(err->offset, 3);
  assert_int_equal(err->value.kind, BW_NUM_NONE);
  assert_string_equal(err->rule, "");
}

static void test_error_set_ok_records_nothing(void **state)
{
  bw_error *err = *state;

  assert_false(bw_error_set(err, BW_OK, 3));
  assert_int_equal(err->code, BW_OK);
  bw_error_prepend_field(err, "x");
  assert_string_equal(bw_error_path(err), "");
}

static void test_error_clear_allows_a_new_error(void **state)
{
  bw_error *err = *state;

  bw_error_set(err, BW_ERR_TRUNCATED, 3);
  bw_error_prepend_field(err, "a");
  bw_error_clear(err);
  bw_error_set(err, BW_ERR_INVALID_UTF8, 5);
  assert_int_equal(err->code, BW_ERR_INVALID_UTF8);
  assert_string_equal(bw_error_path(err), "");
}

static void test_error_zeroed_is_clear(void **state)
{
  bw_error err;

  (void)state;
  memset(&err, 0, sizeof err);
  assert_int_equal(err.code, BW_OK);
  assert_string_equal(bw_error_path(&err), "");
  bw_error_set(&err, BW_ERR_TOO_LONG, 0);
  bw_error_prepend_field(&err, "name");
  assert_string_equal(bw_error_path(&err), "name");
}

static void test_error_path_nested_indices(void **state)
{
  bw_error *err = *state;

  bw_error_set(err, BW_ERR_NOT_FINITE, 0);
  bw_error_prepend_index(err, 2);
  bw_error_prepend_index(err, 1);
  bw_error_prepend_field(err, "grid");
  bw_error_prepend_field(err, "order");
  assert_string_equal(bw_error_path(err), "order.grid[1][2]");
}

static void test_error_path_map_keys(void **state)
{
  bw_error *err = *state;

  bw_error_set(err, BW_ERR_TOO_LONG, 0);
  bw_error_prepend_key_str(err, "red", 3);
  bw_error_prepend_field(err, "tags");
  bw_error_prepend_key_int(err, -7);
  bw_error_prepend_field(err, "by_id");
  bw_error_prepend_key_uint(err, UINT64_MAX);
  assert_string_equal(bw_error_path(err),
                      "[18446744073709551615].by_id[-7].tags[\"red\"]");
}

static void test_error_path_key_escapes(void **state)
{
  bw_error *err = *state;

  bw_error_set(err, BW_ERR_TOO_LONG, 0);
  bw_error_prepend_key_str(err, "a\"b\\c\x01\xff\xc3\xa9", 9);
  assert_string_equal(bw_error_path(err),
                      "[\"a\\\"b\\\\c\\x01\\xFF\xc3\xa9\"]");
}

static void test_error_path_long_key_is_cut(void **state)
{
  bw_error *err = *state;
  char key[40];

  memset(key, 'k', sizeof key);
  /* An é straddles the cut at 32 bytes: it must go whole. */
  key[31] = (char)0xc3;
  key[32] = (char)0xa9;
  bw_error_set(err, BW_ERR_TOO_LONG, 0);
  bw_error_prepend_key_str(err, key, sizeof key);
  assert_string_equal(bw_error_path(err),
                      "[\"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...\"]");
}

static void test_error_path_elided_when_full(void **state)
{
  bw_error *err = *state;
  char text[512];

  bw_error_set(err, BW_ERR_TOO_DEEP, 0);
  bw_error_prepend_field(err, "leaf");
  for (int i = 0; i < 100; i++)
    bw_error_prepend_field(err, "level");
  assert_true(err->path_elided);
  assert_true(strlen(bw_error_path(err)) < BW_ERROR_PATH_SIZE);
  bw_error_format(err, text, sizeof text);
  assert_memory_equal(text, "....level.level", 15);
  assert_non_null(strstr(text, "level.leaf: nesting too deep"));
}

static void test_error_path_innermost_too_long(void **state)
{
  bw_error *err = *state;
  char name[BW_ERROR_PATH_SIZE + 1];

  memset(name, 'n', sizeof name - 1);
  name[sizeof name - 1] = '\0';
  bw_error_set(err, BW_ERR_UNION_EMPTY, 0);
  bw_error_prepend_field(err, name);
  bw_error_prepend_field(err, "outer");
  expect_text(err, "...: union holds no member");
}

static void test_error_path_exactly_full(void **state)
{
  bw_error *err = *state;
  char name[BW_ERROR_PATH_SIZE];

  memset(name, 'n', sizeof name - 1);
  name[sizeof name - 1] = '\0';
  bw_error_set(err, BW_ERR_UNION_EMPTY, 0);
  bw_error_prepend_field(err, name);
  assert_false(err->path_elided);
  assert_string_equal(bw_error_path(err), name);
  bw_error_prepend_index(err, 0);
  assert_true(err->path_elided);
}

static void test_error_format_truncates_like_snprintf(void **state)
{
  bw_error *err = *state;
  const char *full = "items[3].qty: 1001 is above the maximum 1000";
  char small[8];

  set_above_maximum(err, 1001, 1000);
  bw_error_prepend_field(err, "qty");
  bw_error_prepend_index(err, 3);
  bw_error_prepend_field(err, "items");
  memset(small, 'x', sizeof small);
  assert_int_equal(bw_error_format(err, small, sizeof small), strlen(full));
  assert_string_equal(small, "items[3");
  assert_int_equal(bw_error_format(err, NULL, 0), strlen(full));
  assert_int_equal(bw_error_format(err, small, 1), strlen(full));
  assert_string_equal(small, "");
}

static void test_error_rule_is_cut_at_a_character(void **state)
{
  bw_error *err = *state;
  char rule[BW_ERROR_RULE_SIZE + 8];

  memset(rule, 'r', sizeof rule - 1);
  rule[sizeof rule - 1] = '\0';
  rule[BW_ERROR_RULE_SIZE - 2] = (char)0xc3;
  rule[BW_ERROR_RULE_SIZE - 1] = (char)0xa9;
  bw_error_set_detail(err, BW_ERR_TOO_LONG, 0, bw_num_none(),
                      bw_num_none(), rule);
  assert_int_equal(strlen(err->rule), BW_ERROR_RULE_SIZE - 2);
}

static const bw_code all_codes[] = {
  BW_ERR_TRUNCATED, BW_ERR_VARINT_TOO_LONG, BW_ERR_VARINT_OVERFLOW,
  BW_ERR_VARINT_NOT_MINIMAL, BW_ERR_BAD_FIELD_NUMBER,
  BW_ERR_GROUP_WIRE_TYPE, BW_ERR_BAD_WIRE_TYPE, BW_ERR_WRONG_WIRE_TYPE,
  BW_ERR_LENGTH_PAST_END, BW_ERR_DUPLICATE_FIELD, BW_ERR_INVALID_UTF8,
  BW_ERR_UNKNOWN_FIELD, BW_ERR_INVALID_BOOL, BW_ERR_BAD_PACKED_LENGTH,
  BW_ERR_DUPLICATE_KEY, BW_ERR_UNSORTED_KEYS,
  BW_ERR_BELOW_MINIMUM, BW_ERR_ABOVE_MAXIMUM, BW_ERR_TOO_SHORT,
  BW_ERR_TOO_LONG, BW_ERR_TOO_FEW, BW_ERR_TOO_MANY, BW_ERR_UNKNOWN_ENUM,
  BW_ERR_NOT_FINITE, BW_ERR_UNION_SEVERAL, BW_ERR_UNION_EMPTY,
  BW_ERR_TOO_DEEP, BW_ERR_MESSAGE_TOO_LARGE, BW_ERR_ARENA_EXHAUSTED,
  BW_ERR_OUTPUT_FULL,
};

static void test_error_every_code_has_name_and_text(void **state)
{
  (void)state;
  for (size_t i = 0; i < COUNT(all_codes); i++) {
    bw_error err;
    char text[128];

    bw_error_clear(&err);
    bw_error_set_detail(&err, all_codes[i], 0, bw_num_uint(7),
                        bw_num_uint(5), NULL);
    bw_error_format(&err, text, sizeof text);
    assert_string_not_equal(bw_code_name(all_codes[i]), "unknown");
    assert_string_not_equal(text, "unknown error");
    assert_null(strchr(text, '{'));
    for (size_t j = 0; j < i; j++)
      assert_string_not_equal(bw_code_name(all_codes[i]),
                              bw_code_name(all_codes[j]));
  }
}

static void test_error_code_names(void **state)
{
  (void)state;
  assert_string_equal(bw_code_name(BW_OK), "ok");
  assert_string_equal(bw_code_name(BW_ERR_ABOVE_MAXIMUM), "above_maximum");
  assert_string_equal(bw_code_name((bw_code)999), "unknown");
}

static void test_error_code_groups(void **state)
{
  (void)state;
  assert_int_equal(bw_code_group(BW_OK), BW_GROUP_NONE);
  assert_int_equal(bw_code_group(BW_ERR_TRUNCATED), BW_GROUP_MALFORMED);
  assert_int_equal(bw_code_group(BW_ERR_BAD_PACKED_LENGTH),
                   BW_GROUP_MALFORMED);
  assert_int_equal(bw_code_group(BW_ERR_BELOW_MINIMUM), BW_GROUP_CONSTRAINT);
  assert_int_equal(bw_code_group(BW_ERR_MESSAGE_TOO_LARGE),
                   BW_GROUP_CONSTRAINT);
  assert_int_equal(bw_code_group(BW_ERR_ARENA_EXHAUSTED), BW_GROUP_RESOURCE);
  assert_int_equal(bw_code_group(BW_ERR_OUTPUT_FULL), BW_GROUP_RESOURCE);
  assert_int_equal(bw_code_group((bw_code)150), BW_GROUP_NONE);
}

static void test_error_wire_messages(void **state)
{
  bw_error *err = *state;

  bw_error_set_detail(err, BW_ERR_LENGTH_PAST_END, 12,
                      bw_num_uint(UINT64_C(1) << 63), bw_num_uint(0), NULL);
  bw_error_prepend_field(err, "thumbnail");
  expect_text(err, "thumbnail: length 9223372036854775808 runs past the "
                   "end (0 bytes remain) at byte 12");
}

#define ERROR_TEST(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
  const struct CMUnitTest tests[] = {
    ERROR_TEST(test_error_format_design_example),
    ERROR_TEST(test_error_format_top_level),
    ERROR_TEST(test_error_format_malformed_has_offset),
    ERROR_TEST(test_error_format_negative_values),
    ERROR_TEST(test_error_format_floats),
    ERROR_TEST(test_error_format_float_shortest),
    ERROR_TEST(test_error_format_not_finite),
    ERROR_TEST(test_error_format_without_numbers),
    ERROR_TEST(test_error_format_no_error),
    ERROR_TEST(test_error_first_error_wins),
    ERROR_TEST(test_error_set_ok_records_nothing),
    ERROR_TEST(test_error_clear_allows_a_new_error),
    ERROR_TEST(test_error_zeroed_is_clear),
    ERROR_TEST(test_error_path_nested_indices),
    ERROR_TEST(test_error_path_map_keys),
    ERROR_TEST(test_error_path_key_escapes),
    ERROR_TEST(test_error_path_long_key_is_cut),
    ERROR_TEST(test_error_path_elided_when_full),
    ERROR_TEST(test_error_path_innermost_too_long),
    ERROR_TEST(test_error_path_exactly_full),
    ERROR_TEST(test_error_format_truncates_like_snprintf),
    ERROR_TEST(test_error_rule_is_cut_at_a_character),
    ERROR_TEST(test_error_every_code_has_name_and_text),
    ERROR_TEST(test_error_code_names),
    ERROR_TEST(test_error_code_groups),
    ERROR_TEST(test_error_wire_messages),
  };

  return cmocka_run_group_tests_name("error", tests, NULL, NULL);
}
