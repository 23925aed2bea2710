/* error.c: recording the first error, its field path, and its text.
 *
 * The path is stored right-aligned in its buffer so that each frame of a
 * failing decoder can prepend its segment in place as the error travels
 * up, without moving what the inner frames wrote.  Nothing here runs
 * unless something has already failed.
 */
#include "boundwire.h"
#include "internal.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* String keys longer than this are cut in paths: the path has to stay
 * readable, and the key is attacker-controlled. */
#define KEY_SHOWN_MAX 32

/* Room for one rendered segment: a cut key where every byte needed a
 * four-character escape, plus brackets, quotes, "..." and a dot. */
#define SEGMENT_MAX (KEY_SHOWN_MAX * 4 + 16)

/* Room for one rendered number; "%.17g" of a double takes at most 24. */
#define NUM_TEXT_MAX 32

typedef struct code_info {
  bw_code code;
  const char *name;
  const char *detailed;  /* uses {v} (the value) and {l} (the limit) */
  const char *plain;     /* when a number the template needs is absent */
} code_info;

static const code_info code_table[] = {
  {BW_OK, "ok", NULL, "no error"},
  {BW_ERR_TRUNCATED, "truncated", NULL, "input ends inside a value"},
  {BW_ERR_VARINT_TOO_LONG, "varint_too_long", NULL,
   "varint longer than 10 bytes"},
  {BW_ERR_VARINT_OVERFLOW, "varint_overflow", NULL,
   "varint does not fit in 64 bits"},
  {BW_ERR_VARINT_NOT_MINIMAL, "varint_not_minimal", NULL,
   "varint is not minimally encoded"},
  {BW_ERR_BAD_FIELD_NUMBER, "bad_field_number",
   "field number {v} is outside 1..{l}", "field number out of range"},
  {BW_ERR_GROUP_WIRE_TYPE, "group_wire_type",
   "wire type {v} (group) is not supported", "groups are not supported"},
  {BW_ERR_BAD_WIRE_TYPE, "bad_wire_type", "wire type {v} does not exist",
   "invalid wire type"},
  {BW_ERR_WRONG_WIRE_TYPE, "wrong_wire_type",
   "wire type {v} where {l} was expected", "wrong wire type"},
  {BW_ERR_LENGTH_PAST_END, "length_past_end",
   "length {v} runs past the end ({l} bytes remain)",
   "length runs past the end of the input"},
  {BW_ERR_DUPLICATE_FIELD, "duplicate_field",
   "field {v} appears more than once", "field appears more than once"},
  {BW_ERR_INVALID_UTF8, "invalid_utf8", NULL, "invalid UTF-8"},
  {BW_ERR_UNKNOWN_FIELD, "unknown_field", "unknown field {v}",
   "unknown field"},
  {BW_ERR_INVALID_BOOL, "invalid_bool", "bool encoded as {v}",
   "bool is neither 0 nor 1"},
  {BW_ERR_BAD_PACKED_LENGTH, "bad_packed_length",
   "packed length {v} is not a multiple of {l}",
   "packed length is not a multiple of the element size"},
  {BW_ERR_DUPLICATE_KEY, "duplicate_key", NULL,
   "key appears more than once"},
  {BW_ERR_UNSORTED_KEYS, "unsorted_keys", NULL,
   "map entries are not in ascending key order"},
  {BW_ERR_BELOW_MINIMUM, "below_minimum", "{v} is below the minimum {l}",
   "value is below the minimum"},
  {BW_ERR_ABOVE_MAXIMUM, "above_maximum", "{v} is above the maximum {l}",
   "value is above the maximum"},
  {BW_ERR_TOO_SHORT, "too_short", "length {v} is below the minimum {l}",
   "too short"},
  {BW_ERR_TOO_LONG, "too_long", "length {v} is above the maximum {l}",
   "too long"},
  {BW_ERR_TOO_FEW, "too_few", "count {v} is below the minimum {l}",
   "too few items"},
  {BW_ERR_TOO_MANY, "too_many", "count {v} is above the maximum {l}",
   "too many items"},
  {BW_ERR_UNKNOWN_ENUM, "unknown_enum", "{v} is not a value of the enum",
   "unknown enum value"},
  {BW_ERR_NOT_FINITE, "not_finite", "{v} is not finite",
   "value is not finite"},
  {BW_ERR_UNION_SEVERAL, "union_several", NULL,
   "union holds more than one member"},
  {BW_ERR_UNION_EMPTY, "union_empty", NULL, "union holds no member"},
  {BW_ERR_TOO_DEEP, "too_deep", "nesting depth {v} is above the maximum {l}",
   "nesting too deep"},
  {BW_ERR_MESSAGE_TOO_LARGE, "message_too_large",
   "message of {v} bytes is above the maximum {l}", "message too large"},
  {BW_ERR_ARENA_EXHAUSTED, "arena_exhausted",
   "arena exhausted: {v} bytes requested, {l} remain", "arena exhausted"},
  {BW_ERR_OUTPUT_FULL, "output_full",
   "output buffer full: {v} bytes needed, {l} remain",
   "output buffer full"},
};

