/* fuzz_decode.c: hostile bytes through every generated decoder, in
 * every mode.
 *
 * An input is a type selector, then the message (see fuzz_select).  The
 * message is decoded four times: copy and view mode, each lenient and
 * strict, each decoded value validated and encoded (fuzz_codec.c).
 * Anything below is a finding, and ends in abort():
 * - a failure without an error code, or an error whose text does not
 *   format; a success that leaves an error recorded;
 * - a decode running out of an arena of the size its type's arena_bound
 *   says is always enough;
 * - copy and view mode disagreeing on the verdict, the error or the
 *   value (values are compared through their canonical encodings);
 * - strict mode accepting what lenient mode refuses, or failing for a
 *   reason other than an unknown field where lenient mode does not fail
 *   the same way;
 * - a decoded value that does not validate, or does not size or encode
 *   to exactly its size.
 * fuzz_roundtrip checks what becomes of the encodings.
 */
#include <string.h>

#include "fuzz.h"
#include "fuzz_codec.h"

/* STRICT differs from LENIENT only in refusing unknown fields: strict
 * success means lenient success, and a strict failure for another
 * reason happened before any unknown field, where lenient mode fails
 * identically. */
static void check_strict(const fuzz_run *lenient, const fuzz_run *strict)
{
  if (strict->ok || strict->err.code != BW_ERR_UNKNOWN_FIELD)
    fuzz_check_same(lenient, strict, "strict and lenient decodes disagree");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  enum { COPY, VIEW, STRICT_COPY, STRICT_VIEW, RUNS };
  const unsigned flags[RUNS] = {
    0, BW_DECODE_VIEW, BW_DECODE_STRICT, BW_DECODE_STRICT | BW_DECODE_VIEW
  };
  fuzz_run runs[RUNS];
  const bw_type *t = fuzz_select(&data, &size);

  if (t == NULL)
    return 0;
  for (size_t i = 0; i < RUNS; i++)
    fuzz_run_decode(t, data, size, flags[i], &runs[i]);

  fuzz_check_same(&runs[COPY], &runs[VIEW],
                  "copy and view decodes disagree");
  fuzz_check_same(&runs[STRICT_COPY], &runs[STRICT_VIEW],
                  "strict copy and view decodes disagree");
  check_strict(&runs[COPY], &runs[STRICT_COPY]);
  check_strict(&runs[VIEW], &runs[STRICT_VIEW]);

  for (size_t i = 0; i < RUNS; i++)
    fuzz_release(&runs[i]);
  return 0;
}
