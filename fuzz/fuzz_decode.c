/* fuzz_decode.c: hostile bytes through every generated decoder.
 *
 * An input is a selector, then the message.  A first byte below 0xFF
 * picks the type at that index (modulo the count) among the types of
 * fuzz_type_lists.  A first byte of 0xFF is followed by a type's
 * qualified name and a NUL: that form names the type whatever schemas
 * are added later, and saved regressions use it.
 *
 * The message is decoded four times: copy and view mode, each lenient
 * and strict.  Anything below is a finding, and ends in abort():
 * - a failure without an error code, or an error whose text does not
 *   format; a success that leaves an error recorded;
 * - a decode running out of an arena of the size its type's arena_bound
 *   says is always enough;
 * - copy and view mode disagreeing on the verdict, the error or the
 *   value (values are compared through their canonical encodings);
 * - strict mode accepting what lenient mode refuses, or failing for a
 *   reason other than an unknown field where lenient mode does not fail
 *   the same way;
 * - a decoded value that does not validate, size or encode to exactly
 *   its size, or whose encoding fails to decode strictly and encode back
 *   to the same bytes.
 * Copy mode decodes from a private copy of the input that is freed
 * before the value is encoded, so a string still pointing into the input
 * is a use after free that AddressSanitizer reports.  Every buffer is
 * allocated at its exact size, so an overrun is reported too.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <boundwire.h>

#include "fuzz.h"
#include "fuzz_types.h"

enum {
  SELECT_BY_NAME = 0xFF,
  /* The most arena a decode gets.  A type's arena_bound promises that
   * its bound never runs out; a bound above this cap cannot be given,
   * and then running out is a clean error rather than a finding. */
  ARENA_CAP = 64 * 1024 * 1024,
  /* Fill the output and the arena before a decode, differently in copy
   * and view mode, so that memory a decoder forgets to set shows up as
   * copy and view values that differ, not as a lucky zero. */
  POISON_COPY = 0xA5,
  POISON_VIEW = 0x5A,
  TEXT_SIZE = 512
};

/* One decode of the message and, when it succeeded, its encoding. */
typedef struct run {
  unsigned flags;
  bool ok;
  bw_error err;
  char text[TEXT_SIZE];     /* the formatted error, when !ok */
  void *value;
  void *arena_buf;
  bw_arena arena;
  bool capped;              /* the arena is smaller than promised */
  uint8_t *enc;             /* the canonical encoding, when ok */
  size_t enc_len;
} run;

static const bw_type *current;