static const code_info *find_code(bw_code code)
{
  size_t n = sizeof code_table / sizeof code_table[0];

  for (size_t i = 0; i < n; i++) {
    if (code_table[i].code == code)
      return &code_table[i];
  }
  return NULL;
}

const char *bw_code_name(bw_code code)
{
  const code_info *info = find_code(code);

  return info ? info->name : "unknown";
}

bw_group bw_code_group(bw_code code)
{
  if (code == BW_OK || find_code(code) == NULL)
    return BW_GROUP_NONE;
  return (bw_group)(code / 100);
}

/* ------------------------------------------------------------------ */
/* Recording                                                            */

/* Resets only what is read before an error is set: every decode starts
 * here, and clearing the whole path buffer cost more than decoding a
 * small message. */
void bw_error_clear(bw_error *err)
{
  err->code = BW_OK;
  err->offset = 0;
  err->value = bw_num_none();
  err->limit = bw_num_none();
  err->rule[0] = '\0';
  err->path_elided = false;
  err->path_len = 0;
  err->path[BW_ERROR_PATH_SIZE - 1] = '\0';
}

bool bw_error_set(bw_error *err, bw_code code, size_t offset)
{
  return bw_error_set_detail(err, code, offset, bw_num_none(),
                             bw_num_none(), NULL);
}

static void copy_rule(bw_error *err, const char *rule)
{
  size_t len;

  err->rule[0] = '\0';
  if (rule == NULL)
    return;
  len = bwi_utf8_cut((const uint8_t *)rule, strlen(rule),
                     BW_ERROR_RULE_SIZE - 1);
  memcpy(err->rule, rule, len);
  err->rule[len] = '\0';
}

bool bw_error_set_detail(bw_error *err, bw_code code, size_t offset,
                         bw_num value, bw_num limit, const char *rule)
{
  if (err->code != BW_OK || code == BW_OK)
    return false;
  err->code = code;
  err->offset = offset;
  err->value = value;
  err->limit = limit;
  copy_rule(err, rule);
  return false;
}

/* ------------------------------------------------------------------ */
/* Path                                                                 */

/* The path fills the PATH_LEN bytes that end just before the buffer's
 * last byte.  That byte is the NUL: it is zero in a cleared bw_error and
 * nothing ever writes it. */
const char *bw_error_path(const bw_error *err)
{
  return err->path + (BW_ERROR_PATH_SIZE - 1 - err->path_len);
}

static char *path_start(bw_error *err)
{
  return err->path + (BW_ERROR_PATH_SIZE - 1 - err->path_len);
}

/* A segment needs a dot after it when a field name follows. */
static bool needs_dot(const bw_error *err)
{
  return err->path_len > 0 && bw_error_path(err)[0] != '[';
}

