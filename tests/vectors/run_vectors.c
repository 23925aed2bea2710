/* run_vectors.c: runs the shared test vectors through the generated C.
 *
 * Reads vectors as lines on standard input (lines.py turns the JSON
 * corpus into them), tab-separated:
 *
 *   name  type  hex  ok  [canonical]
 *   name  type  hex  error  code  path  message
 *
 * An "ok" vector must decode, validate, size to its own length and
 * encode back to the same bytes, in copy and in view mode.  When the
 * input is valid but not canonical, the optional fifth field holds the
 * encoding expected instead, which must itself pass as an "ok" vector
 * does.  An "error" vector must fail with that code, path and text.
 * Every vector is also decoded cut short at each byte, which must fail
 * or succeed cleanly; sanitizer and valgrind runs make that a
 * memory-safety test.  Every decode gets exactly the arena its type's
 * arena_bound promises is enough, and the largest use per input byte is
 * printed.
 *
 * `run_vectors --reencode` serves other test suites instead: it reads
 * lines "type  hex" and prints, for each, "ok  HEX" with the canonical
 * re-encoding, or "error  code  path  message".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vectors.h"

enum { MAX_LINE = 1 << 20 };

typedef struct vector {
  char *name, *type, *hex, *verdict, *code, *path, *message, *canon_hex;
  uint8_t *bytes, *canon;
  size_t len, canon_len;
} vector;

static double worst_ratio;

static const bw_type *find_type(const char *name)
{
  for (size_t f = 0; vector_type_lists[f] != NULL; f++)
    for (const bw_type *const *t = vector_type_lists[f]; *t != NULL; t++)
      if (strcmp((*t)->name, name) == 0)
        return *t;
  return NULL;
}

static int hex_digit(char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Stores the bytes HEX spells in a new buffer *OUT of *LEN bytes (the
 * caller frees it, also on failure). */
static bool parse_hex(const char *hex, uint8_t **out, size_t *len)
{
  size_t n = strlen(hex);
  *len = n / 2;
  *out = malloc(*len + 1);
  if (n % 2 != 0)
    return false;
  for (size_t i = 0; i < *len; i++) {
    int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0)
      return false;
    (*out)[i] = (uint8_t)(hi << 4 | lo);
  }
  return true;
}

/* Splits LINE at tabs into at most MAX fields; returns how many. */
static size_t split(char *line, char **fields, size_t max)
{
  size_t n = 0;
  line[strcspn(line, "\n")] = '\0';
  for (char *p = line; n < max; n++) {
    fields[n] = p;
    char *tab = strchr(p, '\t');
    if (tab == NULL)
      return n + 1;
    *tab = '\0';
    p = tab + 1;
  }
  return n;
}

/* The canonical bytes are the input's unless the line names others. */
static bool parse_canonical(vector *v)
{
  if (v->canon_hex == NULL) {
    v->canon = v->bytes;
    v->canon_len = v->len;
    return true;
  }
  return parse_hex(v->canon_hex, &v->canon, &v->canon_len);
}

/* Splits LINE at tabs into the vector's fields. */
static bool parse_line(char *line, vector *v)
{
  char *f[7];
  memset(v, 0, sizeof *v);
  size_t n = split(line, f, 7);
  if (n < 4 || !parse_hex(f[2], &v->bytes, &v->len))
    return false;
  v->name = f[0];
  v->type = f[1];
  v->hex = f[2];
  v->verdict = f[3];
  if (strcmp(v->verdict, "ok") == 0 && n <= 5) {
    v->canon_hex = n == 5 ? f[4] : NULL;
    return parse_canonical(v);
  }
  if (n != 7 || strcmp(v->verdict, "error") != 0)
    return false;
  v->code = f[4];
  v->path = f[5];
  v->message = f[6];
  return true;
}

static void free_vector(vector *v)
{
  if (v->canon != v->bytes)
    free(v->canon);
  free(v->bytes);
}

typedef struct decoded {
  bool ok;
  bw_error err;
  void *value;
  void *arena_buf;
  bw_arena arena;
} decoded;

static void decode(const bw_type *t, const uint8_t *data, size_t len,
                   unsigned flags, decoded *out)
{
  /* The documented bound, exactly: a decode that needed more would fail
   * with BW_ERR_ARENA_EXHAUSTED and the vector with it. */
  size_t budget = t->arena_bound(len);
  bw_decode_options options = { flags, 0, 0 };
  out->value = calloc(1, t->size);
  out->arena_buf = malloc(budget);
  bw_arena_init(&out->arena, out->arena_buf, budget);
  out->ok = t->decode(out->value, data, len, &out->arena, &options,
                      &out->err);
}

static void release(decoded *d)
{
  free(d->value);
  free(d->arena_buf);
}

static bool fail(const vector *v, const char *what, const bw_error *err)
{
  char text[512] = "";
  if (err != NULL)
    bw_error_format(err, text, sizeof text);
  printf("FAIL %s: %s%s%s\n", v->name, what, err ? ": " : "", text);
  return false;
}

/* Encodes VALUE and compares the result with the vector's canonical
 * bytes. */
static bool reencodes(const vector *v, const bw_type *t, const void *value)
{
  bw_error err;
  size_t size = 0, len = 0;
  if (!t->validate(value, &err))
    return fail(v, "decoded value does not validate", &err);
  if (!t->encoded_size(value, &size, &err))
    return fail(v, "encoded_size failed", &err);
  if (size != v->canon_len)
    return fail(v, "encoded_size differs from the canonical length", NULL);
  uint8_t *out = malloc(size + 1);
  bool ok = t->encode(value, out, size, &len, &err);
  if (!ok)
    fail(v, "encode failed", &err);
  else if (len != v->canon_len ||
           (len > 0 && memcmp(out, v->canon, len) != 0))
    ok = fail(v, "re-encoding differs from the canonical bytes", NULL);
  free(out);
  return ok;
}

