/* test_sema.c: the semantic checks, one schema per diagnostic. */
#define _POSIX_C_SOURCE 200809L  /* mkdtemp, clock_gettime */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "support.h"

/* ---- Helpers --------------------------------------------------------- */

/* Fails with the whole output shown, so a wrong message is easy to see. */
static void expect_output(fixture *f, const char *text)
{
  if (!OUTPUT_HAS(f, text))
    fail_msg("expected \"%s\" in:\n%s", text, fixture_output(f));
}

static void expect_no_output(fixture *f, const char *text)
{
  if (OUTPUT_HAS(f, text))
    fail_msg("did not expect \"%s\" in:\n%s", text, fixture_output(f));
}

static void expect_errors(fixture *f, const char *schema, unsigned errors,
                          const char *message)
{
  unsigned got = fixture_check(f, schema);
  if (got != errors)
    fail_msg("expected %u error(s), got %u:\n%s", errors, got,
             fixture_output(f));
  if (message != NULL)
    expect_output(f, message);
}

/* The schema must give exactly one error, with MESSAGE in it. */
static void expect_error(void **state, const char *schema,
                         const char *message)
{
  expect_errors(*state, schema, 1, message);
}

static void expect_clean(void **state, const char *schema)
{
  fixture *f = *state;
  expect_errors(f, schema, 0, NULL);
  if (f->diag.warnings != 0)
    fail_msg("expected no warnings:\n%s", fixture_output(f));
}

static bwc_decl *find_decl(const bwc_file *file, const char *name)
{
  for (bwc_decl *d = file->decls; d != NULL; d = d->next)
    if (strcmp(d->name, name) == 0)
      return d;
  fail_msg("no declaration '%s'", name);
  return NULL;
}

static bwc_field *find_field(const bwc_decl *d, const char *name)
{
  for (bwc_field *f = d->fields; f != NULL; f = f->next)
    if (strcmp(f->name, name) == 0)
      return f;
  fail_msg("no field '%s'", name);
  return NULL;
}

/* ---- Valid schemas --------------------------------------------------- */

static void test_sema_valid_minimal(void **state)
{
  expect_clean(state, "package p;\nstruct Empty { }\n"
                      "struct S { a @1: u8; b @2: optional bool; }\n");
}

static void test_sema_valid_every_builtin(void **state)
{
  expect_clean(state,
               "package p;\nlimits { max_depth = 8; }\n"
               "enum E { a @0; }\n"
               "struct S {\n"
               "  a @1: bool; b @2: i8(-128..127); c @3: i16; d @4: i32;\n"
               "  e @5: i64(-9223372036854775808..9223372036854775807);\n"
               "  f @6: u8(0..255); g @7: u16; h @8: u32;\n"
               "  i @9: u64(..18446744073709551615); j @10: f32(-1..1.5);\n"
               "  k @11: f64(nonfinite); l @12: string(0..10);\n"
               "  m @13: bytes(..1 MiB); n @14: list<E>(..3);\n"
               "  o @15: map<E, S>(..4); p @16: optional S;\n"
               "}\n");
}

static void test_sema_resolves_types(void **state)
{
  fixture *f = *state;
  expect_errors(f,
                "package p;\nenum E { a @0; }\nunion U { x @1: u8; }\n"
                "struct S {\n  l @1: list<E>(..4);\n"
                "  m @2: map<string(..8), U>(..4);\n  u @3: U;\n}\n",
                0, NULL);
  bwc_decl *s = find_decl(f->comp.files, "S");
  bwc_type *l = find_field(s, "l")->type;
  assert_int_equal(l->kind, BWC_TYPE_LIST);
  assert_int_equal(l->elem->kind, BWC_TYPE_ENUM);
  assert_ptr_equal(l->elem->decl, find_decl(f->comp.files, "E"));
  bwc_type *m = find_field(s, "m")->type;
  assert_int_equal(m->kind, BWC_TYPE_MAP);
  assert_int_equal(m->key->kind, BWC_TYPE_STRING);
  assert_int_equal(m->elem->kind, BWC_TYPE_UNION);
  assert_int_equal(find_field(s, "u")->type->kind, BWC_TYPE_UNION);
}

static void test_sema_resolves_bounds(void **state)
{
  fixture *f = *state;
  expect_errors(f,
                "package p;\nconst K = 4;\nconst B = K KiB;\n"
                "const N = -B;\n"
                "struct S { a @1: bytes(..B); b @2: i64(N..-N); }\n",
                0, NULL);
  bwc_decl *s = find_decl(f->comp.files, "S");
  bwc_bound *hi = &find_field(s, "a")->type->constraint.hi;
  assert_true(hi->resolved);
  assert_false(hi->value.negative);
  assert_int_equal(hi->value.magnitude, 4096);
  bwc_constraint *c = &find_field(s, "b")->type->constraint;
  assert_true(c->lo.value.negative);
  assert_int_equal(c->lo.value.magnitude, 4096);
  assert_false(c->hi.value.negative);
  assert_int_equal(c->hi.value.magnitude, 4096);
}

static void test_sema_valid_i64_minimum(void **state)
{
  expect_clean(state, "package p;\nconst MIN = -9223372036854775808;\n"
                      "struct S { a @1: i64(MIN..); }\n");
}

static void test_sema_limits_defaults(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\n", 0, NULL);
  const bwc_limits *l = &f->comp.files->limits;
  assert_int_equal(l->max_message_bytes, 4194304);
  assert_int_equal(l->max_depth, 32);
  assert_int_equal(l->default_max_length, 65536);
  assert_int_equal(l->default_max_count, 65536);
  assert_false(l->max_depth_set);
}

static void test_sema_limits_set(void **state)
{
  fixture *f = *state;
  expect_errors(f,
                "package p;\nconst D = 8;\n"
                "limits { max_message_bytes = 1 MiB; max_depth = D; }\n"
                "limits { default_max_length = 100; "
                "default_max_count = 2147483648; }\n",
                0, NULL);
  const bwc_limits *l = &f->comp.files->limits;
  assert_int_equal(l->max_message_bytes, 1048576);
  assert_int_equal(l->max_depth, 8);
  assert_true(l->max_depth_set);
  assert_int_equal(l->default_max_length, 100);
  assert_int_equal(l->default_max_count, 2147483648u);
}

static void test_sema_recursive_with_depth(void **state)
{
  fixture *f = *state;
  expect_errors(f,
                "package p;\nlimits { max_depth = 10; }\n"
                "struct Node { next @1: optional Node; }\n"
                "struct Tree { kids @1: list<Tree>(..4); }\n"
                "struct Leaf { x @1: u8; }\n",
                0, NULL);
  assert_true(find_decl(f->comp.files, "Node")->recursive);
  assert_true(find_decl(f->comp.files, "Tree")->recursive);
  assert_false(find_decl(f->comp.files, "Leaf")->recursive);
}

