/* test_shop.c: the C code bwc generates for examples/shop, used as an
 * application would use it. */
#define _GNU_SOURCE  /* memmem */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "shop.bw.h"

enum { ARENA_SIZE = 1 << 20, OUT_SIZE = 1 << 16 };

typedef struct world {
  uint8_t arena_buf[ARENA_SIZE];
  bw_arena arena;
  uint8_t out[OUT_SIZE];
  size_t len;
  bw_error err;
  shop_v1_Item items[8];
  shop_v1_Order order;
  shop_v1_Order back;
} world;

static bw_str str(const char *s)
{
  return (bw_str){ s, strlen(s) };
}

static void fill_order(world *w, size_t n_items)
{
  memset(&w->order, 0, sizeof w->order);
  for (size_t i = 0; i < n_items; i++) {
    shop_v1_Item *it = &w->items[i];
    memset(it, 0, sizeof *it);
    it->sku = str("SKU-1");
    it->qty = (uint32_t)(i + 1);
    it->price.currency = str("EUR");
    it->price.units = 12;
    it->weight = 0.5f;
  }
  w->order.id = 42;
  w->order.customer = str("Zoë");
  w->order.items.items = w->items;
  w->order.items.count = n_items;
  w->order.status = shop_v1_Status_paid;
}

static int setup(void **state)
{
  world *w = calloc(1, sizeof *w);
  bw_arena_init(&w->arena, w->arena_buf, sizeof w->arena_buf);
  *state = w;
  return 0;
}

static int teardown(void **state)
{
  free(*state);
  return 0;
}

static const char *text(const bw_error *err)
{
  static char buf[256];
  bw_error_format(err, buf, sizeof buf);
  return buf;
}

static void encode_ok(world *w)
{
  if (!shop_v1_Order_encode(&w->order, w->out, sizeof w->out, &w->len,
                            &w->err))
    fail_msg("encode failed: %s", text(&w->err));
}

static void test_shop_round_trip(void **state)
{
  world *w = *state;
  fill_order(w, 3);
  encode_ok(w);

  assert_true(shop_v1_Order_decode(&w->back, w->out, w->len, &w->arena,
                                   NULL, &w->err));
  assert_int_equal(w->back.id, 42);
  assert_int_equal(w->back.customer.len, strlen("Zoë"));
  assert_memory_equal(w->back.customer.data, "Zoë", strlen("Zoë"));
  assert_int_equal(w->back.items.count, 3);
  assert_int_equal(w->back.items.items[2].qty, 3);
  assert_string_equal(w->back.items.items[0].price.currency.data, "EUR");
  assert_int_equal(w->back.status, shop_v1_Status_paid);
  assert_false(w->back.has_note);
}

/* The example of DESIGN.md: the error names the path, the rule and the
 * value, whichever side finds it. */
static void test_shop_error_path_same_in_encode_and_decode(void **state)
{
  world *w = *state;
  fill_order(w, 5);
  w->items[3].qty = 1001;

  assert_false(shop_v1_Order_encode(&w->order, w->out, sizeof w->out,
                                    &w->len, &w->err));
  assert_string_equal(text(&w->err),
                      "items[3].qty: 1001 is above the maximum 1000");
  assert_int_equal(w->err.code, BW_ERR_ABOVE_MAXIMUM);

  /* Bytes carrying the same value, written without the rules. */
  w->items[3].qty = 1000;
  encode_ok(w);
  uint8_t *qty = memmem(w->out, w->len, "\x10\xe8\x07", 3);
  assert_non_null(qty);
  qty[1] = 0xe9;                                /* 1000 -> 1001 */
  assert_false(shop_v1_Order_decode(&w->back, w->out, w->len, &w->arena,
                                    NULL, &w->err));
  assert_string_equal(text(&w->err),
                      "items[3].qty: 1001 is above the maximum 1000");
}

static void test_shop_missing_field_whose_default_breaks_a_rule(void **state)
{
  world *w = *state;
  /* An order with one item whose sku field is absent: "" is too short. */
  const uint8_t bytes[] = { 0x1a, 0x09, 0x10, 0x01, 0x1a, 0x05, 0x0a, 0x03,
                            'E', 'U', 'R' };
  assert_false(shop_v1_Order_decode(&w->back, bytes, sizeof bytes,
                                    &w->arena, NULL, &w->err));
  assert_string_equal(text(&w->err),
                      "items[0].sku: length 0 is below the minimum 1");
}

static void test_shop_view_mode_points_into_input(void **state)
{
  world *w = *state;
  fill_order(w, 1);
  encode_ok(w);
  bw_decode_options view = { BW_DECODE_VIEW, 0, 0 };

  assert_true(shop_v1_Order_decode(&w->back, w->out, w->len, &w->arena,
                                   &view, &w->err));
  const char *c = w->back.customer.data;
  assert_true((const uint8_t *)c >= w->out &&
              (const uint8_t *)c < w->out + w->len);
}

static void test_shop_strict_mode_refuses_unknown_fields(void **state)
{
  world *w = *state;
  fill_order(w, 1);
  encode_ok(w);
  w->out[w->len++] = 0x78;                       /* field 15, varint */
  w->out[w->len++] = 0x00;
  bw_decode_options strict = { BW_DECODE_STRICT, 0, 0 };

  assert_true(shop_v1_Order_decode(&w->back, w->out, w->len, &w->arena,
                                   NULL, &w->err));
  assert_false(shop_v1_Order_decode(&w->back, w->out, w->len, &w->arena,
                                    &strict, &w->err));
  assert_int_equal(w->err.code, BW_ERR_UNKNOWN_FIELD);
}