/* Decodes DATA in copy and in view mode; each value must re-encode to
 * the vector's canonical bytes. */
static bool decodes_to_canonical(const vector *v, const bw_type *t,
                                 const uint8_t *data, size_t len)
{
  bool ok = true;
  unsigned modes[] = { 0, BW_DECODE_VIEW };
  for (size_t m = 0; m < 2 && ok; m++) {
    decoded d;
    decode(t, data, len, modes[m], &d);
    if (!d.ok)
      ok = fail(v, "decode failed", &d.err);
    else
      ok = reencodes(v, t, d.value);
    double ratio = (double)bw_arena_used(&d.arena) / (double)(len + 1);
    if (ratio > worst_ratio)
      worst_ratio = ratio;
    release(&d);
  }
  return ok;
}

/* The input, and the canonical bytes when they differ from it. */
static bool check_ok(const vector *v, const bw_type *t)
{
  if (!decodes_to_canonical(v, t, v->bytes, v->len))
    return false;
  if (v->canon == v->bytes)
    return true;
  if (v->canon_len == v->len && memcmp(v->canon, v->bytes, v->len) == 0)
    return fail(v, "the canonical bytes equal the input", NULL);
  return decodes_to_canonical(v, t, v->canon, v->canon_len);
}

static bool check_error(const vector *v, const bw_type *t)
{
  decoded d;
  decode(t, v->bytes, v->len, 0, &d);
  bool ok = true;
  char text[512];
  if (d.ok) {
    ok = fail(v, "decode succeeded where an error was expected", NULL);
  } else {
    bw_error_format(&d.err, text, sizeof text);
    if (strcmp(bw_code_name(d.err.code), v->code) != 0 ||
        strcmp(bw_error_path(&d.err), v->path) != 0 ||
        strcmp(text, v->message) != 0) {
      printf("FAIL %s: expected %s at '%s': %s\n  got %s at '%s': %s\n",
             v->name, v->code, v->path, v->message,
             bw_code_name(d.err.code), bw_error_path(&d.err), text);
      ok = false;
    }
  }
  release(&d);
  return ok;
}

/* Every prefix must decode or fail without touching memory it should
 * not; the sanitizers and valgrind are the judges here. */
static void check_prefixes(const vector *v, const bw_type *t)
{
  for (size_t cut = 0; cut < v->len; cut++) {
    uint8_t *copy = malloc(cut + 1);
    memcpy(copy, v->bytes, cut);
    decoded d;
    decode(t, copy, cut, 0, &d);
    release(&d);
    free(copy);
  }
}

static bool run(vector *v)
{
  const bw_type *t = find_type(v->type);
  if (t == NULL)
    return fail(v, "unknown type", NULL);
  check_prefixes(v, t);
  if (strcmp(v->verdict, "ok") == 0)
    return check_ok(v, t);
  return check_error(v, t);
}

/* ---- --reencode ------------------------------------------------------ */

static void print_hex(const uint8_t *data, size_t len)
{
  for (size_t i = 0; i < len; i++)
    printf("%02x", data[i]);
}

/* Prints the canonical encoding of the value DATA decodes to, or the
 * error that stops it. */
static void reencode_one(const bw_type *t, const uint8_t *data, size_t len)
{
  decoded d;
  bw_error *err = &d.err;
  size_t size = 0, out_len = 0;
  uint8_t *out = NULL;
  char text[512];
  decode(t, data, len, 0, &d);
  if (d.ok && t->encoded_size(d.value, &size, err)) {
    out = malloc(size + 1);
    d.ok = t->encode(d.value, out, size, &out_len, err);
  } else {
    d.ok = false;
  }
  if (d.ok) {
    printf("ok\t");
    print_hex(out, out_len);
    printf("\n");
  } else {
    bw_error_format(err, text, sizeof text);
    printf("error\t%s\t%s\t%s\n", bw_code_name(err->code),
           bw_error_path(err), text);
  }
  free(out);
  release(&d);
}

/* Reads "type  hex" lines; returns 1 if one is not such a line. */
static int reencode_lines(char *line)
{
  int status = 0;
  while (fgets(line, MAX_LINE, stdin) != NULL) {
    char *f[2];
    uint8_t *data = NULL;
    size_t len = 0;
    const bw_type *t = NULL;
    if (split(line, f, 2) == 2 && parse_hex(f[1], &data, &len))
      t = find_type(f[0]);
    if (t != NULL) {
      reencode_one(t, data, len);
    } else {
      printf("bad line\n");
      status = 1;
    }
    free(data);
    fflush(stdout);
  }
  return status;
}

int main(int argc, char **argv)
{
  char *line = malloc(MAX_LINE);
  unsigned passed = 0, failed = 0;
  if (argc == 2 && strcmp(argv[1], "--reencode") == 0) {
    int status = reencode_lines(line);
    free(line);
    return status;
  }
  while (fgets(line, MAX_LINE, stdin) != NULL) {
    vector v;
    if (!parse_line(line, &v)) {
      printf("FAIL: malformed vector line\n");
      failed++;
    } else if (run(&v)) {
      passed++;
    } else {
      failed++;
    }
    free_vector(&v);
  }
  free(line);
  printf("arena: at most %.1f bytes per input byte (+1)\n", worst_ratio);
  printf("vectors: %u passed, %u failed\n", passed, failed);
  return failed == 0 && passed > 0 ? 0 : 1;
}
