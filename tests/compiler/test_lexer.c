/* test_lexer.c: tokens, values, locations and lexical errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lexer_state.h"
#include "parse.h"
#include "support.h"

enum { MAX_TOKENS = BWC_MAX_NESTING + 16 };

typedef struct lexed {
  int kind[MAX_TOKENS];
  BWC_YYSTYPE value[MAX_TOKENS];
  bwc_span span[MAX_TOKENS];
  int count;              /* tokens before the end of input */
} lexed;

static void lex(fixture *f, const char *text, lexed *out)
{
  bwc_lexer lx;
  memset(&lx, 0, sizeof lx);
  lx.arena = f->arena;
  lx.diag = &f->diag;
  lx.source = bwc_source_from_memory(f->arena, "test.bw", text,
                                     strlen(text));
  void *scanner = bwc_lexer_open(&lx);
  memset(out, 0, sizeof *out);
  for (int i = 0; i < MAX_TOKENS; i++) {
    int kind = bwc_lexer_next(&out->value[i], &out->span[i], scanner);
    out->kind[i] = kind;
    if (kind == END)
      break;
    out->count++;
  }
  bwc_lexer_close(scanner);
}

static void test_lexer_keywords_and_names(void **state)
{
  lexed t;
  lex(*state, "package import const limits enum struct union optional "
              "reserved u32 list Item _x9", &t);

  const int expected[] = { PACKAGE, IMPORT, CONST, LIMITS, ENUM, STRUCT,
                           UNION, OPTIONAL, RESERVED, IDENT, IDENT, IDENT,
                           IDENT };
  assert_int_equal(t.count, 13);
  for (int i = 0; i < 13; i++)
    assert_int_equal(t.kind[i], expected[i]);
  assert_string_equal(t.value[9].tok.text, "u32");
  assert_string_equal(t.value[12].tok.text, "_x9");
}

static void test_lexer_integers(void **state)
{
  lexed t;
  lex(*state, "0 42 0x2A 18446744073709551615 18446744073709551616", &t);

  assert_int_equal(t.count, 5);
  assert_int_equal(t.value[1].tok.integer, 42);
  assert_int_equal(t.value[2].tok.integer, 42);
  assert_true(t.value[3].tok.integer == UINT64_MAX);
  assert_false(t.value[3].tok.overflow);
  assert_true(t.value[4].tok.overflow);
}

static void test_lexer_range_is_not_a_float(void **state)
{
  lexed t;
  lex(*state, "0..10 0.5..1.5e2", &t);

  const int expected[] = { INT, DOTDOT, INT, FLOAT, DOTDOT, FLOAT };
  assert_int_equal(t.count, 6);
  for (int i = 0; i < 6; i++)
    assert_int_equal(t.kind[i], expected[i]);
  assert_true(t.value[3].tok.real == 0.5);
  assert_true(t.value[5].tok.real == 150.0);
}

static void test_lexer_units(void **state)
{
  lexed t;
  lex(*state, "4 KiB MiB GiB", &t);

  assert_int_equal(t.kind[1], UNIT);
  assert_int_equal(t.value[1].tok.integer, 1024);
  assert_int_equal(t.value[2].tok.integer, 1024 * 1024);
  assert_int_equal(t.value[3].tok.integer, 1024 * 1024 * 1024);
}

static void test_lexer_byte_offsets(void **state)
{
  lexed t;
  lex(*state, "struct  Item\n{ }", &t);

  assert_int_equal(t.span[0].begin, 0);
  assert_int_equal(t.span[0].end, 6);
  assert_int_equal(t.span[1].begin, 8);
  assert_int_equal(t.span[1].end, 12);
  assert_int_equal(t.span[2].begin, 13);
}

static void test_lexer_comments_are_skipped(void **state)
{
  lexed t;
  lex(*state, "a // line\n/* block\n * more */ b /**/ c", &t);

  assert_int_equal(t.count, 3);
  assert_string_equal(t.value[2].tok.text, "c");
  assert_null(t.value[1].tok.doc);
}

