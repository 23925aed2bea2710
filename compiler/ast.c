/* ast.c: the integer helpers of the syntax tree (see ast.h). */
#include "ast.h"

/* Zero may carry either sign after arithmetic; it is one value. */
static bool is_below_zero(bwc_int a)
{
  return a.negative && a.magnitude != 0;
}

int bwc_int_cmp(bwc_int a, bwc_int b)
{
  bool a_neg = is_below_zero(a);
  bool b_neg = is_below_zero(b);
  if (a_neg != b_neg)
    return a_neg ? -1 : 1;
  if (a.magnitude == b.magnitude)
    return 0;

  /* Same sign: a larger magnitude is larger only above zero. */
  bool a_bigger = a.magnitude > b.magnitude;
  return a_bigger != a_neg ? 1 : -1;
}

char *bwc_int_format(bwc_int a, char *buf)
{
  char digits[24];
  size_t n = 0;
  uint64_t m = a.magnitude;
  do {
    digits[n++] = (char)('0' + m % 10);
    m /= 10;
  } while (m != 0);

  size_t out = 0;
  if (is_below_zero(a))
    buf[out++] = '-';
  while (n > 0)
    buf[out++] = digits[--n];
  buf[out] = '\0';
  return buf;
}

bwc_int bwc_int_from_i64(int64_t value)
{
  bwc_int r;
  r.negative = value < 0;
  /* Negate in unsigned arithmetic: -INT64_MIN does not fit an int64_t. */
  r.magnitude = r.negative ? 0 - (uint64_t)value : (uint64_t)value;
  return r;
}

bwc_int bwc_int_from_u64(uint64_t value)
{
  bwc_int r;
  r.negative = false;
  r.magnitude = value;
  return r;
}
