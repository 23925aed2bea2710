/* test_parser.c: the tree the parser builds, and syntax errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "support.h"

static void test_parser_package_and_imports(void **state)
{
  fixture *f = *state;
  bwc_file *file = fixture_parse(f, "/// The shop.\npackage shop.v1;\n"
                                    "import \"a.bw\";\nimport \"b/c.bw\";\n");

  assert_int_equal(f->diag.errors, 0);
  assert_string_equal(file->package, "shop.v1");
  assert_string_equal(file->doc, "The shop.");
  assert_string_equal(file->imports->path, "a.bw");
  assert_string_equal(file->imports->next->path, "b/c.bw");
  assert_null(file->imports->next->next);
}

static void test_parser_declarations_in_order(void **state)
{
  fixture *f = *state;
  bwc_file *file = fixture_parse(f, "package p;\nconst N = 4 KiB;\n"
                                    "enum E { a @0; }\nstruct S { }\n"
                                    "union U { x @1: u8; }\n");

  assert_int_equal(f->diag.errors, 0);
  bwc_decl *d = file->decls;
  assert_int_equal(d->kind, BWC_DECL_CONST);
  assert_string_equal(d->name, "N");
  assert_int_equal(d->value.literal, 4);
  assert_int_equal(d->value.unit, 1024);
  assert_int_equal(d->next->kind, BWC_DECL_ENUM);
  assert_int_equal(d->next->next->kind, BWC_DECL_STRUCT);
  assert_int_equal(d->next->next->next->kind, BWC_DECL_UNION);
  assert_null(d->next->next->next->next);
}

static void test_parser_fields(void **state)
{
  fixture *f = *state;
  bwc_file *file = fixture_parse(f, "package p;\nstruct S {\n"
                                    "  /// Quantity.\n  qty @2: u32(1..1000);\n"
                                    "  note @5: optional string(..1024);\n}\n");

  bwc_field *qty = file->decls->fields;
  assert_string_equal(qty->name, "qty");
  assert_string_equal(qty->doc, "Quantity.");
  assert_int_equal(qty->number, 2);
  assert_false(qty->optional);
  assert_string_equal(qty->type->name, "u32");
  assert_int_equal(qty->type->constraint.lo.literal, 1);
  assert_int_equal(qty->type->constraint.hi.literal, 1000);

  bwc_field *note = qty->next;
  assert_true(note->optional);
  assert_int_equal(note->type->constraint.lo.kind, BWC_BOUND_OPEN);
  assert_int_equal(note->type->constraint.hi.kind, BWC_BOUND_INT);
}

static void test_parser_generic_types(void **state)
{
  fixture *f = *state;
  bwc_file *file = fixture_parse(
      f, "package p;\nstruct S {\n"
         "  tags @1: map<string(1..16), string(..64)>(..32);\n"
         "  items @2: list<money.Money>(1..MAX);\n}\n");

  bwc_type *tags = file->decls->fields->type;
  assert_string_equal(tags->name, "map");
  assert_string_equal(tags->args->type->name, "string");
  assert_string_equal(tags->args->next->type->name, "string");
  assert_int_equal(tags->args->next->type->constraint.hi.literal, 64);
  assert_int_equal(tags->constraint.hi.literal, 32);

  bwc_type *items = file->decls->fields->next->type;
  assert_string_equal(items->args->type->name, "money.Money");
  assert_int_equal(items->constraint.hi.kind, BWC_BOUND_CONST);
  assert_string_equal(items->constraint.hi.name, "MAX");
}

static void test_parser_signed_and_float_bounds(void **state)
{
  fixture *f = *state;
  bwc_file *file = fixture_parse(f, "package p;\nstruct S {\n"
                                    "  a @1: i32(-5..-N);\n"
                                    "  b @2: f32(-0.5..50.0);\n"
                                    "  c @3: f64(nonfinite);\n}\n");

  bwc_field *a = file->decls->fields;
  assert_true(a->type->constraint.lo.negative);
  assert_int_equal(a->type->constraint.lo.literal, 5);
  assert_true(a->type->constraint.hi.negative);
  bwc_field *b = a->next;
  assert_true(b->type->constraint.lo.real == -0.5);
  assert_int_equal(b->type->constraint.hi.kind, BWC_BOUND_FLOAT);
  assert_true(b->next->type->constraint.nonfinite);
}

static void test_parser_reserved_items(void **state)
{
  fixture *f = *state;
  bwc_file *file = fixture_parse(f, "package p;\nstruct S {\n"
                                    "  reserved @9, @10..@12, old;\n}\n");

  bwc_reserved *r = file->decls->reserved;
  assert_int_equal(r->lo, 9);
  assert_int_equal(r->hi, 9);
  assert_int_equal(r->next->lo, 10);
  assert_int_equal(r->next->hi, 12);
  assert_string_equal(r->next->next->name, "old");
}

static void test_parser_enum_members_and_limits(void **state)
{
  fixture *f = *state;
  bwc_file *file = fixture_parse(f, "package p;\nlimits { max_depth = 16; }\n"
                                    "limits { max_message_bytes = 4 MiB; }\n"
                                    "enum S {\n  /// Waiting.\n  pending @0;\n"
                                    "  paid @1;\n}\n");

  assert_true(file->has_limits);
  assert_string_equal(file->limit_lines->name, "max_depth");
  assert_string_equal(file->limit_lines->next->name, "max_message_bytes");
  bwc_member *m = file->decls->members;
  assert_string_equal(m->name, "pending");
  assert_string_equal(m->doc, "Waiting.");
  assert_int_equal(m->next->value, 1);
}

static void test_parser_recovers_to_report_several_errors(void **state)
{
  fixture *f = *state;
  bwc_file *file = fixture_parse(f, "package p;\nstruct A {\n"
                                    "  x @1 u32;\n  y @2: u32;\n}\n"
                                    "struct B { z @1: ; }\nstruct C { }\n");

  assert_int_equal(f->diag.errors, 2);
  assert_true(OUTPUT_HAS(f, "test.bw:3:8: error: expected ':', found 'u32'"));
  assert_true(OUTPUT_HAS(f, "test.bw:6:18: error: expected name, "
                            "found ';'"));
  /* All three structs survive; A keeps the field after the error. */
  assert_string_equal(file->decls->fields->name, "y");
  assert_string_equal(file->decls->next->next->name, "C");
}