static void test_lexer_doc_comments_attach_to_next_token(void **state)
{
  lexed t;
  lex(*state, "/// First line.\n/// Second.\nstruct /** Block\n * doc */ X",
      &t);

  assert_string_equal(t.value[0].tok.doc, "First line.\nSecond.");
  assert_string_equal(t.value[1].tok.doc, "Block\ndoc");
}

static void test_lexer_string_escapes(void **state)
{
  fixture *f = *state;
  lexed t;
  lex(f, "\"a\\\"b\\\\c\" \"bad\\n\"", &t);

  assert_int_equal(t.kind[0], STRING);
  assert_string_equal(t.value[0].tok.text, "a\"b\\c");
  assert_int_equal(f->diag.errors, 1);
  assert_non_null(strstr(fixture_output(f), "unknown escape sequence"));
}

static void test_lexer_unterminated_comment(void **state)
{
  fixture *f = *state;
  lexed t;
  lex(f, "a /* never closed", &t);

  assert_int_equal(t.count, 1);
  assert_int_equal(f->diag.errors, 1);
  assert_non_null(strstr(fixture_output(f),
                         "test.bw:1:3: error: unterminated comment"));
}

static void test_lexer_unexpected_character(void **state)
{
  fixture *f = *state;
  lexed t;
  lex(f, "a $ \xC3\xA9 b", &t);

  assert_int_equal(t.count, 2);
  assert_int_equal(f->diag.errors, 2);
  assert_non_null(strstr(fixture_output(f), "unexpected character '$'"));
  assert_non_null(strstr(fixture_output(f),
                         "unexpected character '\xC3\xA9'"));
}

static void test_lexer_invalid_number(void **state)
{
  fixture *f = *state;
  lexed t;
  lex(f, "12abc 4MiB", &t);

  assert_int_equal(t.count, 2);
  assert_int_equal(f->diag.errors, 2);
  assert_non_null(strstr(fixture_output(f), "invalid number '4MiB'"));
}

static void test_lexer_missing_closing_quote(void **state)
{
  fixture *f = *state;
  lexed t;
  lex(f, "import \"money.bw;\n", &t);

  assert_int_equal(t.kind[1], STRING);
  assert_non_null(strstr(fixture_output(f),
                         "test.bw:1:8: error: missing closing quote"));
}

static void test_lexer_nesting_limit(void **state)
{
  fixture *f = *state;
  char text[BWC_MAX_NESTING + 2];
  memset(text, '<', BWC_MAX_NESTING + 1);
  text[BWC_MAX_NESTING + 1] = '\0';
  lexed t;
  lex(f, text, &t);

  assert_int_equal(t.count, BWC_MAX_NESTING);
  assert_non_null(strstr(fixture_output(f), "nesting is too deep"));
}

static void test_lexer_float_out_of_range(void **state)
{
  fixture *f = *state;
  lexed t;
  lex(f, "1e999", &t);

  assert_int_equal(t.kind[0], FLOAT);
  assert_non_null(strstr(fixture_output(f),
                         "floating-point literal out of range '1e999'"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    FIXTURE_TEST(test_lexer_keywords_and_names),
    FIXTURE_TEST(test_lexer_integers),
    FIXTURE_TEST(test_lexer_range_is_not_a_float),
    FIXTURE_TEST(test_lexer_units),
    FIXTURE_TEST(test_lexer_byte_offsets),
    FIXTURE_TEST(test_lexer_comments_are_skipped),
    FIXTURE_TEST(test_lexer_doc_comments_attach_to_next_token),
    FIXTURE_TEST(test_lexer_string_escapes),
    FIXTURE_TEST(test_lexer_unterminated_comment),
    FIXTURE_TEST(test_lexer_unexpected_character),
    FIXTURE_TEST(test_lexer_invalid_number),
    FIXTURE_TEST(test_lexer_missing_closing_quote),
    FIXTURE_TEST(test_lexer_nesting_limit),
    FIXTURE_TEST(test_lexer_float_out_of_range),
  };
  return cmocka_run_group_tests_name("lexer", tests, NULL, NULL);
}