static void test_sema_union_breaks_recursion(void **state)
{
  /* Expr holds Expr only through a union that has a leaf member, so a
   * value exists: a literal. */
  expect_clean(state, "package p;\nlimits { max_depth = 10; }\n"
                      "union Expr { lit @1: i64; neg @2: Neg; }\n"
                      "struct Neg { e @1: Expr; }\n");
}

/* Two files of one package given side by side on the command line do
 * not see each other: a schema's meaning cannot depend on what else is
 * being compiled. */
static void test_sema_same_package_needs_import(void **state)
{
  fixture *f = *state;
  const char *a = "package p;\nstruct A { b @1: B; }\n";
  const char *b = "package p;\nstruct B { x @1: u8; }\n";
  bwc_load_memory(&f->comp, "a.bw", a, strlen(a));
  bwc_load_memory(&f->comp, "b.bw", b, strlen(b));

  assert_false(bwc_check(&f->comp));
  assert_true(OUTPUT_HAS(f, "a.bw:2:18: error: unknown type 'B'"));
  assert_true(OUTPUT_HAS(f, "b.bw:2:8: note: 'B' is declared in 'b.bw', "
                            "which this file does not import"));
}

static void test_sema_union_member_cannot_be_list(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nunion U { a @1: list<u8>(..4); }\n", 1,
                "error: a union member cannot be a list; wrap it in a "
                "struct");
}

static void test_sema_minimum_above_default_maximum(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nstruct S { a @1: string(100000..); }\n", 1,
                "error: minimum 100000 is above the default maximum 65536 "
                "that applies here; state a maximum");
}

/* ---- Warnings -------------------------------------------------------- */

static void test_sema_warn_unbounded_string(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nstruct S { a @1: string(1..); }\n", 0,
                "warning: string has no maximum length; the default limit "
                "of 65536 code points applies");
  assert_int_equal(f->diag.warnings, 1);
}

static void test_sema_warn_unbounded_kinds(void **state)
{
  fixture *f = *state;
  expect_errors(f,
                "package p;\nlimits { default_max_length = 100; "
                "default_max_count = 7; }\n"
                "struct S { b @1: bytes; l @2: list<u8>; "
                "m @3: map<u8, u8>; }\n",
                0, "bytes has no maximum length; the default limit of 100 "
                   "bytes applies");
  expect_output(f, "list has no maximum count; the default limit of 7 "
                   "elements applies");
  expect_output(f, "map has no maximum count; the default limit of 7 "
                   "entries applies");
  assert_int_equal(f->diag.warnings, 3);
}

static void test_sema_warning_keeps_check_true(void **state)
{
  fixture *f = *state;
  const char *text = "package p;\nstruct S { a @1: string; }\n";
  bwc_load_memory(&f->comp, "w.bw", text, strlen(text));
  assert_true(bwc_check(&f->comp));
  assert_int_equal(f->diag.warnings, 1);
}

/* ---- The design example ---------------------------------------------- */

static const char money_bw[] =
  "package common.money;\n\n"
  "struct Money {\n"
  "  currency @1: string(3..3);\n"
  "  units    @2: i64;\n"
  "  nanos    @3: i32(-999999999..999999999);\n"
  "}\n";

static const char shop_bw[] =
  "// shop.bw: what the order service's Ray tasks exchange.\n"
  "package shop.v1;\n\n"
  "import \"common/money.bw\";\n\n"
  "const MAX_ITEMS = 500;\n\n"
  "limits {\n  max_message_bytes = 4 MiB;\n  max_depth = 16;\n}\n\n"
  "enum Status {\n  pending @0;\n  paid    @1;\n  shipped @2;\n}\n\n"
  "struct Item {\n"
  "  sku    @1: string(1..32);\n"
  "  qty    @2: u32(1..1000);\n"
  "  price  @3: money.Money;\n"
  "  weight @4: f32(0.0..50.0);\n"
  "}\n\n"
  "struct Order {\n"
  "  id        @1: u64;\n"
  "  customer  @2: string(..64);\n"
  "  items     @3: list<Item>(1..MAX_ITEMS);\n"
  "  status    @4: Status;\n"
  "  note      @5: optional string(..1024);\n"
  "  tags      @6: map<string(1..16), string(..64)>(..32);\n"
  "  thumbnail @7: bytes(..64 KiB);\n"
  "  scores    @8: list<f32(0.0..1.0)>(..4096);\n"
  "  reserved @9, @10;\n"
  "}\n\n"
  "union Event {\n"
  "  created   @1: Order;\n"
  "  cancelled @2: u64;\n"
  "}\n";

/* A scratch folder holding the files a test imports from. */
typedef struct scratch {
  char dir[64];
  char paths[4][128];
  int count;
} scratch;

static void scratch_open(scratch *sc)
{
  snprintf(sc->dir, sizeof sc->dir, "/tmp/bwc-sema-XXXXXX");
  assert_non_null(mkdtemp(sc->dir));
  sc->count = 0;
}

/* Writes TEXT to NAME (one folder level at most) inside the scratch. */
static void scratch_write(scratch *sc, const char *name, const char *text)
{
  char path[sizeof sc->paths[0]];
  const char *slash = strchr(name, '/');
  if (slash != NULL) {
    snprintf(path, sizeof path, "%s/%.*s", sc->dir, (int)(slash - name),
             name);
    mkdir(path, 0700);
    memcpy(sc->paths[sc->count++], path, sizeof path);
  }
  snprintf(path, sizeof path, "%s/%s", sc->dir, name);
  memcpy(sc->paths[sc->count++], path, sizeof path);
  FILE *out = fopen(path, "w");
  assert_non_null(out);
  fputs(text, out);
  fclose(out);
}

static void scratch_close(scratch *sc)
{
  while (sc->count > 0)
    remove(sc->paths[--sc->count]);
  rmdir(sc->dir);
}

/* Loads MAIN as if it were a file in the scratch folder, and checks. */
static bool check_in_scratch(fixture *f, scratch *sc, const char *main_text)
{
  char path[128];
  snprintf(path, sizeof path, "%s/main.bw", sc->dir);
  bwc_load_memory(&f->comp, path, main_text, strlen(main_text));
  return bwc_check(&f->comp);
}

