/* run_attacks.c: the attack catalogue through the generated C decoders.
 *
 *   run_attacks CASES.tsv...
 *
 * Each line of a case file names a type, an input (README.md gives its
 * syntax) and a verdict: "ok", or the code and path of the error the
 * decode must stop at.  Every case is decoded in copy and in view mode,
 * each time with an arena of exactly the size the type's arena_bound
 * gives for the input, so a decode that needed more would fail the case.
 * The decodes are also counted (../../fuzz/work_count.h): each must
 * stay within a linear bound of basic blocks.  A case that decodes is
 * then validated, encoded, and its encoding must decode strictly to the
 * same bytes.  The largest arena and work per input byte are printed.
 *
 * Two checks need no input file: every type's arena bound saturates at
 * SIZE_MAX rather than wrapping, and a length of SIZE_MAX is refused as
 * too large before a byte is read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attacks.bw.h"
#include "vectors.h"
#include "work_count.h"

enum { MAX_LINE = 1 << 16 };

/* A growing byte buffer. */
typedef struct buf {
  uint8_t *data;
  size_t len, cap;
} buf;

typedef struct attack {
  const char *name, *type, *input, *verdict, *path;
} attack;

static double worst_arena, worst_work;

static void put(buf *b, const uint8_t *data, size_t len)
{
  if (len == 0)
    return;  /* DATA may be NULL, which memcpy never accepts */
  if (b->len + len > b->cap) {
    b->cap = (b->len + len) * 2;
    b->data = realloc(b->data, b->cap);
    if (b->data == NULL) {
      fprintf(stderr, "run_attacks: out of memory\n");
      exit(2);
    }
  }
  memcpy(b->data + b->len, data, len);
  b->len += len;
}

static void put_varint(buf *b, uint64_t v)
{
  uint8_t tmp[BW_MAX_VARINT_BYTES];

  put(b, tmp, bw_varint_encode(v, tmp));
}

