/* fuzz_codec.c: decoding and encoding for the codec fuzz targets (see
 * fuzz_codec.h).  Every buffer is allocated at its exact size, so that
 * AddressSanitizer or valgrind reports an overrun. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_codec.h"
#include "fuzz_types.h"
#include "work_count.h"

/* Fill the output and the arena before a decode, differently in copy
 * and view mode, so that memory a decoder forgets to set shows up as
 * copy and view values that differ, not as a lucky zero. */
enum { POISON_COPY = 0xA5, POISON_VIEW = 0x5A };

static const bw_type *current;

_Noreturn void fuzz_fail(const char *what, const fuzz_run *r)
{
  fprintf(stderr, "fuzz: %s: %s", current ? current->name : "?", what);
  if (r != NULL)
    fprintf(stderr, " (flags %u%s%s)", r->flags, r->ok ? "" : ": ",
            r->ok ? "" : r->text);
  fputc('\n', stderr);
  abort();
}

/* malloc of exactly SIZE bytes (one for 0, which malloc may refuse). */
static void *xmalloc(size_t size)
{
  void *p = malloc(size > 0 ? size : 1);

  if (p == NULL)
    fuzz_fail("out of memory", NULL);
  return p;
}

/* ---- Choosing the type ------------------------------------------------ */

static size_t type_count(void)
{
  static size_t count;

  if (count == 0)
    for (size_t f = 0; fuzz_type_lists[f] != NULL; f++)
      for (size_t t = 0; fuzz_type_lists[f][t] != NULL; t++)
        count++;
  return count;
}

static const bw_type *type_at(size_t index)
{
  for (size_t f = 0; fuzz_type_lists[f] != NULL; f++)
    for (size_t t = 0; fuzz_type_lists[f][t] != NULL; t++)
      if (index-- == 0)
        return fuzz_type_lists[f][t];
  return NULL;
}

static const bw_type *type_named(const char *name)
{
  for (size_t f = 0; fuzz_type_lists[f] != NULL; f++)
    for (size_t t = 0; fuzz_type_lists[f][t] != NULL; t++)
      if (strcmp(fuzz_type_lists[f][t]->name, name) == 0)
        return fuzz_type_lists[f][t];
  return NULL;
}

static const bw_type *select_type(const uint8_t **data, size_t *size)
{
  if (*size == 0 || type_count() == 0)
    return NULL;
  if ((*data)[0] != FUZZ_SELECT_BY_NAME) {
    const bw_type *t = type_at((*data)[0] % type_count());
    (*data)++;
    (*size)--;
    return t;
  }
  const uint8_t *nul = memchr(*data + 1, 0, *size - 1);
  if (nul == NULL)
    return NULL;
  const bw_type *t = type_named((const char *)*data + 1);
  *size -= (size_t)(nul + 1 - *data);
  *data = nul + 1;
  return t;
}

const bw_type *fuzz_select(const uint8_t **data, size_t *size)
{
  current = select_type(data, size);
  return current;
}

/* ---- Decoding and encoding --------------------------------------------- */

/* WORK, counted over something done to LEN input bytes, is linear. */
static void check_work(uint64_t work, size_t len, const char *what,
                       const fuzz_run *r)
{
  if (work_counted() && work > work_bound(len)) {
    fprintf(stderr, "fuzz: %llu basic blocks for %zu bytes\n",
            (unsigned long long)work, len);
    fuzz_fail(what, r);
  }
}

static void check_error(fuzz_run *r)
{
  if (r->ok) {
    if (r->err.code != BW_OK)
      fuzz_fail("decode succeeded with an error recorded", r);
    return;
  }
  if (bw_code_group(r->err.code) == BW_GROUP_NONE)
    fuzz_fail("decode failed without a known error code", r);
  if (r->err.code == BW_ERR_ARENA_EXHAUSTED && !r->capped)
    fuzz_fail("decode ran out of the arena its arena_bound promised", r);
  size_t n = bw_error_format(&r->err, r->text, sizeof r->text);
  if (n >= sizeof r->text || strlen(r->text) != n || n == 0 ||
      bw_error_format(&r->err, NULL, 0) != n)
    fuzz_fail("error text does not format", r);
  if (strstr(r->text, bw_error_path(&r->err)) == NULL)
    fuzz_fail("error text does not hold the error's path", r);
}