static void test_sema_design_example(void **state)
{
  fixture *f = *state;
  scratch sc;
  scratch_open(&sc);
  scratch_write(&sc, "common/money.bw", money_bw);
  bool ok = check_in_scratch(f, &sc, shop_bw);
  scratch_close(&sc);

  if (!ok)
    fail_msg("design example failed:\n%s", fixture_output(f));
  assert_int_equal(f->comp.file_count, 2);
  bwc_decl *item = find_decl(f->comp.files, "Item");
  bwc_type *price = find_field(item, "price")->type;
  assert_int_equal(price->kind, BWC_TYPE_STRUCT);
  assert_string_equal(price->decl->name, "Money");
  bwc_bound *hi = &find_field(find_decl(f->comp.files, "Order"), "items")
                       ->type->constraint.hi;
  assert_int_equal(hi->value.magnitude, 500);
  assert_int_equal(f->comp.files->limits.max_depth, 16);
}

static void test_sema_design_example_inline(void **state)
{
  /* The same schema without the import, Money declared in place. */
  fixture *f = *state;
  char text[4096];
  const char *import = strstr(shop_bw, "import");
  const char *after = strchr(import, '\n') + 1;
  snprintf(text, sizeof text, "%.*s%s%s", (int)(import - shop_bw), shop_bw,
           after, strstr(money_bw, "struct"));
  char *qualified;
  while ((qualified = strstr(text, "money.Money")) != NULL)
    memmove(qualified, qualified + 6, strlen(qualified + 6) + 1);
  expect_clean(state, text);
  assert_int_equal(f->diag.errors, 0);
}

static void test_sema_qualified_unknown_package(void **state)
{
  expect_error(state, "package p;\nstruct S { m @1: money.Money; }\n",
               "error: unknown type 'money.Money': no imported package "
               "matches 'money'");
}

static void test_sema_qualified_suggestion(void **state)
{
  fixture *f = *state;
  scratch sc;
  scratch_open(&sc);
  scratch_write(&sc, "money.bw", money_bw);
  bool ok = check_in_scratch(f, &sc, "package p;\nimport \"money.bw\";\n"
                                     "struct S { m @1: money.Mony; }\n");
  scratch_close(&sc);
  assert_false(ok);
  expect_output(f, "error: unknown type 'money.Mony'; did you mean "
                   "'money.Money'?");
}

static void test_sema_qualified_full_package(void **state)
{
  fixture *f = *state;
  scratch sc;
  scratch_open(&sc);
  scratch_write(&sc, "money.bw", money_bw);
  bool ok = check_in_scratch(f, &sc,
                             "package p.q;\nimport \"money.bw\";\n"
                             "struct S { m @1: common.money.Money; "
                             "t @2: p.q.T; }\nstruct T { }\n");
  scratch_close(&sc);
  if (!ok)
    fail_msg("%s", fixture_output(f));
}

static void test_sema_qualified_ambiguous(void **state)
{
  fixture *f = *state;
  scratch sc;
  scratch_open(&sc);
  scratch_write(&sc, "a.bw", "package a.v1;\nstruct T { }\n");
  scratch_write(&sc, "b.bw", "package b.v1;\nstruct T { }\n");
  bool ok = check_in_scratch(f, &sc,
                             "package p;\nimport \"a.bw\";\nimport \"b.bw\";\n"
                             "struct S { t @1: v1.T; }\n");
  scratch_close(&sc);
  assert_false(ok);
  assert_int_equal(f->diag.errors, 1);
  expect_output(f, "error: 'v1.T' is ambiguous: it could be 'a.v1.T' or "
                   "'b.v1.T'");
}

static void test_sema_qualified_needs_direct_import(void **state)
{
  /* main imports mid, mid imports leaf: leaf is not visible from main. */
  fixture *f = *state;
  scratch sc;
  scratch_open(&sc);
  scratch_write(&sc, "leaf.bw", "package leaf;\nstruct L { }\n");
  scratch_write(&sc, "mid.bw", "package mid;\nimport \"leaf.bw\";\n"
                               "struct M { l @1: leaf.L; }\n");
  bool ok = check_in_scratch(f, &sc, "package p;\nimport \"mid.bw\";\n"
                                     "struct S { l @1: leaf.L; }\n");
  scratch_close(&sc);
  assert_false(ok);
  assert_int_equal(f->diag.errors, 1);
  expect_output(f, "error: unknown type 'leaf.L': no imported package "
                   "matches 'leaf'");
}

/* ---- Names ----------------------------------------------------------- */

static void test_sema_missing_package(void **state)
{
  expect_error(state, "struct S { }\n",
               "test.bw:1:1: error: missing package declaration");
}

static void test_sema_duplicate_declaration(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nstruct Item { }\nconst Item = 3;\n", 1,
                "error: 'Item' is already defined in package 'p'");
  expect_output(f, "note: 'Item' was first defined here");
}

static void test_sema_duplicate_across_files(void **state)
{
  fixture *f = *state;
  const char *a = "package p;\nenum Item { a @0; }\n";
  const char *b = "package p;\nstruct Item { }\n";
  bwc_load_memory(&f->comp, "a.bw", a, strlen(a));
  bwc_load_memory(&f->comp, "b.bw", b, strlen(b));
  assert_false(bwc_check(&f->comp));
  expect_output(f, "b.bw:2:8: error: 'Item' is already defined in "
                   "package 'p'");
  expect_output(f, "a.bw:2:6: note: 'Item' was first defined here");
}

static void test_sema_other_package_no_clash(void **state)
{
  fixture *f = *state;
  const char *a = "package a;\nstruct Item { }\n";
  const char *b = "package b;\nstruct Item { }\n";
  bwc_load_memory(&f->comp, "a.bw", a, strlen(a));
  bwc_load_memory(&f->comp, "b.bw", b, strlen(b));
  assert_true(bwc_check(&f->comp));
}

static void test_sema_builtin_name(void **state)
{
  expect_error(state, "package p;\nstruct string { }\n",
               "error: cannot name a struct 'string': that is the name of "
               "a builtin type");
}

static void test_sema_builtin_name_const(void **state)
{
  expect_error(state, "package p;\nconst map = 1;\n",
               "error: cannot name a constant 'map'");
}

static void test_sema_unknown_type_suggestion(void **state)
{
  expect_error(state, "package p;\nstruct Item { }\n"
                      "struct S { i @1: Itme; }\n",
               "error: unknown type 'Itme'; did you mean 'Item'?");
}

static void test_sema_unknown_type_builtin_suggestion(void **state)
{
  expect_error(state, "package p;\nstruct S { i @1: strng(..3); }\n",
               "error: unknown type 'strng'; did you mean 'string'?");
}