/* Puts the LEN bytes of TEXT, then a dot if DOT, in front of the path. */
static void prepend(bw_error *err, const char *text, size_t len, bool dot)
{
  size_t room = BW_ERROR_PATH_SIZE - 1 - err->path_len;
  size_t total = len + (dot ? 1 : 0);
  char *start;

  if (err->code == BW_OK || err->path_elided)
    return;
  if (total > room) {
    err->path_elided = true;
    return;
  }
  start = path_start(err) - total;
  memcpy(start, text, len);
  if (dot)
    start[len] = '.';
  err->path_len = (uint16_t)(err->path_len + total);
}

void bw_error_prepend_field(bw_error *err, const char *name)
{
  prepend(err, name, strlen(name), needs_dot(err));
}

static void prepend_bracketed(bw_error *err, const char *text, int len)
{
  if (len > 0)
    prepend(err, text, (size_t)len, needs_dot(err));
}

void bw_error_prepend_index(bw_error *err, size_t index)
{
  char seg[SEGMENT_MAX];
  int len = snprintf(seg, sizeof seg, "[%zu]", index);

  prepend_bracketed(err, seg, len);
}

void bw_error_prepend_key_int(bw_error *err, int64_t key)
{
  char seg[SEGMENT_MAX];
  int len = snprintf(seg, sizeof seg, "[%" PRId64 "]", key);

  prepend_bracketed(err, seg, len);
}

void bw_error_prepend_key_uint(bw_error *err, uint64_t key)
{
  char seg[SEGMENT_MAX];
  int len = snprintf(seg, sizeof seg, "[%" PRIu64 "]", key);

  prepend_bracketed(err, seg, len);
}

/* Appends one character of a quoted key at S to OUT; returns the bytes
 * of S it consumed.  OUT has room for the longest escape. */
static size_t quote_char(const uint8_t *s, size_t len, char *out,
                         size_t *used)
{
  size_t n = s[0] >= 0x80 ? bwi_utf8_sequence(s, len) : 1;

  if (n > 1) {
    memcpy(out + *used, s, n);
    *used += n;
    return n;
  }
  if (s[0] == '"' || s[0] == '\\') {
    out[(*used)++] = '\\';
    out[(*used)++] = (char)s[0];
  } else if (s[0] >= 0x20 && s[0] < 0x7f) {
    out[(*used)++] = (char)s[0];
  } else {
    *used += (size_t)snprintf(out + *used, 5, "\\x%02X", s[0]);
  }
  return 1;
}

void bw_error_prepend_key_str(bw_error *err, const void *key, size_t len)
{
  const uint8_t *s = key;
  size_t shown = bwi_utf8_cut(s, len, KEY_SHOWN_MAX);
  char seg[SEGMENT_MAX];
  size_t used = 0;

  seg[used++] = '[';
  seg[used++] = '"';
  for (size_t i = 0; i < shown;)
    i += quote_char(s + i, shown - i, seg, &used);
  if (shown < len) {
    memcpy(seg + used, "...", 3);
    used += 3;
  }
  seg[used++] = '"';
  seg[used++] = ']';
  prepend(err, seg, used, needs_dot(err));
}

/* ------------------------------------------------------------------ */
/* Formatting                                                           */

/* An output that behaves as snprintf's: it counts everything, stores
 * what fits, and always leaves room for the NUL. */
typedef struct sink {
  char *buf;
  size_t size;
  size_t len;
} sink;

static void put(sink *s, const char *text, size_t n)
{
  if (s->size > 0 && s->len < s->size - 1) {
    size_t room = s->size - 1 - s->len;

    memcpy(s->buf + s->len, text, n < room ? n : room);
  }
  s->len += n;
}

static void put_str(sink *s, const char *text)
{
  put(s, text, strlen(text));
}

/* Floats are shown as Python's repr() shows them, so that C and Python
 * messages agree: the fewest significant digits that read back as the
 * same double, in positional form for exponents -4 to 15 and in
 * scientific form outside. */
