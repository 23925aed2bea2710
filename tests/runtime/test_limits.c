/* test_limits.c: default limits, tightening, and the version. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "config.h"
#include "boundwire.h"

static bw_limits limits_of(size_t bytes, uint32_t depth)
{
  bw_limits limits;

  limits.max_message_bytes = bytes;
  limits.max_depth = depth;
  return limits;
}

static void test_limits_defaults(void **state)
{
  bw_limits limits = bw_limits_default();

  (void)state;
  assert_int_equal(limits.max_message_bytes, 4 * 1024 * 1024);
  assert_int_equal(limits.max_depth, 32);
}

static void test_limits_tighten_lowers(void **state)
{
  bw_limits limits = bw_limits_tighten(bw_limits_default(),
                                       limits_of(1024, 4));

  (void)state;
  assert_int_equal(limits.max_message_bytes, 1024);
  assert_int_equal(limits.max_depth, 4);
}

static void test_limits_tighten_never_raises(void **state)
{
  bw_limits limits = bw_limits_tighten(limits_of(100, 3),
                                       limits_of(SIZE_MAX, 1000));

  (void)state;
  assert_int_equal(limits.max_message_bytes, 100);
  assert_int_equal(limits.max_depth, 3);
}

static void test_limits_tighten_zero_keeps(void **state)
{
  bw_limits limits = bw_limits_tighten(limits_of(100, 3), limits_of(0, 0));

  (void)state;
  assert_int_equal(limits.max_message_bytes, 100);
  assert_int_equal(limits.max_depth, 3);
}

static void test_limits_check_size(void **state)
{
  bw_limits limits = limits_of(100, 3);
  bw_error err;
  char text[128];

  (void)state;
  bw_error_clear(&err);
  assert_true(bw_limits_check_size(&limits, 100, &err));
  assert_false(bw_limits_check_size(&limits, 101, &err));
  assert_int_equal(err.code, BW_ERR_MESSAGE_TOO_LARGE);
  bw_error_format(&err, text, sizeof text);
  assert_string_equal(text, "message of 101 bytes is above the maximum 100");
}

static void test_limits_check_depth(void **state)
{
  bw_limits limits = limits_of(100, 3);
  bw_error err;
  char text[128];

  (void)state;
  bw_error_clear(&err);
  assert_true(bw_limits_check_depth(&limits, 3, 0, &err));
  assert_false(bw_limits_check_depth(&limits, 4, 9, &err));
  assert_int_equal(err.code, BW_ERR_TOO_DEEP);
  assert_int_equal(err.offset, 9);
  bw_error_prepend_field(&err, "child");
  bw_error_format(&err, text, sizeof text);
  assert_string_equal(text,
                      "child: nesting depth 4 is above the maximum 3");
}

/* The header, the library and configure.ac must name one version. */
static void test_version_matches_package(void **state)
{
  char text[32];

  (void)state;
  snprintf(text, sizeof text, "%d.%d.%d", BW_VERSION_MAJOR,
           BW_VERSION_MINOR, BW_VERSION_PATCH);
  assert_string_equal(text, BW_VERSION_STRING);
  assert_string_equal(bw_version(), BW_VERSION_STRING);
  assert_string_equal(bw_version(), PACKAGE_VERSION);
  assert_int_equal(BW_VERSION_NUMBER, 100);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_limits_defaults),
    cmocka_unit_test(test_limits_tighten_lowers),
    cmocka_unit_test(test_limits_tighten_never_raises),
    cmocka_unit_test(test_limits_tighten_zero_keeps),
    cmocka_unit_test(test_limits_check_size),
    cmocka_unit_test(test_limits_check_depth),
    cmocka_unit_test(test_version_matches_package),
  };

  return cmocka_run_group_tests_name("limits", tests, NULL, NULL);
}