static void test_sema_unknown_type_other_language(void **state)
{
  expect_error(state, "package p;\nstruct S { i @1: unit32; }\n",
               "error: unknown type 'unit32'; did you mean 'u32'?");
}

static void test_sema_unknown_type_no_suggestion(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nstruct Item { }\n"
                   "struct S { i @1: Zebra; }\n",
                1, "error: unknown type 'Zebra'\n");
  expect_no_output(f, "did you mean");
}

static void test_sema_const_as_type(void **state)
{
  expect_error(state, "package p;\nconst X = 1;\nstruct S { x @1: X; }\n",
               "error: 'X' is a constant, not a type");
}

static void test_sema_type_as_const(void **state)
{
  expect_error(state, "package p;\nstruct T { }\n"
                      "struct S { x @1: string(..T); }\n",
               "error: 'T' is a struct, not a constant");
}

static void test_sema_builtin_as_const(void **state)
{
  expect_error(state, "package p;\nconst X = u8;\n",
               "error: 'u8' is a type, not a constant");
}

/* ---- Type arguments -------------------------------------------------- */

static void test_sema_args_on_scalar(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: u8<u8>; }\n",
               "error: type 'u8' takes no type arguments");
}

static void test_sema_args_on_user_type(void **state)
{
  expect_error(state, "package p;\nstruct T { }\n"
                      "struct S { x @1: T<u8>; }\n",
               "error: type 'T' takes no type arguments");
}

static void test_sema_list_without_args(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: list(..3); }\n",
               "error: 'list' needs an element type, as in list<T>");
}

static void test_sema_map_without_args(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: map(..3); }\n",
               "error: 'map' needs a key and a value type, as in map<K, V>");
}

static void test_sema_map_arg_count(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: map<u8>(..3); }\n",
               "error: 'map' takes 2 type arguments, not 1");
}

static void test_sema_list_arg_count(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: list<u8, u8>(..3); }\n",
               "error: 'list' takes 1 type argument, not 2");
}

static void test_sema_list_of_list(void **state)
{
  expect_error(state,
               "package p;\nstruct S { x @1: list<list<u8>(..2)>(..3); }\n",
               "error: a list element cannot be a list or map; wrap it in "
               "a struct");
}

static void test_sema_map_value_map(void **state)
{
  expect_error(state,
               "package p;\n"
               "struct S { x @1: map<u8, map<u8, u8>(..2)>(..3); }\n",
               "error: a map value cannot be a list or map; wrap it in a "
               "struct");
}

static void test_sema_map_key_float(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: map<f64, u8>(..3); }\n",
               "error: a map key must be an integer type, string or enum, "
               "not 'f64'");
}

static void test_sema_map_key_struct(void **state)
{
  expect_error(state, "package p;\nstruct K { }\n"
                      "struct S { x @1: map<K, u8>(..3); }\n",
               "not 'K'");
}

static void test_sema_error_type_no_cascade(void **state)
{
  /* An unknown element type is one error, not also a key or bound one. */
  expect_error(state, "package p;\nstruct S { x @1: map<Nope, u8>(..3); }\n",
               "unknown type 'Nope'");
}

/* ---- Constraints ----------------------------------------------------- */

static void test_sema_bound_above_max(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: u8(0..300); }\n",
               "error: bound 300 is above the maximum 255 of u8");
}

static void test_sema_bound_below_min(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: i16(-32769..0); }\n",
               "error: bound -32769 is below the minimum -32768 of i16");
}

static void test_sema_bound_negative_unsigned(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: u64(-1..); }\n",
               "error: bound -1 is below the minimum 0 of u64");
}

static void test_sema_bound_const_above_max(void **state)
{
  expect_error(state, "package p;\nconst N = 2 KiB;\n"
                      "struct S { x @1: u8(..N); }\n",
               "error: bound 2048 is above the maximum 255 of u8");
}

static void test_sema_float_bound_on_int(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: u32(0.5..); }\n",
               "error: bound 0.5 is not an integer; 'u32' takes integer "
               "bounds");
}

static void test_sema_f32_bound_too_large(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: f32(..1e39); }\n",
               "error: bound 1e39 is outside the finite range of f32");
}

static void test_sema_f32_bound_too_small(void **state)
{
  /* f64 bounds are always finite: the lexer refuses larger literals. */
  expect_error(state, "package p;\nstruct S { x @1: f32(-3.5e38..); }\n",
               "error: bound -3.5e38 is outside the finite range of f32");
}

static void test_sema_f32_bound_at_max(void **state)
{
  expect_clean(state, "package p;\n"
                      "struct S { x @1: f32(-3.4028235e38..3.4028235e38); }\n");
}

static void test_sema_nonfinite_on_int(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: i32(nonfinite); }\n",
               "error: 'nonfinite' applies only to f32 and f64, not to "
               "'i32'");
}

static void test_sema_nonfinite_on_string(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nstruct S { x @1: string(nonfinite); }\n", 1,
                "'nonfinite' applies only to f32 and f64");
  assert_int_equal(f->diag.warnings, 0);
}

static void test_sema_unknown_constraint_name(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: f32(finite); }\n",
               "unknown constraint 'finite'");
}

static void test_sema_negative_length(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: string(-1..5); }\n",
               "error: length cannot be negative (found -1)");
}

static void test_sema_negative_count(void **state)
{
  expect_error(state, "package p;\nconst N = -3;\n"
                      "struct S { x @1: list<u8>(..N); }\n",
               "error: count cannot be negative (found -3)");
}

static void test_sema_float_length(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: bytes(..1.5); }\n",
               "error: a length must be an integer, not 1.5");
}

static void test_sema_float_count(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: map<u8, u8>(..2.0); }\n",
               "error: a count must be an integer, not 2.0");
}

static void test_sema_bool_constraint(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: bool(0..1); }\n",
               "error: type 'bool' takes no constraint");
}

static void test_sema_enum_constraint(void **state)
{
  expect_error(state, "package p;\nenum E { a @0; }\n"
                      "struct S { x @1: E(0..1); }\n",
               "error: type 'E' takes no constraint");
}

static void test_sema_struct_constraint(void **state)
{
  expect_error(state, "package p;\nstruct T { }\n"
                      "struct S { x @1: T(..1); }\n",
               "error: type 'T' takes no constraint");
}

static void test_sema_min_above_max(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: u8(10..5); }\n",
               "error: minimum 10 is above maximum 5");
}

static void test_sema_min_above_max_float(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: f64(1.5..-0.5); }\n",
               "error: minimum 1.5 is above maximum -0.5");
}

