/* test_arena.c: the caller-funded bump allocator. */
#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "boundwire.h"

#define BUDGET 64

typedef struct fixture {
  alignas(16) unsigned char buf[BUDGET + 16];
  bw_arena arena;
} fixture;

static int setup(void **state)
{
  static fixture f;

  memset(&f, 0, sizeof f);
  bw_arena_init(&f.arena, f.buf, BUDGET);
  *state = &f;
  return 0;
}

static bw_arena *arena_of(void **state)
{
  return &((fixture *)*state)->arena;
}

static bool is_aligned(const void *p, size_t align)
{
  return ((uintptr_t)p & (align - 1)) == 0;
}

static void test_arena_budget_exactly_met(void **state)
{
  bw_arena *arena = arena_of(state);
  void *p = bw_arena_alloc(arena, BUDGET, 1);

  assert_non_null(p);
  assert_int_equal(bw_arena_used(arena), BUDGET);
  assert_int_equal(bw_arena_remaining(arena), 0);
  assert_null(bw_arena_alloc(arena, 1, 1));
}

static void test_arena_budget_exceeded_by_one(void **state)
{
  bw_arena *arena = arena_of(state);

  assert_null(bw_arena_alloc(arena, BUDGET + 1, 1));
  assert_int_equal(bw_arena_used(arena), 0);
}

static void test_arena_budget_exceeded_after_use(void **state)
{
  bw_arena *arena = arena_of(state);

  assert_non_null(bw_arena_alloc(arena, BUDGET - 4, 1));
  assert_null(bw_arena_alloc(arena, 5, 1));
  assert_int_equal(bw_arena_used(arena), BUDGET - 4);
  assert_non_null(bw_arena_alloc(arena, 4, 1));
  assert_int_equal(bw_arena_remaining(arena), 0);
}

static void test_arena_alignment_padding_counts(void **state)
{
  bw_arena *arena = arena_of(state);
  void *p;

  assert_non_null(bw_arena_alloc(arena, 1, 1));
  p = bw_arena_alloc(arena, 8, 8);
  assert_non_null(p);
  assert_true(is_aligned(p, 8));
  assert_int_equal(bw_arena_used(arena), 16);
}

static void test_arena_padding_that_does_not_fit(void **state)
{
  bw_arena *arena = arena_of(state);

  assert_non_null(bw_arena_alloc(arena, BUDGET - 6, 1));
  assert_null(bw_arena_alloc(arena, 4, 8));
  assert_int_equal(bw_arena_used(arena), BUDGET - 6);
  assert_non_null(bw_arena_alloc(arena, 4, 2));
}

static void test_arena_misaligned_buffer(void **state)
{
  fixture *f = *state;
  bw_arena arena;
  void *p;

  bw_arena_init(&arena, f->buf + 1, BUDGET);
  p = bw_arena_alloc(&arena, 4, 4);
  assert_non_null(p);
  assert_true(is_aligned(p, 4));
  assert_int_equal(bw_arena_used(&arena), 3 + 4);
}

static void test_arena_bad_alignment(void **state)
{
  bw_arena *arena = arena_of(state);

  assert_null(bw_arena_alloc(arena, 4, 0));
  assert_null(bw_arena_alloc(arena, 4, 3));
  assert_null(bw_arena_alloc(arena, 4, 12));
  assert_int_equal(bw_arena_used(arena), 0);
}

static void test_arena_array_fits(void **state)
{
  bw_arena *arena = arena_of(state);

  assert_non_null(bw_arena_alloc_array(arena, BUDGET / 8, 8, 8));
  assert_int_equal(bw_arena_used(arena), BUDGET);
}

static void test_arena_array_one_too_many(void **state)
{
  bw_arena *arena = arena_of(state);

  assert_null(bw_arena_alloc_array(arena, BUDGET / 8 + 1, 8, 8));
  assert_int_equal(bw_arena_used(arena), 0);
}

/* (SIZE_MAX / 2 + 1) * 2 wraps to 0, which would "fit" in any arena. */
static void test_arena_array_product_wraps_to_zero(void **state)
{
  bw_arena *arena = arena_of(state);

  assert_null(bw_arena_alloc_array(arena, SIZE_MAX / 2 + 1, 2, 1));
  assert_int_equal(bw_arena_used(arena), 0);
}

/* (SIZE_MAX / 8 + 2) * 8 wraps to 8, which would fit too. */
static void test_arena_array_product_wraps_small(void **state)
{
  bw_arena *arena = arena_of(state);

  assert_null(bw_arena_alloc_array(arena, SIZE_MAX / 8 + 2, 8, 8));
  assert_int_equal(bw_arena_used(arena), 0);
}

static void test_arena_array_largest_product(void **state)
{
  bw_arena *arena = arena_of(state);

  assert_null(bw_arena_alloc_array(arena, SIZE_MAX / 8, 8, 8));
  assert_int_equal(bw_arena_used(arena), 0);
}

static void test_arena_array_of_empty_elements(void **state)
{
  bw_arena *arena = arena_of(state);

  assert_non_null(bw_arena_alloc_array(arena, SIZE_MAX, 0, 1));
  assert_int_equal(bw_arena_used(arena), 0);
}

static void test_arena_without_buffer(void **state)
{
  bw_arena arena;

  (void)state;
  bw_arena_init(&arena, NULL, 100);
  assert_null(bw_arena_alloc(&arena, 1, 1));
  assert_null(bw_arena_alloc(&arena, 0, 1));
  assert_int_equal(bw_arena_remaining(&arena), 0);
}

static void test_arena_reset(void **state)
{
  bw_arena *arena = arena_of(state);
  void *first = bw_arena_alloc(arena, BUDGET, 1);

  bw_arena_reset(arena);
  assert_int_equal(bw_arena_used(arena), 0);
  assert_ptr_equal(bw_arena_alloc(arena, 8, 1), first);
}

static void test_arena_blocks_do_not_overlap(void **state)
{
  bw_arena *arena = arena_of(state);
  unsigned char *a = bw_arena_alloc(arena, 10, 1);
  unsigned char *b = bw_arena_alloc(arena, 10, 4);

  assert_non_null(a);
  assert_non_null(b);
  assert_true(b >= a + 10);
  memset(a, 0xaa, 10);
  memset(b, 0xbb, 10);
  assert_int_equal(a[9], 0xaa);
}

#define ARENA_TEST(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
  const struct CMUnitTest tests[] = {
    ARENA_TEST(test_arena_budget_exactly_met),
    ARENA_TEST(test_arena_budget_exceeded_by_one),
    ARENA_TEST(test_arena_budget_exceeded_after_use),
    ARENA_TEST(test_arena_alignment_padding_counts),
    ARENA_TEST(test_arena_padding_that_does_not_fit),
    ARENA_TEST(test_arena_misaligned_buffer),
    ARENA_TEST(test_arena_bad_alignment),
    ARENA_TEST(test_arena_array_fits),
    ARENA_TEST(test_arena_array_one_too_many),
    ARENA_TEST(test_arena_array_product_wraps_to_zero),
    ARENA_TEST(test_arena_array_product_wraps_small),
    ARENA_TEST(test_arena_array_largest_product),
    ARENA_TEST(test_arena_array_of_empty_elements),
    ARENA_TEST(test_arena_without_buffer),
    ARENA_TEST(test_arena_reset),
    ARENA_TEST(test_arena_blocks_do_not_overlap),
  };

  return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
