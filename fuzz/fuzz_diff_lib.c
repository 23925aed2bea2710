/* fuzz_diff_lib.c: the C half of the differential target fuzz_diff.py.
 *
 * Built as a shared library that the Python half loads with ctypes, from
 * the same generated decoders as fuzz_decode (fuzz_types.h), so that one
 * input is decoded by the C codec here and by the generated Python
 * module there.  A decode here goes through fuzz_run_decode, with every
 * check fuzz_decode makes; the result is kept until the next decode and
 * read back through the accessors below.  One decode at a time: the
 * harness is single-threaded.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fuzz_codec.h"

/* What fuzz_diff_decode returns. */
enum {
  DIFF_NO_TYPE = -1,    /* the input selects no type */
  DIFF_ERROR = 0,       /* the decode failed */
  DIFF_OK = 1,          /* the decode succeeded */
  DIFF_EXHAUSTED = 2    /* a capped arena ran out: no verdict to compare */
};

/* What fuzz_diff.py calls through ctypes; no C caller includes them. */
int fuzz_diff_decode(const uint8_t *data, size_t size, int strict,
                     const char **type, size_t *skip);
const char *fuzz_diff_code(void);
const char *fuzz_diff_path(void);
int fuzz_diff_path_elided(void);
const char *fuzz_diff_text(void);
size_t fuzz_diff_encoding(const uint8_t **bytes);

static fuzz_run last;
static bool have_last;

/* Decodes SIZE bytes at DATA, a type selector and then the message (see
 * fuzz_select), in copy mode, strict when STRICT is nonzero.  Sets *TYPE
 * to the qualified name of the type selected and *SKIP to the length of
 * the selector.  Returns one of the DIFF_ values. */
int fuzz_diff_decode(const uint8_t *data, size_t size, int strict,
                     const char **type, size_t *skip)
{
  const uint8_t *message = data;
  size_t len = size;
  const bw_type *t = fuzz_select(&message, &len);

  if (have_last)
    fuzz_release(&last);
  have_last = false;
  if (t == NULL)
    return DIFF_NO_TYPE;
  *type = t->name;
  *skip = size - len;
  fuzz_run_decode(t, message, len, strict ? BW_DECODE_STRICT : 0, &last);
  have_last = true;
  if (fuzz_exhausted(&last))
    return DIFF_EXHAUSTED;
  return last.ok ? DIFF_OK : DIFF_ERROR;
}

/* The error of the last decode: its code's name, its path (without the
 * elision mark), whether outer segments were elided, and its text. */
const char *fuzz_diff_code(void)
{
  return bw_code_name(last.err.code);
}

const char *fuzz_diff_path(void)
{
  return bw_error_path(&last.err);
}

int fuzz_diff_path_elided(void)
{
  return last.err.path_elided;
}

const char *fuzz_diff_text(void)
{
  return last.text;
}

/* The canonical encoding of the value the last decode gave: its length,
 * and its bytes through *BYTES. */
size_t fuzz_diff_encoding(const uint8_t **bytes)
{
  *bytes = last.enc;
  return last.enc_len;
}
