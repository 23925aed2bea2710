/* fuzz_roundtrip.c: decode, encode, decode again; all must agree.
 *
 * An input is a type selector, then the message (see fuzz_select).  The
 * message is decoded once, leniently, in copy mode (view mode when a
 * capped arena ran out in copy mode).  When that succeeds, the value's
 * canonical encoding must:
 * - decode in all four modes (copy and view, lenient and strict: it has
 *   no unknown fields), each within the arena its own length promises;
 * - give, from each of those decodes, exactly the same bytes again: a
 *   canonical encoding is a fixed point of decode-then-encode, so the
 *   value survives any number of round trips unchanged.
 * Checking this apart from fuzz_decode's mode comparisons gives each
 * input one decode instead of four, so the fuzzer reaches more of them.
 */
#include "fuzz.h"
#include "fuzz_codec.h"

static void check_round_trip(const bw_type *t, const fuzz_run *first)
{
  const unsigned modes[] = {
    0, BW_DECODE_VIEW, BW_DECODE_STRICT, BW_DECODE_STRICT | BW_DECODE_VIEW
  };

  for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
    fuzz_run again;
    fuzz_run_decode(t, first->enc, first->enc_len, modes[m], &again);
    if (fuzz_exhausted(&again)) {
      fuzz_release(&again);
      continue;
    }
    if (!again.ok)
      fuzz_fail("the canonical encoding does not decode", &again);
    if (!fuzz_same_encoding(first, &again))
      fuzz_fail("the canonical encoding does not encode back the same",
                &again);
    fuzz_release(&again);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const bw_type *t = fuzz_select(&data, &size);
  fuzz_run first;

  if (t == NULL)
    return 0;
  fuzz_run_decode(t, data, size, 0, &first);
  if (fuzz_exhausted(&first)) {
    fuzz_release(&first);
    fuzz_run_decode(t, data, size, BW_DECODE_VIEW, &first);
  }
  if (first.ok)
    check_round_trip(t, &first);
  fuzz_release(&first);
  return 0;
}