static void python_repr(double d, char *out, size_t size)
{
  int digits = 17;
  long exponent;

  for (int p = 1; p <= 17; p++) {
    snprintf(out, size, "%.*e", p - 1, d);
    if (strtod(out, NULL) == d) {
      digits = p;
      break;
    }
  }
  snprintf(out, size, "%.*e", digits - 1, d);
  exponent = strtol(strchr(out, 'e') + 1, NULL, 10);
  if (exponent >= -4 && exponent < 16) {
    long decimals = digits - 1 - exponent;

    snprintf(out, size, "%.*f", decimals > 0 ? (int)decimals : 0, d);
  }
}

/* printf follows the locale's decimal point; messages must not.  Any
 * byte that is not part of a number's own syntax is the decimal point. */
static void normalize_point(char *text)
{
  char *out = text;
  bool in_point = false;

  for (const char *p = text; *p; p++) {
    bool own = (*p >= '0' && *p <= '9') || *p == '-' || *p == '+' ||
               *p == 'e';

    if (own)
      *out++ = *p;
    else if (!in_point)
      *out++ = '.';
    in_point = !own;
  }
  *out = '\0';
}

static void render_double(double d, char *out, size_t size)
{
  if (isnan(d)) {
    snprintf(out, size, "nan");
    return;
  }
  if (isinf(d)) {
    snprintf(out, size, "%s", d < 0 ? "-inf" : "inf");
    return;
  }
  python_repr(d, out, size);
  normalize_point(out);
  if (strpbrk(out, ".e") == NULL)
    strncat(out, ".0", size - strlen(out) - 1);
}

static void render_num(const bw_num *n, char *out, size_t size)
{
  switch (n->kind) {
  case BW_NUM_INT:
    snprintf(out, size, "%" PRId64, n->i);
    break;
  case BW_NUM_UINT:
    snprintf(out, size, "%" PRIu64, n->u);
    break;
  case BW_NUM_FLOAT:
    render_double(n->f, out, size);
    break;
  default:
    out[0] = '\0';
    break;
  }
}

/* Expands {v} and {l} in TMPL. */
static void put_template(sink *s, const char *tmpl, const bw_error *err)
{
  char value[NUM_TEXT_MAX];
  char limit[NUM_TEXT_MAX];

  render_num(&err->value, value, sizeof value);
  render_num(&err->limit, limit, sizeof limit);
  for (const char *p = tmpl; *p; p++) {
    if (strncmp(p, "{v}", 3) == 0) {
      put_str(s, value);
      p += 2;
    } else if (strncmp(p, "{l}", 3) == 0) {
      put_str(s, limit);
      p += 2;
    } else {
      put(s, p, 1);
    }
  }
}

/* The detailed template applies only when every number it names is
 * there. */
static bool template_fits(const char *tmpl, const bw_error *err)
{
  if (tmpl == NULL)
    return false;
  if (strstr(tmpl, "{v}") && err->value.kind == BW_NUM_NONE)
    return false;
  if (strstr(tmpl, "{l}") && err->limit.kind == BW_NUM_NONE)
    return false;
  return true;
}

static void put_message(sink *s, const bw_error *err)
{
  const code_info *info = find_code(err->code);

  if (info == NULL)
    put_str(s, "unknown error");
  else if (template_fits(info->detailed, err))
    put_template(s, info->detailed, err);
  else
    put_str(s, info->plain);
}

/* An elided path starts with "...", which stands for the dropped outer
 * segments and is joined to the rest as a segment would be. */
static void put_path(sink *s, const bw_error *err)
{
  if (err->path_len == 0 && !err->path_elided)
    return;
  if (err->path_elided)
    put_str(s, needs_dot(err) ? "...." : "...");
  put_str(s, bw_error_path(err));
  put_str(s, ": ");
}

size_t bw_error_format(const bw_error *err, char *buf, size_t size)
{
  sink s = {buf, size, 0};

  put_path(&s, err);
  put_message(&s, err);
  if (bw_code_group(err->code) == BW_GROUP_MALFORMED) {
    char at[NUM_TEXT_MAX];

    snprintf(at, sizeof at, " at byte %zu", err->offset);
    put_str(&s, at);
  }
  if (size > 0)
    buf[s.len < size ? s.len : size - 1] = '\0';
  return s.len;
}