static void test_sema_min_above_max_length(void **state)
{
  expect_error(state, "package p;\nstruct S { x @1: string(9..2); }\n",
               "error: minimum 9 is above maximum 2");
}

static void test_sema_literal_overflow(void **state)
{
  expect_error(state, "package p;\nconst X = 18446744073709551616;\n",
               "error: value '18446744073709551616' overflows 64 bits");
}

static void test_sema_unit_overflow(void **state)
{
  expect_error(state,
               "package p;\nstruct S { x @1: u64(..17179869184 GiB); }\n",
               "error: value '17179869184 GiB' overflows 64 bits");
}

static void test_sema_negative_overflow(void **state)
{
  expect_error(state, "package p;\nconst X = -9223372036854775809;\n",
               "error: value '-9223372036854775809' overflows 64 bits");
}

static void test_sema_unknown_const_suggestion(void **state)
{
  expect_error(state, "package p;\nconst MAX_ITEMS = 5;\n"
                      "struct S { x @1: list<u8>(..MAX_ITMES); }\n",
               "error: unknown constant 'MAX_ITMES'; did you mean "
               "'MAX_ITEMS'?");
}

static void test_sema_const_cycle(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nconst A = B;\nconst B = C;\nconst C = A;\n"
                   "struct S { x @1: u8(..A); }\n",
                1, "error: constant 'A' depends on itself through 'B'");
  expect_output(f, "note: 'C' refers back to 'A' here");
}

static void test_sema_const_self(void **state)
{
  expect_error(state, "package p;\nconst A = A KiB;\n",
               "error: constant 'A' is defined in terms of itself");
}

static void test_sema_const_float(void **state)
{
  expect_error(state, "package p;\nconst A = 2.5;\n",
               "error: constant 'A' must be an integer, not 2.5");
}

static void test_sema_const_error_no_cascade(void **state)
{
  /* B depends on the broken A: only A's error is reported. */
  expect_error(state, "package p;\nconst A = Nope;\nconst B = A;\n"
                      "struct S { x @1: u8(..B); }\n",
               "unknown constant 'Nope'");
}

/* ---- Optional -------------------------------------------------------- */

static void test_sema_optional_list(void **state)
{
  expect_error(state,
               "package p;\nstruct S { x @1: optional list<u8>(..2); }\n",
               "error: a list cannot be optional; an empty list already "
               "means absent");
}

static void test_sema_optional_map(void **state)
{
  expect_error(state,
               "package p;\nstruct S { x @1: optional map<u8, u8>(..2); }\n",
               "error: a map cannot be optional; an empty map already "
               "means absent");
}

static void test_sema_optional_in_union(void **state)
{
  expect_error(state, "package p;\nunion U { x @1: optional u8; }\n",
               "error: union members cannot be optional");
}

/* ---- Field numbers and reserved items -------------------------------- */

static void test_sema_field_number_zero(void **state)
{
  expect_error(state, "package p;\nstruct S { x @0: u8; }\n",
               "error: field number 0 is out of range 1..536870911");
}

static void test_sema_field_number_too_big(void **state)
{
  expect_error(state, "package p;\nstruct S { x @536870912: u8; }\n",
               "error: field number 536870912 is out of range "
               "1..536870911");
}

static void test_sema_field_number_overflow(void **state)
{
  expect_error(state,
               "package p;\nstruct S { x @99999999999999999999: u8; }\n",
               "error: field number 99999999999999999999 is out of range");
}

static void test_sema_field_number_protobuf(void **state)
{
  expect_error(state, "package p;\nstruct S { x @19500: u8; }\n",
               "error: field number 19500 is reserved by the protobuf "
               "wire format (19000..19999)");
}

static void test_sema_duplicate_field_name(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nstruct S { x @1: u8; x @2: u8; }\n", 1,
                "error: duplicate field 'x' in struct 'S'");
  expect_output(f, "note: 'x' was first defined here");
}

static void test_sema_duplicate_field_number(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nunion U { x @3: u8; y @3: u8; }\n", 1,
                "error: duplicate field number 3 in union 'U'");
  expect_output(f, "note: number 3 was first used by 'x' here");
}

static void test_sema_field_reserved_number(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nstruct S {\n  reserved @2, @5..@9;\n"
                   "  x @9: u8;\n}\n",
                1, "error: field 'x' uses reserved number 9");
  expect_output(f, "test.bw:3:16: note: number 9 is reserved here");
}

static void test_sema_field_reserved_overlap(void **state)
{
  /* The widest range wins even when a later one starts after it. */
  fixture *f = *state;
  expect_errors(f, "package p;\nstruct S {\n  reserved @1..@100, @3..@4;\n"
                   "  x @50: u8;\n}\n",
                1, "error: field 'x' uses reserved number 50");
  expect_output(f, "test.bw:3:12: note: number 50 is reserved here");
}

static void test_sema_field_reserved_name(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nstruct S { reserved old; old @1: u8; }\n",
                1, "error: field 'old' uses a reserved name");
  expect_output(f, "note: 'old' is reserved here");
}

static void test_sema_reserved_range_backwards(void **state)
{
  expect_error(state, "package p;\nstruct S { reserved @9..@3; }\n",
               "error: reserved range start 9 is above its end 3");
}

static void test_sema_reserved_number_range(void **state)
{
  expect_error(state, "package p;\nstruct S { reserved @0; }\n",
               "error: reserved number 0 is out of range 1..536870911");
}

static void test_sema_reserved_range_outside(void **state)
{
  expect_error(state, "package p;\nstruct S { reserved @5..@536870912; }\n",
               "error: reserved range 5..536870912 goes outside "
               "1..536870911");
}

static void test_sema_reserved_overflow(void **state)
{
  expect_error(state,
               "package p;\nstruct S { reserved @99999999999999999999; }\n",
               "error: reserved '@99999999999999999999' is out of range");
}

/* ---- Enums and unions ------------------------------------------------ */

static void test_sema_enum_empty(void **state)
{
  expect_error(state, "package p;\nenum E { }\n",
               "error: enum 'E' has no members");
}

static void test_sema_enum_empty_with_reserved(void **state)
{
  expect_error(state, "package p;\nenum E { reserved @1; }\n",
               "error: enum 'E' has no members");
}

static void test_sema_enum_value_range(void **state)
{
  expect_error(state, "package p;\nenum E { a @2147483648; }\n",
               "error: enum value 2147483648 is out of range 0..2147483647");
}

static void test_sema_enum_duplicate_name(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nenum E { a @0; a @1; }\n", 1,
                "error: duplicate member 'a' in enum 'E'");
  expect_output(f, "note: 'a' was first defined here");
}