static int hex_digit(char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Appends the bytes the hex digits TEXT[0..N) spell. */
static bool put_hex(buf *b, const char *text, size_t n)
{
  if (n % 2 != 0)
    return false;
  for (size_t i = 0; i < n; i += 2) {
    int hi = hex_digit(text[i]), lo = hex_digit(text[i + 1]);
    if (hi < 0 || lo < 0)
      return false;
    uint8_t byte = (uint8_t)(hi << 4 | lo);
    put(b, &byte, 1);
  }
  return true;
}

/* ---- Inputs ------------------------------------------------------------ */

static bool build(buf *b, const char *spec);

/* "nest:KEY:N REST": REST inside N levels of KEY and a length.  The
 * lengths are worked out from the inside first, then written outermost
 * first. */
static bool build_nest(buf *b, const char *key, size_t key_len,
                       unsigned long levels, const char *rest)
{
  buf inner = { 0 }, tag = { 0 };
  bool ok = build(&inner, rest) && put_hex(&tag, key, key_len);
  size_t *lens = malloc((levels + 1) * sizeof *lens);

  lens[0] = inner.len;
  for (unsigned long j = 1; ok && j <= levels; j++)
    lens[j] = tag.len + bw_varint_size(lens[j - 1]) + lens[j - 1];
  for (unsigned long j = levels; ok && j >= 1; j--) {
    put(b, tag.data, tag.len);
    put_varint(b, lens[j - 1]);
  }
  if (ok)
    put(b, inner.data, inner.len);
  free(lens);
  free(inner.data);
  free(tag.data);
  return ok;
}

/* "entries:KEY:N": N map entries under KEY, of keys 1 to N (field 1,
 * varint) and no value. */
static bool build_entries(buf *b, const char *key, size_t key_len,
                          unsigned long count)
{
  buf tag = { 0 };
  bool ok = put_hex(&tag, key, key_len);

  for (unsigned long k = 1; ok && k <= count; k++) {
    put(b, tag.data, tag.len);
    put_varint(b, 1 + bw_varint_size(k));
    put_varint(b, 0x08);
    put_varint(b, k);
  }
  free(tag.data);
  return ok;
}

/* One token: "-", "HEX", "HEX*N", or a "nest:" or "entries:" form,
 * which are followed by N. */
static bool build_token(buf *b, const char *tok, size_t n, const char *rest)
{
  const char *star = memchr(tok, '*', n);
  bool nest = strncmp(tok, "nest:", 5) == 0;
  bool entries = strncmp(tok, "entries:", 8) == 0;

  if (n == 1 && tok[0] == '-')
    return build(b, rest);
  if (nest || entries) {
    const char *key = tok + (nest ? 5 : 8);
    const char *colon = memchr(key, ':', n - (size_t)(key - tok));
    if (colon == NULL)
      return false;
    unsigned long count = strtoul(colon + 1, NULL, 10);
    size_t key_len = (size_t)(colon - key);
    return nest ? build_nest(b, key, key_len, count, rest)
                : build_entries(b, key, key_len, count) && build(b, rest);
  }
  size_t hex_len = star != NULL ? (size_t)(star - tok) : n;
  unsigned long times = star != NULL ? strtoul(star + 1, NULL, 10) : 1;
  buf one = { 0 };
  bool ok = put_hex(&one, tok, hex_len);
  for (unsigned long i = 0; ok && i < times; i++)
    put(b, one.data, one.len);
  free(one.data);
  return ok && build(b, rest);
}

/* Appends the input SPEC describes (see README.md). */
static bool build(buf *b, const char *spec)
{
  while (*spec == ' ')
    spec++;
  if (*spec == '\0')
    return true;
  size_t n = strcspn(spec, " ");
  return build_token(b, spec, n, spec + n);
}

/* ---- Checking ---------------------------------------------------------- */

static const bw_type *find_type(const char *name)
{
  for (size_t f = 0; vector_type_lists[f] != NULL; f++)
    for (const bw_type *const *t = vector_type_lists[f]; *t != NULL; t++)
      if (strcmp((*t)->name, name) == 0)
        return *t;
  for (const bw_type *const *t = attacks_bw_types; *t != NULL; t++)
    if (strcmp((*t)->name, name) == 0)
      return *t;
  return NULL;
}

static bool fail(const attack *a, const char *what, const bw_error *err)
{
  char text[512] = "";

  if (err != NULL)
    bw_error_format(err, text, sizeof text);
  printf("FAIL %s: %s%s%s\n", a->name, what, err ? ": " : "", text);
  return false;
}

static void note_worst(double *worst, double used, size_t len)
{
  double ratio = used / (double)(len + 1);

  if (ratio > *worst)
    *worst = ratio;
}

/* Decodes DATA into a fresh value and an arena of exactly the bound,
 * counting the work.  The caller frees *VALUE and *ARENA_BUF. */
static bool decode(const bw_type *t, const uint8_t *data, size_t len,
                   unsigned flags, void **value, void **arena_buf,
                   bw_error *err, uint64_t *work, size_t *arena_used)
{
  size_t budget = t->arena_bound(len);
  bw_decode_options options = { flags, 0, 0 };
  bw_arena arena;

  *value = calloc(1, t->size);
  *arena_buf = malloc(budget > 0 ? budget : 1);
  bw_arena_init(&arena, *arena_buf, budget);
  bw_error_clear(err);
  work_count_reset();
  bool ok = t->decode(*value, data, len, &arena, &options, err);
  *work = work_count_read();
  *arena_used = bw_arena_used(&arena);
  return ok;
}

/* The decoded VALUE encodes, and its encoding decodes strictly to a
 * value that encodes to the same bytes. */
static bool round_trips(const attack *a, const bw_type *t, const void *value)
{
  bw_error err;
  size_t size = 0, len = 0, again_len = 0;

  if (!t->encoded_size(value, &size, &err))
    return fail(a, "encoded_size fails on a decoded value", &err);
  uint8_t *enc = malloc(size + 1), *again = malloc(size + 1);
  bool ok = t->encode(value, enc, size, &len, &err);
  void *copy = NULL, *arena_buf = NULL;
  uint64_t work;
  size_t used;
  if (!ok)
    fail(a, "encode fails on a decoded value", &err);
  else if (!decode(t, enc, len, BW_DECODE_STRICT, &copy, &arena_buf, &err,
                   &work, &used))
    ok = fail(a, "the encoding does not decode", &err);
  else if (!t->encode(copy, again, size, &again_len, &err) ||
           again_len != len || memcmp(enc, again, len) != 0)
    ok = fail(a, "the encoding does not encode back the same", NULL);
  free(copy);
  free(arena_buf);
  free(enc);
  free(again);
  return ok;
}

static bool check_verdict(const attack *a, bool ok, const bw_error *err)
{
  if (strcmp(a->verdict, "ok") == 0)
    return ok || fail(a, "refused", err);
  if (ok)
    return fail(a, "decoded where an error was expected", NULL);
  if (strcmp(bw_code_name(err->code), a->verdict) == 0 &&
      strcmp(bw_error_path(err), a->path) == 0)
    return true;
  printf("FAIL %s: expected %s at '%s', got %s at '%s'\n", a->name,
         a->verdict, a->path, bw_code_name(err->code), bw_error_path(err));
  return false;
}

/* One decode of the case in FLAGS' mode, with every check. */
static bool check_mode(const attack *a, const bw_type *t, const buf *in,
                       unsigned flags)
{
  void *value, *arena_buf;
  bw_error err;
  uint64_t work;
  size_t used;
  bool ok = decode(t, in->data, in->len, flags, &value, &arena_buf, &err,
                   &work, &used);
  bool passed = check_verdict(a, ok, &err);

  note_worst(&worst_arena, (double)used, in->len);
  note_worst(&worst_work, (double)work, in->len);
  if (passed && work > work_bound(in->len)) {
    printf("FAIL %s: %llu basic blocks for %zu bytes\n", a->name,
           (unsigned long long)work, in->len);
    passed = false;
  }
  if (passed && ok)
    passed = round_trips(a, t, value);
  free(value);
  free(arena_buf);
  return passed;
}

static bool run(const attack *a)
{
  const bw_type *t = find_type(a->type);
  buf in = { 0 };
  bool passed;

  if (t == NULL)
    return fail(a, "unknown type", NULL);
  if (!build(&in, a->input))
    passed = fail(a, "malformed input", NULL);
  else
    passed = check_mode(a, t, &in, 0) &&
             check_mode(a, t, &in, BW_DECODE_VIEW);
  free(in.data);
  return passed;
}

/* ---- Sizes at the edge of size_t --------------------------------------- */

static bool check_type_sizes(const bw_type *t)
{
  static const uint8_t one = 0;
  uint8_t arena_buf[64];
  bw_arena arena;
  bw_error err;
  void *value = calloc(1, t->size);

  bw_arena_init(&arena, arena_buf, sizeof arena_buf);
  bw_error_clear(&err);
  bool ok = t->arena_bound(SIZE_MAX) == SIZE_MAX &&
            t->arena_bound(SIZE_MAX / 2) == SIZE_MAX &&
            t->arena_bound(SIZE_MAX / 64) >= SIZE_MAX / 64;
  /* Only the length is read before the size check, never the bytes. */
  if (ok && (t->decode(value, &one, SIZE_MAX, &arena, NULL, &err) ||
             err.code != BW_ERR_MESSAGE_TOO_LARGE))
    ok = false;
  free(value);
  if (!ok)
    printf("FAIL %s: sizes near SIZE_MAX are not refused\n", t->name);
  return ok;
}

static unsigned check_sizes(void)
{
  unsigned failed = 0;

  for (size_t f = 0; vector_type_lists[f] != NULL; f++)
    for (const bw_type *const *t = vector_type_lists[f]; *t != NULL; t++)
      failed += !check_type_sizes(*t);
  for (const bw_type *const *t = attacks_bw_types; *t != NULL; t++)
    failed += !check_type_sizes(*t);
  return failed;
}

/* ---- Case files -------------------------------------------------------- */

/* Splits LINE at tabs into the case's five fields. */
static bool parse(char *line, attack *a)
{
  char *f[5];
  size_t n = 0;

  line[strcspn(line, "\r\n")] = '\0';
  for (char *p = line; n < 5; n++) {
    f[n] = p;
    char *tab = strchr(p, '\t');
    if (tab == NULL) {
      n++;
      break;
    }
    *tab = '\0';
    p = tab + 1;
  }
  if (n != 5)
    return false;
  *a = (attack){ f[0], f[1], f[2], f[3], f[4] };
  return true;
}

static void run_file(const char *path, char *line, unsigned *passed,
                     unsigned *failed)
{
  FILE *in = fopen(path, "r");

  if (in == NULL) {
    printf("FAIL: cannot read %s\n", path);
    (*failed)++;
    return;
  }
  while (fgets(line, MAX_LINE, in) != NULL) {
    attack a;
    if (line[0] == '#' || line[0] == '\n')
      continue;
    if (!parse(line, &a)) {
      printf("FAIL %s: malformed line: %s\n", path, line);
      (*failed)++;
    } else if (run(&a)) {
      (*passed)++;
    } else {
      (*failed)++;
    }
  }
  fclose(in);
}

int main(int argc, char **argv)
{
  char *line = malloc(MAX_LINE);
  unsigned passed = 0, failed = check_sizes();

  for (int i = 1; i < argc; i++)
    run_file(argv[i], line, &passed, &failed);
  free(line);
  printf("arena: at most %.1f bytes per input byte (+1)\n", worst_arena);
  printf("work: at most %.1f basic blocks per input byte (+1)\n",
         worst_work);
  printf("attacks: %u passed, %u failed\n", passed, failed);
  return failed == 0 && passed > 0 ? 0 : 1;
}
