/* run_vectors.c: runs the shared test vectors through the generated C.
 *
 * Reads vectors as lines on standard input (lines.py turns the JSON
 * corpus into them), tab-separated:
 *
 *   name  type  hex  ok
 *   name  type  hex  error  code  path  message
 *
 * An "ok" vector must decode, validate, size to its own length and
 * encode back to the same bytes, in copy and in view mode.  An "error"
 * vector must fail with that code, path and text.  Every vector is also
 * decoded cut short at each byte, which must fail or succeed cleanly;
 * sanitizer and valgrind runs make that a memory-safety test.  Every
 * decode gets exactly the arena its type's arena_bound promises is
 * enough, and the largest use per input byte is printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vectors.h"

enum { MAX_LINE = 1 << 20 };

typedef struct vector {
  char *name, *type, *hex, *verdict, *code, *path, *message;
  uint8_t *bytes;
  size_t len;
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

static bool parse_hex(vector *v)
{
  size_t n = strlen(v->hex);
  if (n % 2 != 0)
    return false;
  v->len = n / 2;
  v->bytes = malloc(v->len + 1);
  for (size_t i = 0; i < v->len; i++) {
    int hi = hex_digit(v->hex[2 * i]), lo = hex_digit(v->hex[2 * i + 1]);
    if (hi < 0 || lo < 0)
      return false;
    v->bytes[i] = (uint8_t)(hi << 4 | lo);
  }
  return true;
}

/* Splits LINE at tabs into the vector's fields. */
static bool parse_line(char *line, vector *v)
{
  char **fields[] = { &v->name, &v->type, &v->hex, &v->verdict, &v->code,
                      &v->path, &v->message };
  size_t n = 0;
  memset(v, 0, sizeof *v);
  line[strcspn(line, "\n")] = '\0';
  for (char *p = line; n < 7; n++) {
    *fields[n] = p;
    char *tab = strchr(p, '\t');
    if (tab == NULL) {
      n++;
      break;
    }
    *tab = '\0';
    p = tab + 1;
  }
  bool ok = n == 4 && strcmp(v->verdict, "ok") == 0;
  bool err = n == 7 && strcmp(v->verdict, "error") == 0;
  return (ok || err) && parse_hex(v);
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

/* Encodes VALUE and compares the result with the vector's bytes. */
static bool reencodes(const vector *v, const bw_type *t, const void *value)
{
  bw_error err;
  size_t size = 0, len = 0;
  if (!t->validate(value, &err))
    return fail(v, "decoded value does not validate", &err);
  if (!t->encoded_size(value, &size, &err))
    return fail(v, "encoded_size failed", &err);
  if (size != v->len)
    return fail(v, "encoded_size differs from the input length", NULL);
  uint8_t *out = malloc(size + 1);
  bool ok = t->encode(value, out, size, &len, &err);
  if (!ok)
    fail(v, "encode failed", &err);
  else if (len != v->len || (len > 0 && memcmp(out, v->bytes, len) != 0))
    ok = fail(v, "re-encoding differs from the input", NULL);
  free(out);
  return ok;
}

static bool check_ok(const vector *v, const bw_type *t)
{
  bool ok = true;
  unsigned modes[] = { 0, BW_DECODE_VIEW };
  for (size_t m = 0; m < 2 && ok; m++) {
    decoded d;
    decode(t, v->bytes, v->len, modes[m], &d);
    if (!d.ok)
      ok = fail(v, "decode failed", &d.err);
    else
      ok = reencodes(v, t, d.value);
    double ratio = (double)bw_arena_used(&d.arena) / (double)(v->len + 1);
    if (ratio > worst_ratio)
      worst_ratio = ratio;
    release(&d);
  }
  return ok;
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

int main(void)
{
  char *line = malloc(MAX_LINE);
  unsigned passed = 0, failed = 0;
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
    free(v.bytes);
  }
  free(line);
  printf("arena: at most %.1f bytes per input byte (+1)\n", worst_ratio);
  printf("vectors: %u passed, %u failed\n", passed, failed);
  return failed == 0 && passed > 0 ? 0 : 1;
}
