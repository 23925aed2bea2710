/* diag.c: printing diagnostics with the source line and a caret. */
#include "diag.h"

#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

/* Source lines longer than this are shown as a window around the error,
 * so that a one-line megabyte file does not flood the terminal. */
enum { WINDOW_BEFORE = 60, WINDOW_AFTER = 100 };

void bwc_diag_init(bwc_diag *diag, FILE *out, unsigned max_errors)
{
  memset(diag, 0, sizeof *diag);
  diag->out = out;
  diag->max_errors = max_errors;
}

bool bwc_diag_stopped(const bwc_diag *diag)
{
  return diag->capped;
}

static bool is_continuation(unsigned char c)
{
  return (c & 0xC0) == 0x80;
}

/* Length of the valid UTF-8 sequence at P (at most N bytes), or 0. */
static size_t utf8_sequence(const unsigned char *p, size_t n)
{
  size_t len = p[0] < 0xC2 ? 0 : p[0] < 0xE0 ? 2 : p[0] < 0xF0 ? 3
               : p[0] < 0xF5 ? 4 : 0;
  if (len == 0 || len > n)
    return 0;
  for (size_t i = 1; i < len; i++)
    if (!is_continuation(p[i]))
      return 0;
  return len;
}

char *bwc_quote(char *buf, size_t size, const char *text, size_t len)
{
  const size_t max_chars = 40;
  const unsigned char *p = (const unsigned char *)text;
  size_t out = 0, chars = 0, i = 0;

  while (i < len && chars < max_chars && out + 8 < size) {
    size_t seq = p[i] >= 0x80 ? utf8_sequence(p + i, len - i) : 1;
    if (seq > 1) {
      memcpy(buf + out, p + i, seq);
      out += seq;
      i += seq;
    } else if (p[i] >= 0x20 && p[i] < 0x7F) {
      buf[out++] = (char)p[i++];
    } else {
      out += (size_t)snprintf(buf + out, size - out, "\\x%02X", p[i++]);
    }
    chars++;
  }
  if (i < len && out + 4 <= size) {
    memcpy(buf + out, "...", 3);
    out += 3;
  }
  buf[out < size ? out : size - 1] = '\0';
  return buf;
}

/* The bytes [begin, end) of the line holding OFFSET, cut to a window
 * around OFFSET when the line is long. */
typedef struct line_view {
  unsigned number;
  unsigned column;
  uint32_t begin, end;
  bool cut_before, cut_after;
} line_view;

static line_view view_line(const bwc_source *src, uint32_t offset)
{
  line_view v;
  bwc_source_position(src, offset, &v.number, &v.column);
  v.begin = src->line_starts[v.number - 1];
  v.end = v.begin;
  while (v.end < src->len && src->text[v.end] != '\n')
    v.end++;
  if (v.end > v.begin && src->text[v.end - 1] == '\r')
    v.end--;

  v.cut_before = offset > v.begin + WINDOW_BEFORE;
  if (v.cut_before)
    v.begin = offset - WINDOW_BEFORE;
  v.cut_after = v.end > offset + WINDOW_AFTER;
  if (v.cut_after)
    v.end = offset + WINDOW_AFTER;
  /* Never start or end a window inside a UTF-8 sequence. */
  while (v.begin < offset && is_continuation(src->text[v.begin]))
    v.begin++;
  while (v.end > offset && v.end < src->len &&
         is_continuation(src->text[v.end]))
    v.end--;
  return v;
}

/* Prints the source line, then a marker line: '^' under SPAN's first
 * character and '~' under the rest of it on that line. */
static void print_excerpt(FILE *out, const bwc_source *src, bwc_span span)
{
  line_view v = view_line(src, span.begin);
  const unsigned char *t = (const unsigned char *)src->text;

  fprintf(out, "%5u | %s", v.number, v.cut_before ? "..." : "");
  for (uint32_t i = v.begin; i < v.end;) {
    size_t seq = t[i] >= 0x80 ? utf8_sequence(t + i, v.end - i) : 1;
    if (seq > 1)
      fwrite(t + i, 1, seq, out);
    else
      fputc(t[i] == '\t' || (t[i] >= 0x20 && t[i] < 0x7F) ? t[i] : '?', out);
    i += seq ? (uint32_t)seq : 1;
  }
  fprintf(out, "%s\n      | %s", v.cut_after ? "..." : "",
          v.cut_before ? "   " : "");

  for (uint32_t i = v.begin; i < span.begin && i < v.end;) {
    fputc(t[i] == '\t' ? '\t' : ' ', out);
    size_t seq = t[i] >= 0x80 ? utf8_sequence(t + i, v.end - i) : 1;
    i += seq ? (uint32_t)seq : 1;
  }
  fputc('^', out);
  uint32_t stop = span.end < v.end ? span.end : v.end;
  for (uint32_t i = span.begin + 1; i < stop; i++)
    if (!is_continuation(t[i]))
      fputc('~', out);
  fputc('\n', out);
}

static void vreport(bwc_diag *diag, const char *kind, const bwc_source *src,
                    bwc_span span, const char *format, va_list ap)
{
  if (src != NULL) {
    unsigned line, column;
    bwc_source_position(src, span.begin, &line, &column);
    fprintf(diag->out, "%s:%u:%u: %s: ", src->path, line, column, kind);
  } else {
    fprintf(diag->out, "bwc: %s: ", kind);
  }
  vfprintf(diag->out, format, ap);
  fputc('\n', diag->out);
  if (src != NULL)
    print_excerpt(diag->out, src, span);
}

/* Counts an error and says whether it may still be printed. */
static bool admit_error(bwc_diag *diag)
{
  if (diag->capped)
    return false;
  diag->errors++;
  if (diag->max_errors != 0 && diag->errors > diag->max_errors) {
    diag->capped = true;
    fprintf(diag->out, "bwc: too many errors (limit is %u); stopping\n",
            diag->max_errors);
    return false;
  }
  return true;
}

void bwc_error(bwc_diag *diag, const bwc_source *src, bwc_span span,
               const char *format, ...)
{
  diag->last_shown = admit_error(diag);
  if (!diag->last_shown)
    return;
  va_list ap;
  va_start(ap, format);
  vreport(diag, "error", src, span, format, ap);
  va_end(ap);
}

void bwc_file_error(bwc_diag *diag, const char *path, const char *format, ...)
{
  diag->last_shown = admit_error(diag);
  if (!diag->last_shown)
    return;
  va_list ap;
  va_start(ap, format);
  fprintf(diag->out, "%s: error: ", path);
  vfprintf(diag->out, format, ap);
  fputc('\n', diag->out);
  va_end(ap);
}

void bwc_warning(bwc_diag *diag, const bwc_source *src, bwc_span span,
                 const char *format, ...)
{
  diag->last_shown = !diag->capped;
  if (!diag->last_shown)
    return;
  diag->warnings++;
  va_list ap;
  va_start(ap, format);
  vreport(diag, "warning", src, span, format, ap);
  va_end(ap);
}

void bwc_note(bwc_diag *diag, const bwc_source *src, bwc_span span,
              const char *format, ...)
{
  if (!diag->last_shown)
    return;
  va_list ap;
  va_start(ap, format);
  vreport(diag, "note", src, span, format, ap);
  va_end(ap);
}