static void test_parser_missing_semicolon_points_after_token(void **state)
{
  fixture *f = *state;
  fixture_parse(f, "package p;\nstruct A {\n  x @1: u32\n}\n");

  assert_true(OUTPUT_HAS(f, "test.bw:3:12: error: expected ';'\n"
                            "    3 |   x @1: u32\n"
                            "      |            ^\n"));
}

static void test_parser_unclosed_brace_has_note(void **state)
{
  fixture *f = *state;
  fixture_parse(f, "package p;\nstruct A {\n  x @1: u32;\n");

  assert_true(OUTPUT_HAS(f, "error: unexpected end of input; expected "
                            "name, 'reserved' or '}'"));
  assert_true(OUTPUT_HAS(f, "test.bw:2:10: note: the '{' opened here is "
                            "never closed"));
}

static void test_parser_package_must_come_first(void **state)
{
  fixture *f = *state;
  fixture_parse(f, "struct A { }\npackage p;\npackage q;\n");

  assert_true(OUTPUT_HAS(f, "the package declaration must come first"));
  assert_true(OUTPUT_HAS(f, "a file has one package declaration"));
  assert_true(OUTPUT_HAS(f, "note: the package was first declared here"));
}

static void test_parser_import_after_declaration(void **state)
{
  fixture *f = *state;
  fixture_parse(f, "package p;\nconst A = 1;\nimport \"x.bw\";\n");

  assert_int_equal(f->diag.errors, 1);
  assert_true(OUTPUT_HAS(f, "test.bw:3:1: error: imports must come before "
                            "the first declaration"));
}

static void test_parser_rejects_nul_and_bad_utf8(void **state)
{
  fixture *f = *state;
  bwc_source *src = bwc_source_from_memory(f->arena, "test.bw",
                                           "package \0p;", 11);
  bwc_parse(f->arena, &f->diag, src);
  fixture_parse(f, "package \xC0\xAF;");

  assert_int_equal(f->diag.errors, 2);
  assert_true(OUTPUT_HAS(f, "test.bw:1:9: error: NUL byte in schema file"));
  assert_true(OUTPUT_HAS(f, "error: schema file is not valid UTF-8 "
                            "(byte 0xC0)"));
}

static void test_parser_error_cap_stops_the_parse(void **state)
{
  fixture *f = *state;
  char text[4096] = "package p;\n";
  for (int i = 0; i < 100; i++)
    strcat(text, "struct { }\n");
  fixture_parse(f, text);

  assert_int_equal(f->diag.errors, BWC_DEFAULT_MAX_ERRORS + 1);
  assert_true(OUTPUT_HAS(f, "too many errors (limit is 20); stopping"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    FIXTURE_TEST(test_parser_package_and_imports),
    FIXTURE_TEST(test_parser_declarations_in_order),
    FIXTURE_TEST(test_parser_fields),
    FIXTURE_TEST(test_parser_generic_types),
    FIXTURE_TEST(test_parser_signed_and_float_bounds),
    FIXTURE_TEST(test_parser_reserved_items),
    FIXTURE_TEST(test_parser_enum_members_and_limits),
    FIXTURE_TEST(test_parser_recovers_to_report_several_errors),
    FIXTURE_TEST(test_parser_missing_semicolon_points_after_token),
    FIXTURE_TEST(test_parser_unclosed_brace_has_note),
    FIXTURE_TEST(test_parser_package_must_come_first),
    FIXTURE_TEST(test_parser_import_after_declaration),
    FIXTURE_TEST(test_parser_rejects_nul_and_bad_utf8),
    FIXTURE_TEST(test_parser_error_cap_stops_the_parse),
  };
  return cmocka_run_group_tests_name("parser", tests, NULL, NULL);
}