/* Encodes the decoded value into a buffer of exactly its size, after
 * checking that one byte less is refused.  IN_LEN is the length of the
 * input the value came from, which bounds the work. */
static void encode(const bw_type *t, fuzz_run *r, size_t in_len)
{
  bw_error err;
  size_t size = 0, len = 0;

  if (!t->validate(r->value, &err))
    fuzz_fail("decoded value does not validate", r);
  if (!t->encoded_size(r->value, &size, &err))
    fuzz_fail("encoded_size fails on a decoded value", r);
  r->enc = xmalloc(size);
  if (size > 0 && (t->encode(r->value, r->enc, size - 1, &len, &err) ||
                   err.code != BW_ERR_OUTPUT_FULL))
    fuzz_fail("encode into too small a buffer does not fail cleanly", r);
  work_count_reset();
  if (!t->encode(r->value, r->enc, size, &len, &err))
    fuzz_fail("encode fails on a decoded value", r);
  check_work(work_count_read(), in_len,
             "encoding work is not linear in the input", r);
  if (len != size)
    fuzz_fail("encode writes another length than encoded_size gave", r);
  r->enc_len = len;
}

/* Gets R ready for a decode of LEN bytes of type T with FLAGS: the
 * output and an arena of the size the type promises suffices, both
 * filled with the mode's poison. */
static void prepare(fuzz_run *r, const bw_type *t, size_t len,
                    unsigned flags)
{
  size_t budget = t->arena_bound(len);
  int poison = (flags & BW_DECODE_VIEW) ? POISON_VIEW : POISON_COPY;

  memset(r, 0, sizeof *r);
  r->flags = flags;
  r->capped = budget > FUZZ_ARENA_CAP;
  if (r->capped)
    budget = FUZZ_ARENA_CAP;
  r->value = xmalloc(t->size);
  memset(r->value, poison, t->size);
  r->arena_buf = xmalloc(budget);
  memset(r->arena_buf, poison, budget);
  bw_arena_init(&r->arena, r->arena_buf, budget);
}

void fuzz_run_decode(const bw_type *t, const uint8_t *data, size_t len,
                     unsigned flags, fuzz_run *r)
{
  bw_decode_options options = { flags, 0, 0 };
  uint8_t *copy = NULL;

  prepare(r, t, len, flags);
  if (!(flags & BW_DECODE_VIEW)) {
    copy = xmalloc(len);
    memcpy(copy, data, len);
    data = copy;
  }
  work_count_reset();
  r->ok = t->decode(r->value, data, len, &r->arena, &options, &r->err);
  uint64_t work = work_count_read();
  free(copy);
  check_error(r);
  check_work(work, len, "decoding work is not linear in the input", r);
  if (r->ok)
    encode(t, r, len);
}

void fuzz_release(fuzz_run *r)
{
  free(r->value);
  free(r->arena_buf);
  free(r->enc);
}

/* ---- Comparing ------------------------------------------------------- */

bool fuzz_exhausted(const fuzz_run *r)
{
  return !r->ok && r->err.code == BW_ERR_ARENA_EXHAUSTED;
}

bool fuzz_same_encoding(const fuzz_run *a, const fuzz_run *b)
{
  return a->enc_len == b->enc_len &&
         (a->enc_len == 0 || memcmp(a->enc, b->enc, a->enc_len) == 0);
}

void fuzz_check_same(const fuzz_run *a, const fuzz_run *b,
                     const char *what)
{
  if (fuzz_exhausted(a) || fuzz_exhausted(b))
    return;
  if (a->ok != b->ok)
    fuzz_fail(what, a->ok ? b : a);
  if (a->ok && !fuzz_same_encoding(a, b))
    fuzz_fail(what, b);
  if (!a->ok && (a->err.code != b->err.code ||
                 strcmp(a->text, b->text) != 0))
    fuzz_fail(what, b);
}