static void test_sema_enum_duplicate_value(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nenum E { a @4; b @4; }\n", 1,
                "error: duplicate value 4 in enum 'E'");
  expect_output(f, "note: value 4 was first used by 'a' here");
}

static void test_sema_enum_reserved_value(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nenum E { reserved @0..@2; a @1; }\n", 1,
                "error: member 'a' uses reserved value 1");
  expect_output(f, "note: value 1 is reserved here");
}

static void test_sema_enum_reserved_name(void **state)
{
  expect_error(state, "package p;\nenum E { reserved gone; gone @1; }\n",
               "error: member 'gone' uses a reserved name");
}

static void test_sema_enum_reserved_zero(void **state)
{
  /* Enum values start at 0, so reserving 0 is fine there. */
  expect_clean(state, "package p;\nenum E { reserved @0; a @1; }\n");
}

static void test_sema_union_empty(void **state)
{
  expect_error(state, "package p;\nunion U { }\n",
               "error: union 'U' has no members");
}

/* ---- Limits ---------------------------------------------------------- */

static void test_sema_limit_unknown(void **state)
{
  expect_error(state, "package p;\nlimits { max_detph = 4; }\n",
               "error: unknown limit 'max_detph'; did you mean "
               "'max_depth'?");
}

static void test_sema_limit_unknown_no_hint(void **state)
{
  expect_error(state, "package p;\nlimits { speed = 4; }\n",
               "error: unknown limit 'speed'; the limits are "
               "max_message_bytes, max_depth, default_max_length and "
               "default_max_count");
}

static void test_sema_limit_duplicate(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nlimits { max_depth = 4; }\n"
                   "limits { max_depth = 5; }\n",
                1, "test.bw:3:10: error: limit 'max_depth' is set twice");
  expect_output(f, "test.bw:2:10: note: 'max_depth' was first set here");
}

static void test_sema_limit_range(void **state)
{
  expect_error(state, "package p;\nlimits { max_depth = 1001; }\n",
               "error: max_depth 1001 is out of range 1..1000");
}

static void test_sema_limit_range_size(void **state)
{
  expect_error(state, "package p;\nlimits { max_message_bytes = 3 GiB; }\n",
               "error: max_message_bytes 3221225472 is out of range "
               "1..2147483648");
}

static void test_sema_limit_zero(void **state)
{
  expect_error(state, "package p;\nlimits { default_max_count = 0; }\n",
               "error: default_max_count 0 is out of range 1..2147483648");
}

static void test_sema_limit_float(void **state)
{
  expect_error(state, "package p;\nlimits { max_depth = 2.5; }\n",
               "error: limit 'max_depth' must be an integer, not 2.5");
}

/* ---- Recursion ------------------------------------------------------- */

static void test_sema_recursive_needs_depth(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nstruct Node { next @1: optional Node; }\n"
                   "struct Leaf { x @1: u8; }\n",
                1, "test.bw:2:8: error: recursive type 'Node' needs "
                   "max_depth in a limits block");
}

static void test_sema_recursive_mutual_needs_depth(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nstruct A { b @1: list<B>(..2); }\n"
                   "union B { a @1: A; x @2: u8; }\n",
                2, "recursive type 'A' needs max_depth");
  expect_output(f, "recursive type 'B' needs max_depth");
}

static void test_sema_never_encodable_self(void **state)
{
  expect_error(state, "package p;\nlimits { max_depth = 4; }\n"
                      "struct A { x @1: u8; me @2: A; }\n",
               "error: struct 'A' contains itself through 'me' with no "
               "optional, list or map in between; no value of it could "
               "be encoded");
}

static void test_sema_never_encodable_mutual(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nlimits { max_depth = 4; }\n"
                   "struct A { b @1: B; }\nstruct B { a @1: A; }\n"
                   "struct C { a @1: optional A; }\n",
                2, "struct 'A' contains itself through 'b'");
  expect_output(f, "struct 'B' contains itself through 'a'");
  expect_no_output(f, "'C'");
}

static void test_sema_never_encodable_union(void **state)
{
  fixture *f = *state;
  expect_errors(f, "package p;\nlimits { max_depth = 4; }\n"
                   "union U { a @1: A; b @2: B; }\n"
                   "struct A { u @1: U; }\nstruct B { u @1: U; }\n",
                3, "union 'U' contains itself through 'a'");
}

static void test_sema_never_encodable_without_depth(void **state)
{
  /* One error for the type, not a second one about max_depth. */
  expect_error(state, "package p;\nstruct A { me @1: A; }\n",
               "struct 'A' contains itself through 'me'");
}

/* ---- Caps and size --------------------------------------------------- */

static void test_sema_error_cap(void **state)
{
  fixture *f = *state;
  char text[8192];
  size_t n = (size_t)snprintf(text, sizeof text, "package p;\nstruct S {\n");
  for (int i = 1; i <= 200; i++)
    n += (size_t)snprintf(text + n, sizeof text - n, " f%d @%d: Nope;\n", i,
                          i);
  snprintf(text + n, sizeof text - n, "}\n");
  fixture_check(f, text);
  assert_true(f->diag.capped);
  expect_output(f, "too many errors");
}

/* Builds, without the parser, a file too big for it: the parser reads at
 * most 1 MiB, and sema must still be fast on whatever it accepts. */
typedef struct builder {
  bwc_arena *arena;
  bwc_file *file;
  bwc_decl *last_decl;
} builder;

static void builder_init(builder *b, fixture *f)
{
  static const char text[] = "package big;\n";
  b->arena = f->arena;
  b->file = BWC_NEW(f->arena, bwc_file);
  b->file->source = bwc_source_from_memory(f->arena, "big.bw", text,
                                           sizeof text - 1);
  b->file->package = "big";
  b->last_decl = NULL;
  f->comp.files = b->file;
  f->comp.file_count = 1;
}

static bwc_decl *builder_decl(builder *b, bwc_decl_kind kind,
                              const char *name)
{
  bwc_decl *d = BWC_NEW(b->arena, bwc_decl);
  d->kind = kind;
  d->name = name;
  d->file = b->file;
  if (b->last_decl != NULL)
    b->last_decl->next = d;
  else
    b->file->decls = d;
  b->last_decl = d;
  return d;
}

static bwc_type *builder_type(builder *b, const char *name)
{
  bwc_type *t = BWC_NEW(b->arena, bwc_type);
  t->name = name;
  return t;
}

static bwc_field *builder_field(builder *b, const char *name, uint64_t number,
                                bwc_type *t)
{
  bwc_field *f = BWC_NEW(b->arena, bwc_field);
  f->name = name;
  f->number = number;
  f->type = t;
  return f;
}