static void test_shop_caller_limits_only_tighten(void **state)
{
  world *w = *state;
  fill_order(w, 2);
  encode_ok(w);
  bw_decode_options small = { 0, w->len - 1, 0 };
  bw_decode_options huge = { 0, SIZE_MAX, 1000 };
  bw_decode_options shallow = { 0, 0, 1 };

  assert_false(shop_v1_Order_decode(&w->back, w->out, w->len, &w->arena,
                                    &small, &w->err));
  assert_int_equal(w->err.code, BW_ERR_MESSAGE_TOO_LARGE);
  assert_true(shop_v1_Order_decode(&w->back, w->out, w->len, &w->arena,
                                   &huge, &w->err));
  assert_false(shop_v1_Order_decode(&w->back, w->out, w->len, &w->arena,
                                    &shallow, &w->err));
  assert_int_equal(w->err.code, BW_ERR_TOO_DEEP);
}

static void test_shop_arena_budget_is_enforced(void **state)
{
  world *w = *state;
  fill_order(w, 8);
  encode_ok(w);
  uint8_t small[64];
  bw_arena tiny;
  bw_arena_init(&tiny, small, sizeof small);

  assert_false(shop_v1_Order_decode(&w->back, w->out, w->len, &tiny, NULL,
                                    &w->err));
  assert_int_equal(w->err.code, BW_ERR_ARENA_EXHAUSTED);
  assert_true(bw_arena_used(&tiny) <= sizeof small);
}

static void test_shop_encode_reports_a_full_output(void **state)
{
  world *w = *state;
  fill_order(w, 2);
  size_t size;
  assert_true(shop_v1_Order_encoded_size(&w->order, &size, &w->err));

  assert_false(shop_v1_Order_encode(&w->order, w->out, size - 1, &w->len,
                                    &w->err));
  assert_int_equal(w->err.code, BW_ERR_OUTPUT_FULL);
  assert_true(shop_v1_Order_encode(&w->order, w->out, size, &w->len,
                                   &w->err));
  assert_int_equal(w->len, size);
}

static void test_shop_maps_decode_sorted_and_refuse_duplicates(void **state)
{
  world *w = *state;
  fill_order(w, 1);
  shop_v1_Order_tags_entry tags[2] = { { str("b"), str("2") },
                                       { str("a"), str("1") } };
  w->order.tags.items = tags;
  w->order.tags.count = 2;

  assert_false(shop_v1_Order_encode(&w->order, w->out, sizeof w->out,
                                    &w->len, &w->err));
  assert_int_equal(w->err.code, BW_ERR_UNSORTED_KEYS);
  assert_string_equal(bw_error_path(&w->err), "tags[\"a\"]");

  tags[0] = (shop_v1_Order_tags_entry){ str("a"), str("1") };
  tags[1] = (shop_v1_Order_tags_entry){ str("b"), str("2") };
  encode_ok(w);
  assert_true(shop_v1_Order_decode(&w->back, w->out, w->len, &w->arena,
                                   NULL, &w->err));
  assert_int_equal(w->back.tags.count, 2);
  assert_string_equal(w->back.tags.items[1].value.data, "2");
}

static void test_shop_union_holds_one_member(void **state)
{
  world *w = *state;
  shop_v1_Event ev;
  memset(&ev, 0, sizeof ev);

  assert_false(shop_v1_Event_encode(&ev, w->out, sizeof w->out, &w->len,
                                    &w->err));
  assert_int_equal(w->err.code, BW_ERR_UNION_EMPTY);

  ev.which = shop_v1_Event_is_cancelled;
  ev.u.cancelled = 0;
  assert_true(shop_v1_Event_encode(&ev, w->out, sizeof w->out, &w->len,
                                   &w->err));
  /* A union member is written even when it holds its default. */
  assert_int_equal(w->len, 2);
  const uint8_t two[] = { 0x10, 0x00, 0x10, 0x01 };
  assert_false(shop_v1_Event_decode(&ev, two, sizeof two, &w->arena, NULL,
                                    &w->err));
  assert_int_equal(w->err.code, BW_ERR_DUPLICATE_FIELD);
}

static void test_shop_enum_names(void **state)
{
  (void)state;
  assert_string_equal(shop_v1_Status_name(shop_v1_Status_shipped),
                      "shipped");
  assert_null(shop_v1_Status_name((shop_v1_Status)7));
}

#define WORLD_TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
  const struct CMUnitTest tests[] = {
    WORLD_TEST(test_shop_round_trip),
    WORLD_TEST(test_shop_error_path_same_in_encode_and_decode),
    WORLD_TEST(test_shop_missing_field_whose_default_breaks_a_rule),
    WORLD_TEST(test_shop_view_mode_points_into_input),
    WORLD_TEST(test_shop_strict_mode_refuses_unknown_fields),
    WORLD_TEST(test_shop_caller_limits_only_tighten),
    WORLD_TEST(test_shop_arena_budget_is_enforced),
    WORLD_TEST(test_shop_encode_reports_a_full_output),
    WORLD_TEST(test_shop_maps_decode_sorted_and_refuse_duplicates),
    WORLD_TEST(test_shop_union_holds_one_member),
    WORLD_TEST(test_shop_enum_names),
  };
  return cmocka_run_group_tests_name("generated shop", tests, NULL, NULL);
}