static void fail(const char *what, const run *r)
{
  fprintf(stderr, "fuzz_decode: %s: %s", current ? current->name : "?",
          what);
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
    fail("out of memory", NULL);
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

/* Reads the selector off the front of *DATA.  Returns NULL for an input
 * that selects nothing: empty, or a name that is unknown or unended. */
static const bw_type *select_type(const uint8_t **data, size_t *size)
{
  if (*size == 0 || type_count() == 0)
    return NULL;
  if ((*data)[0] != SELECT_BY_NAME) {
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

/* ---- Decoding and encoding --------------------------------------------- */

static void check_error(run *r)
{
  if (r->ok) {
    if (r->err.code != BW_OK)
      fail("decode succeeded with an error recorded", r);
    return;
  }
  if (bw_code_group(r->err.code) == BW_GROUP_NONE)
    fail("decode failed without a known error code", r);
  if (r->err.code == BW_ERR_ARENA_EXHAUSTED && !r->capped)
    fail("decode ran out of the arena its arena_bound promised", r);
  size_t n = bw_error_format(&r->err, r->text, sizeof r->text);
  if (n >= sizeof r->text || strlen(r->text) != n || n == 0 ||
      bw_error_format(&r->err, NULL, 0) != n)
    fail("error text does not format", r);
  if (strstr(r->text, bw_error_path(&r->err)) == NULL)
    fail("error text does not hold the error's path", r);
}

/* Encodes the decoded value into a buffer of exactly its size, after
 * checking that one byte less is refused. */
static void encode(const bw_type *t, run *r)
{
  bw_error err;
  size_t size = 0, len = 0;

  if (!t->validate(r->value, &err))
    fail("decoded value does not validate", r);
  if (!t->encoded_size(r->value, &size, &err))
    fail("encoded_size fails on a decoded value", r);
  r->enc = xmalloc(size);
  if (size > 0 && (t->encode(r->value, r->enc, size - 1, &len, &err) ||
                   err.code != BW_ERR_OUTPUT_FULL))
    fail("encode into too small a buffer does not fail cleanly", r);
  if (!t->encode(r->value, r->enc, size, &len, &err))
    fail("encode fails on a decoded value", r);
  if (len != size)
    fail("encode writes another length than encoded_size gave", r);
  r->enc_len = len;
}

/* Gets R ready for a decode of LEN bytes of type T with FLAGS: the
 * output and an arena of the size the type promises suffices, both
 * filled with the mode's poison. */
static void prepare(run *r, const bw_type *t, size_t len, unsigned flags)
{
  size_t budget = t->arena_bound(len);
  int poison = (flags & BW_DECODE_VIEW) ? POISON_VIEW : POISON_COPY;

  memset(r, 0, sizeof *r);
  r->flags = flags;
  r->capped = budget > ARENA_CAP;
  if (r->capped)
    budget = ARENA_CAP;
  r->value = xmalloc(t->size);
  memset(r->value, poison, t->size);
  r->arena_buf = xmalloc(budget);
  memset(r->arena_buf, poison, budget);
  bw_arena_init(&r->arena, r->arena_buf, budget);
}

/* Decodes LEN bytes at DATA with FLAGS.  Copy mode reads a private copy
 * that is gone before the value is used again. */
static void decode(const bw_type *t, const uint8_t *data, size_t len,
                   unsigned flags, run *r)
{
  bw_decode_options options = { flags, 0, 0 };
  uint8_t *copy = NULL;

  prepare(r, t, len, flags);
  if (!(flags & BW_DECODE_VIEW)) {
    copy = xmalloc(len);
    memcpy(copy, data, len);
    data = copy;
  }
  r->ok = t->decode(r->value, data, len, &r->arena, &options, &r->err);
  free(copy);
  check_error(r);
  if (r->ok)
    encode(t, r);
}

static void release(run *r)
{
  free(r->value);
  free(r->arena_buf);
  free(r->enc);
}

/* ---- Comparing ------------------------------------------------------- */

/* Only a capped arena may run out (see check_error). */
static bool exhausted(const run *r)
{
  return !r->ok && r->err.code == BW_ERR_ARENA_EXHAUSTED;
}

static bool same_encoding(const run *a, const run *b)
{
  return a->enc_len == b->enc_len &&
         (a->enc_len == 0 || memcmp(a->enc, b->enc, a->enc_len) == 0);
}

/* A and B decoded the same bytes in modes that must agree, unless one of
 * them ran out of a capped arena (copy mode takes more than view mode). */
static void check_same(const run *a, const run *b, const char *what)
{
  if (exhausted(a) || exhausted(b))
    return;
  if (a->ok != b->ok)
    fail(what, a->ok ? b : a);
  if (a->ok && !same_encoding(a, b))
    fail(what, b);
  if (!a->ok && (a->err.code != b->err.code ||
                 strcmp(a->text, b->text) != 0))
    fail(what, b);
}

/* STRICT differs from LENIENT only in refusing unknown fields: strict
 * success means lenient success, and a strict failure for another
 * reason happened before any unknown field, where lenient mode fails
 * identically. */
static void check_strict(const run *lenient, const run *strict)
{
  if (strict->ok || strict->err.code != BW_ERR_UNKNOWN_FIELD)
    check_same(lenient, strict, "strict and lenient decodes disagree");
}

/* The canonical encoding of a value must decode strictly, in both
 * modes, and encode to the same bytes again. */
static void check_round_trip(const bw_type *t, const run *r)
{
  unsigned modes[] = { BW_DECODE_STRICT, BW_DECODE_STRICT | BW_DECODE_VIEW };

  for (size_t m = 0; m < 2; m++) {
    run again;
    decode(t, r->enc, r->enc_len, modes[m], &again);
    if (!again.ok)
      fail("the canonical encoding does not decode", &again);
    if (!same_encoding(r, &again))
      fail("the canonical encoding does not encode back the same", &again);
    release(&again);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  enum { COPY, VIEW, STRICT_COPY, STRICT_VIEW, RUNS };
  const unsigned flags[RUNS] = {
    0, BW_DECODE_VIEW, BW_DECODE_STRICT, BW_DECODE_STRICT | BW_DECODE_VIEW
  };
  run runs[RUNS];

  current = select_type(&data, &size);
  if (current == NULL)
    return 0;
  for (size_t i = 0; i < RUNS; i++)
    decode(current, data, size, flags[i], &runs[i]);

  check_same(&runs[COPY], &runs[VIEW], "copy and view decodes disagree");
  check_same(&runs[STRICT_COPY], &runs[STRICT_VIEW],
             "strict copy and view decodes disagree");
  check_strict(&runs[COPY], &runs[STRICT_COPY]);
  check_strict(&runs[VIEW], &runs[STRICT_VIEW]);
  if (runs[COPY].ok)
    check_round_trip(current, &runs[COPY]);
  else if (runs[VIEW].ok)
    check_round_trip(current, &runs[VIEW]);

  for (size_t i = 0; i < RUNS; i++)
    release(&runs[i]);
  return 0;
}