static double seconds_since(const struct timespec *start)
{
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - start->tv_sec) +
         (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

enum { BIG = 100000 };

/* Valgrind runs code tens of times slower; there the bound only guards
 * against quadratic time, which would take minutes. */
static double time_limit(void)
{
  const char *preload = getenv("LD_PRELOAD");
  bool valgrind = preload != NULL && strstr(preload, "vgpreload") != NULL;
  return valgrind ? 60.0 : 2.0;
}

static void check_timed(fixture *f, bool expect_ok)
{
  struct timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  bool ok = bwc_check(&f->comp);
  double took = seconds_since(&start);
  if (ok != expect_ok)
    fail_msg("bwc_check returned %d:\n%s", ok, fixture_output(f));
  if (took >= time_limit())
    fail_msg("checking took %.2f s", took);
}

static void build_wide_struct(builder *b)
{
  bwc_decl *d = builder_decl(b, BWC_DECL_STRUCT, "Wide");
  bwc_field **tail = &d->fields;
  for (uint64_t i = 0; i < BIG; i++) {
    /* Numbers skip the block protobuf keeps for itself. */
    uint64_t number = i + 1 >= 19000 ? i + 1001 : i + 1;
    const char *name = bwc_arena_printf(b->arena, "f%" PRIu64, i);
    *tail = builder_field(b, name, number, builder_type(b, "u32"));
    tail = &(*tail)->next;
  }
}

static void build_wide_enum(builder *b)
{
  bwc_decl *d = builder_decl(b, BWC_DECL_ENUM, "Many");
  bwc_member **tail = &d->members;
  for (uint64_t i = 0; i < BIG; i++) {
    bwc_member *m = BWC_NEW(b->arena, bwc_member);
    m->name = bwc_arena_printf(b->arena, "m%" PRIu64, i);
    m->value = i;
    *tail = m;
    tail = &m->next;
  }
}

static void test_sema_incomplete_file_no_cascade(void **state)
{
  /* What a syntax error leaves: no package, an enum without members.
   * The parser reported the cause; sema adds nothing. */
  fixture *f = *state;
  builder b;
  builder_init(&b, f);
  b.file->package = NULL;
  b.file->incomplete = true;
  builder_decl(&b, BWC_DECL_ENUM, "E");
  builder_decl(&b, BWC_DECL_UNION, "U");
  assert_true(bwc_check(&f->comp));
  assert_string_equal(fixture_output(f), "");
}

static void test_sema_perf_wide(void **state)
{
  fixture *f = *state;
  builder b;
  builder_init(&b, f);
  build_wide_struct(&b);
  build_wide_enum(&b);
  check_timed(f, true);
}

/* A chain of constants, each naming the next, and a cycle of structs
 * through every declaration: both walks must not use the C stack. */
static void build_long_chains(builder *b)
{
  for (int i = 0; i < BIG; i++) {
    bwc_decl *c = builder_decl(b, BWC_DECL_CONST,
                               bwc_arena_printf(b->arena, "C%d", i));
    c->value.kind = i + 1 < BIG ? BWC_BOUND_CONST : BWC_BOUND_INT;
    c->value.name = bwc_arena_printf(b->arena, "C%d", i + 1);
    c->value.literal = 7;
    c->value.unit = 1;
  }
  for (int i = 0; i < BIG; i++) {
    bwc_decl *d = builder_decl(b, BWC_DECL_STRUCT,
                               bwc_arena_printf(b->arena, "S%d", i));
    const char *next = bwc_arena_printf(b->arena, "S%d", (i + 1) % BIG);
    d->fields = builder_field(b, "next", 1, builder_type(b, next));
    d->fields->optional = i + 1 == BIG;
  }
}

static void add_depth_limit(builder *b)
{
  bwc_limit *l = BWC_NEW(b->arena, bwc_limit);
  l->name = "max_depth";
  l->value.kind = BWC_BOUND_INT;
  l->value.literal = 1000;
  l->value.unit = 1;
  b->file->limit_lines = l;
}

static void test_sema_perf_long_chains(void **state)
{
  fixture *f = *state;
  builder b;
  builder_init(&b, f);
  build_long_chains(&b);
  add_depth_limit(&b);
  check_timed(f, true);
  assert_int_equal(b.file->decls->value.value.magnitude, 7);
  assert_true(b.last_decl->recursive);
}

static void test_sema_perf_unknown_names(void **state)
{
  /* Many names alike and unknown ones to match them against: the hints
   * must stay cheap. */
  fixture *f = *state;
  builder b;
  builder_init(&b, f);
  for (int i = 0; i < BIG; i++)
    builder_decl(&b, BWC_DECL_STRUCT,
                 bwc_arena_printf(b.arena, "Type%dabcdefghijklmnopqrst", i));
  bwc_decl *d = builder_decl(&b, BWC_DECL_STRUCT, "User");
  bwc_field **tail = &d->fields;
  for (int i = 0; i < 100; i++) {
    const char *name = bwc_arena_printf(b.arena, "Tpye%dabcdefghijklmnopqrs",
                                        i);
    *tail = builder_field(&b, bwc_arena_printf(b.arena, "f%d", i),
                          (uint64_t)i + 1, builder_type(&b, name));
    tail = &(*tail)->next;
  }
  check_timed(f, false);
  assert_true(f->diag.capped);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    FIXTURE_TEST(test_sema_valid_minimal),
    FIXTURE_TEST(test_sema_valid_every_builtin),
    FIXTURE_TEST(test_sema_resolves_types),
    FIXTURE_TEST(test_sema_resolves_bounds),
    FIXTURE_TEST(test_sema_valid_i64_minimum),
    FIXTURE_TEST(test_sema_limits_defaults),
    FIXTURE_TEST(test_sema_limits_set),
    FIXTURE_TEST(test_sema_recursive_with_depth),
    FIXTURE_TEST(test_sema_union_breaks_recursion),
    FIXTURE_TEST(test_sema_same_package_needs_import),
    FIXTURE_TEST(test_sema_union_member_cannot_be_list),
    FIXTURE_TEST(test_sema_minimum_above_default_maximum),
    FIXTURE_TEST(test_sema_warn_unbounded_string),
    FIXTURE_TEST(test_sema_warn_unbounded_kinds),
    FIXTURE_TEST(test_sema_warning_keeps_check_true),
    FIXTURE_TEST(test_sema_design_example),
    FIXTURE_TEST(test_sema_design_example_inline),
    FIXTURE_TEST(test_sema_qualified_unknown_package),
    FIXTURE_TEST(test_sema_qualified_suggestion),
    FIXTURE_TEST(test_sema_qualified_full_package),
    FIXTURE_TEST(test_sema_qualified_ambiguous),
    FIXTURE_TEST(test_sema_qualified_needs_direct_import),
    FIXTURE_TEST(test_sema_missing_package),
    FIXTURE_TEST(test_sema_duplicate_declaration),
    FIXTURE_TEST(test_sema_duplicate_across_files),
    FIXTURE_TEST(test_sema_other_package_no_clash),
    FIXTURE_TEST(test_sema_builtin_name),
    FIXTURE_TEST(test_sema_builtin_name_const),
    FIXTURE_TEST(test_sema_unknown_type_suggestion),
    FIXTURE_TEST(test_sema_unknown_type_builtin_suggestion),
    FIXTURE_TEST(test_sema_unknown_type_other_language),
    FIXTURE_TEST(test_sema_unknown_type_no_suggestion),
    FIXTURE_TEST(test_sema_const_as_type),
    FIXTURE_TEST(test_sema_type_as_const),
    FIXTURE_TEST(test_sema_builtin_as_const),
    FIXTURE_TEST(test_sema_args_on_scalar),
    FIXTURE_TEST(test_sema_args_on_user_type),
    FIXTURE_TEST(test_sema_list_without_args),
    FIXTURE_TEST(test_sema_map_without_args),
    FIXTURE_TEST(test_sema_map_arg_count),
    FIXTURE_TEST(test_sema_list_arg_count),
    FIXTURE_TEST(test_sema_list_of_list),
    FIXTURE_TEST(test_sema_map_value_map),
    FIXTURE_TEST(test_sema_map_key_float),
    FIXTURE_TEST(test_sema_map_key_struct),
    FIXTURE_TEST(test_sema_error_type_no_cascade),
    FIXTURE_TEST(test_sema_bound_above_max),
    FIXTURE_TEST(test_sema_bound_below_min),
    FIXTURE_TEST(test_sema_bound_negative_unsigned),
    FIXTURE_TEST(test_sema_bound_const_above_max),
    FIXTURE_TEST(test_sema_float_bound_on_int),
    FIXTURE_TEST(test_sema_f32_bound_too_large),
    FIXTURE_TEST(test_sema_f32_bound_too_small),
    FIXTURE_TEST(test_sema_f32_bound_at_max),
    FIXTURE_TEST(test_sema_nonfinite_on_int),
    FIXTURE_TEST(test_sema_nonfinite_on_string),
    FIXTURE_TEST(test_sema_unknown_constraint_name),
    FIXTURE_TEST(test_sema_negative_length),
    FIXTURE_TEST(test_sema_negative_count),
    FIXTURE_TEST(test_sema_float_length),
    FIXTURE_TEST(test_sema_float_count),
    FIXTURE_TEST(test_sema_bool_constraint),
    FIXTURE_TEST(test_sema_enum_constraint),
    FIXTURE_TEST(test_sema_struct_constraint),
    FIXTURE_TEST(test_sema_min_above_max),
    FIXTURE_TEST(test_sema_min_above_max_float),
    FIXTURE_TEST(test_sema_min_above_max_length),
    FIXTURE_TEST(test_sema_literal_overflow),
    FIXTURE_TEST(test_sema_unit_overflow),
    FIXTURE_TEST(test_sema_negative_overflow),
    FIXTURE_TEST(test_sema_unknown_const_suggestion),
    FIXTURE_TEST(test_sema_const_cycle),
    FIXTURE_TEST(test_sema_const_self),
    FIXTURE_TEST(test_sema_const_float),
    FIXTURE_TEST(test_sema_const_error_no_cascade),
    FIXTURE_TEST(test_sema_optional_list),
    FIXTURE_TEST(test_sema_optional_map),
    FIXTURE_TEST(test_sema_optional_in_union),
    FIXTURE_TEST(test_sema_field_number_zero),
    FIXTURE_TEST(test_sema_field_number_too_big),
    FIXTURE_TEST(test_sema_field_number_overflow),
    FIXTURE_TEST(test_sema_field_number_protobuf),
    FIXTURE_TEST(test_sema_duplicate_field_name),
    FIXTURE_TEST(test_sema_duplicate_field_number),
    FIXTURE_TEST(test_sema_field_reserved_number),
    FIXTURE_TEST(test_sema_field_reserved_overlap),
    FIXTURE_TEST(test_sema_field_reserved_name),
    FIXTURE_TEST(test_sema_reserved_range_backwards),
    FIXTURE_TEST(test_sema_reserved_number_range),
    FIXTURE_TEST(test_sema_reserved_range_outside),
    FIXTURE_TEST(test_sema_reserved_overflow),
    FIXTURE_TEST(test_sema_enum_empty),
    FIXTURE_TEST(test_sema_enum_empty_with_reserved),
    FIXTURE_TEST(test_sema_enum_value_range),
    FIXTURE_TEST(test_sema_enum_duplicate_name),
    FIXTURE_TEST(test_sema_enum_duplicate_value),
    FIXTURE_TEST(test_sema_enum_reserved_value),
    FIXTURE_TEST(test_sema_enum_reserved_name),
    FIXTURE_TEST(test_sema_enum_reserved_zero),
    FIXTURE_TEST(test_sema_union_empty),
    FIXTURE_TEST(test_sema_limit_unknown),
    FIXTURE_TEST(test_sema_limit_unknown_no_hint),
    FIXTURE_TEST(test_sema_limit_duplicate),
    FIXTURE_TEST(test_sema_limit_range),
    FIXTURE_TEST(test_sema_limit_range_size),
    FIXTURE_TEST(test_sema_limit_zero),
    FIXTURE_TEST(test_sema_limit_float),
    FIXTURE_TEST(test_sema_recursive_needs_depth),
    FIXTURE_TEST(test_sema_recursive_mutual_needs_depth),
    FIXTURE_TEST(test_sema_never_encodable_self),
    FIXTURE_TEST(test_sema_never_encodable_mutual),
    FIXTURE_TEST(test_sema_never_encodable_union),
    FIXTURE_TEST(test_sema_never_encodable_without_depth),
    FIXTURE_TEST(test_sema_error_cap),
    FIXTURE_TEST(test_sema_incomplete_file_no_cascade),
    FIXTURE_TEST(test_sema_perf_wide),
    FIXTURE_TEST(test_sema_perf_long_chains),
    FIXTURE_TEST(test_sema_perf_unknown_names),
  };
  return cmocka_run_group_tests_name("sema", tests, NULL, NULL);
}
