/* emit.c: see emit.h. */
#include "emit.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bwc_out_init(bwc_out *out)
{
  memset(out, 0, sizeof *out);
  out->at_line_start = true;
}

void bwc_out_free(bwc_out *out)
{
  free(out->text);
  memset(out, 0, sizeof *out);
}

static void reserve(bwc_out *out, size_t more)
{
  if (out->cap - out->len > more)
    return;
  size_t cap = out->cap ? out->cap : 4096;
  while (cap - out->len <= more)
    cap *= 2;
  char *grown = realloc(out->text, cap);
  if (grown == NULL) {
    fputs("bwc: out of memory\n", stderr);
    exit(2);
  }
  out->text = grown;
  out->cap = cap;
}

static void put(bwc_out *out, const char *text, size_t len)
{
  for (size_t i = 0; i < len; i++) {
    char c = text[i];
    if (out->at_line_start && c != '\n') {
      reserve(out, 2 * out->indent);
      memset(out->text + out->len, ' ', 2 * out->indent);
      out->len += 2 * out->indent;
    }
    reserve(out, 1);
    out->text[out->len++] = c;
    out->at_line_start = c == '\n';
  }
  reserve(out, 1);
  out->text[out->len] = '\0';
}

void bwc_out_printf(bwc_out *out, const char *format, ...)
{
  va_list ap, again;
  va_start(ap, format);
  va_copy(again, ap);
  int n = vsnprintf(NULL, 0, format, ap);
  va_end(ap);
  if (n > 0) {
    char *tmp = malloc((size_t)n + 1);
    if (tmp == NULL) {
      fputs("bwc: out of memory\n", stderr);
      exit(2);
    }
    vsnprintf(tmp, (size_t)n + 1, format, again);
    put(out, tmp, (size_t)n);
    free(tmp);
  }
  va_end(again);
}

void bwc_out_comment(bwc_out *out, const char *prefix, const char *text)
{
  while (*text != '\0') {
    const char *eol = strchr(text, '\n');
    size_t len = eol ? (size_t)(eol - text) : strlen(text);
    bwc_out_printf(out, "%s%.*s\n", prefix, (int)len, text);
    text += len + (eol != NULL);
  }
}

static bool same_content(const char *path, const bwc_out *out)
{
  FILE *in = fopen(path, "rb");
  if (in == NULL)
    return false;
  bool same = true;
  char buf[8192];
  size_t at = 0, n;
  while (same && (n = fread(buf, 1, sizeof buf, in)) > 0) {
    same = at + n <= out->len && memcmp(buf, out->text + at, n) == 0;
    at += n;
  }
  fclose(in);
  return same && at == out->len;
}

bool bwc_out_write(const bwc_out *out, bwc_diag *diag, const char *dir,
                   const char *name, bool verbose)
{
  size_t size = strlen(dir) + strlen(name) + 2;
  char *path = malloc(size);
  if (path == NULL)
    return false;
  snprintf(path, size, "%s/%s", dir, name);
  bool ok = true;
  if (!same_content(path, out)) {
    FILE *f = fopen(path, "wb");
    ok = f != NULL && fwrite(out->text, 1, out->len, f) == out->len;
    int saved = errno;
    if (f != NULL && fclose(f) != 0)
      ok = false;
    if (!ok)
      bwc_file_error(diag, path, "cannot write: %s", strerror(saved));
  }
  if (ok && verbose)
    fprintf(stderr, "bwc: wrote %s\n", path);
  free(path);
  return ok;
}

const char *bwc_file_stem(bwc_arena *arena, const bwc_source *source)
{
  const char *base = strrchr(source->path, '/');
  base = base ? base + 1 : source->path;
  size_t len = strlen(base);
  if (len > 3 && strcmp(base + len - 3, ".bw") == 0)
    len -= 3;
  return bwc_arena_strndup(arena, base, len);
}

bool bwc_check_stems(bwc_compilation *comp)
{
  bwc_symtab *seen = bwc_symtab_new(comp->arena);
  bool ok = true;
  for (bwc_file *f = comp->files; f != NULL; f = f->next) {
    const char *stem = bwc_file_stem(comp->arena, f->source);
    bwc_file *first = bwc_symtab_insert(seen, stem, f);
    if (first == NULL)
      continue;
    bwc_file_error(comp->diag, f->source->path,
                   "its outputs would overwrite those of '%s' (both are "
                   "named '%s'); rename one", first->source->path, stem);
    ok = false;
  }
  return ok;
}
