/* parse.y: the grammar of the schema language.
 *
 * A pure parser with byte-offset locations.  It builds the AST of
 * ast.h in the compilation's arena and leaves every check that needs
 * more than one declaration to sema.c.  Syntax errors recover at the
 * next ';' or '}', so one run reports several of them.
 */
%define api.pure full
%define api.prefix {bwc_yy}
%define api.location.type {bwc_span}
%define parse.error custom
%locations
%expect 0

%lex-param {bwc_parser *p}
%parse-param {bwc_parser *p}

/* Empty rules at the very start take their location from here. */
%initial-action { @$.begin = 0; @$.end = 0; }

%code requires {
#include "lexer_state.h"

/* The members of a struct, union or enum body while it is parsed. */
typedef struct bwc_body {
  bwc_field *fields;
  bwc_member *members;
  bwc_reserved *reserved;
} bwc_body;

/* One component of a dotted name, kept until the name is complete. */
typedef struct bwc_name_part {
  const char *text;
  struct bwc_name_part *next;
} bwc_name_part;

typedef struct bwc_qname {
  bwc_name_part *parts;   /* last component first */
  bwc_span span;
} bwc_qname;

typedef struct bwc_parser {
  bwc_lexer lexer;
  void *scanner;
  bwc_file *file;
  bool seen_decl;         /* a const, limits or type was declared */
  uint32_t prev_end;      /* end of the token before the lookahead */
  uint32_t last_end;      /* end of the lookahead */
} bwc_parser;
}

%code provides {
int bwc_yylex(BWC_YYSTYPE *value, bwc_span *loc, bwc_parser *p);
}

%code {
#include <stdlib.h>
#include <string.h>

#include "compile.h"

#define YYLLOC_DEFAULT(cur, rhs, n)                                     \
  do {                                                                  \
    if (n) {                                                            \
      (cur).begin = YYRHSLOC(rhs, 1).begin;                             \
      (cur).end = YYRHSLOC(rhs, n).end;                                 \
    } else {                                                            \
      (cur).begin = (cur).end = YYRHSLOC(rhs, 0).end;                   \
    }                                                                   \
  } while (0)

static void bwc_yyerror(bwc_span *loc, bwc_parser *p, const char *msg);
static void package(bwc_parser *p, bwc_token kw, bwc_qname name,
                    bwc_span at);
static void import(bwc_parser *p, bwc_token path, bwc_span kw,
                   bwc_span at);
static void declare(bwc_parser *p, bwc_decl_kind kind, bwc_token kw,
                    bwc_token name, bwc_span name_at, bwc_span at,
                    bwc_body body);
static void constant(bwc_parser *p, bwc_token kw, bwc_token name,
                     bwc_span name_at, bwc_span at, bwc_bound value);
static void limit_block(bwc_parser *p, bwc_span kw);
static bwc_limit *limit_line(bwc_parser *p, bwc_token name, bwc_span at,
                             bwc_bound value);
static bwc_field *field(bwc_parser *p, bwc_token name, bwc_span name_at,
                        bwc_token number, bwc_span number_at,
                        bwc_span optional_at, bwc_type *type);
static bwc_member *member(bwc_parser *p, bwc_token name, bwc_span name_at,
                          bwc_token value, bwc_span value_at);
static bwc_reserved *reserved_range(bwc_parser *p, bwc_span at,
                                    bwc_token lo, bwc_token hi);
static bwc_reserved *reserved_name(bwc_parser *p, bwc_span at,
                                   bwc_token name);
static bwc_type *type(bwc_parser *p, bwc_qname name, bwc_type_arg *args,
                      bwc_constraint constraint, bwc_span at);
static bwc_type_arg *type_arg(bwc_parser *p, bwc_type *t,
                              bwc_type_arg *next);
static bwc_bound number(bwc_token tok, bwc_span at, int kind,
                        bwc_token unit, bwc_span unit_at);
static bwc_bound negate(bwc_bound b, bwc_span at);
static bool stop_now(bwc_parser *p);
static void resync(const bwc_parser *p, int *errstatus);

static const bwc_token no_token;
static const bwc_span no_span = { 0, 0 };
}

%union {
  bwc_token tok;
  bwc_qname qname;
  bwc_bound bound;
  bwc_constraint constraint;
  bwc_type *type;
  bwc_type_arg *args;
  bwc_field *field;
  bwc_member *member;
  bwc_reserved *reserved;
  bwc_limit *limit;
  bwc_body body;
  bwc_span span;
}

%token END 0 "end of input"
%token <tok> IDENT "name"
%token <tok> INT "integer"
%token <tok> FLOAT "number"
%token <tok> STRING "string"
%token <tok> UNIT "unit"
%token <tok> DOTDOT "'..'"
%token <tok> PACKAGE "'package'" IMPORT "'import'" CONST "'const'"
%token <tok> LIMITS "'limits'" ENUM "'enum'" STRUCT "'struct'"
%token <tok> UNION "'union'" OPTIONAL "'optional'" RESERVED "'reserved'"
%token <tok> ';' '{' '}' '(' ')' '<' '>' ',' '.' ':' '=' '@' '-'

%type <qname> qname
%type <bound> bound bound_opt number
%type <constraint> constraint_opt
%type <type> type
%type <args> type_list
%type <field> field
%type <member> member
%type <reserved> reserved_list reserved_item
%type <limit> limit_lines
%type <body> field_body enum_body
%type <span> optional_opt

%%

file
  : items
  ;

items
  : %empty
  | items item
  | items error ';'           { resync(p, &yyerrstatus);
                                if (stop_now(p)) YYABORT; }
  | items error '}'           { resync(p, &yyerrstatus);
                                if (stop_now(p)) YYABORT; }
  ;

item
  : PACKAGE qname ';'         { package(p, $1, $2, @$); }
  | IMPORT STRING ';'         { import(p, $2, @1, @2); }
  | CONST IDENT '=' bound ';' { constant(p, $1, $2, @2, @$, $4); }
  | LIMITS '{' limit_lines '}'
      { limit_block(p, @1);
        BWC_REVERSE(bwc_limit, $3);
        for (bwc_limit *l = $3, *n; l != NULL; l = n) {
          n = l->next;
          l->next = p->file->limit_lines;
          p->file->limit_lines = l;
        } }
  | ENUM IDENT '{' enum_body '}'
      { declare(p, BWC_DECL_ENUM, $1, $2, @2, @$, $4); }
  | ENUM IDENT '{' enum_body error '}'
      { declare(p, BWC_DECL_ENUM, $1, $2, @2, @$, $4);
        yyerrok;
        if (stop_now(p)) YYABORT; }
  | STRUCT IDENT '{' field_body '}'
      { declare(p, BWC_DECL_STRUCT, $1, $2, @2, @$, $4); }
  | STRUCT IDENT '{' field_body error '}'
      { declare(p, BWC_DECL_STRUCT, $1, $2, @2, @$, $4);
        yyerrok;
        if (stop_now(p)) YYABORT; }
  | UNION IDENT '{' field_body '}'
      { declare(p, BWC_DECL_UNION, $1, $2, @2, @$, $4); }
  | UNION IDENT '{' field_body error '}'
      { declare(p, BWC_DECL_UNION, $1, $2, @2, @$, $4);
        yyerrok;
        if (stop_now(p)) YYABORT; }
  ;

qname
  : IDENT
      { bwc_name_part *part = BWC_NEW(p->lexer.arena, bwc_name_part);
        part->text = $1.text;
        $$.parts = part;
        $$.span = @1; }
  | qname '.' IDENT
      { bwc_name_part *part = BWC_NEW(p->lexer.arena, bwc_name_part);
        part->text = $3.text;
        part->next = $1.parts;
        $$.parts = part;
        $$.span.begin = $1.span.begin;
        $$.span.end = @3.end; }
  ;

limit_lines
  : %empty                    { $$ = NULL; }
  | limit_lines IDENT '=' bound ';'
      { $$ = limit_line(p, $2, @2, $4);
        $$->next = $1; }
  | limit_lines error ';'     { $$ = $1; yyerrok; if (stop_now(p)) YYABORT; }
  ;

enum_body
  : %empty                    { memset(&$$, 0, sizeof $$); }
  | enum_body member          { $$ = $1; $2->next = $$.members;
                                $$.members = $2; }
  | enum_body RESERVED reserved_list ';'
      { $$ = $1;
        BWC_REVERSE(bwc_reserved, $3);
        for (bwc_reserved *r = $3, *n; r != NULL; r = n) {
          n = r->next;
          r->next = $$.reserved;
          $$.reserved = r;
        } }
  | enum_body error ';'       { $$ = $1; yyerrok; if (stop_now(p)) YYABORT; }
  ;

member
  : IDENT '@' INT ';'         { $$ = member(p, $1, @1, $3, @3); }
  ;

field_body
  : %empty                    { memset(&$$, 0, sizeof $$); }
  | field_body field          { $$ = $1; $2->next = $$.fields;
                                $$.fields = $2; }
  | field_body RESERVED reserved_list ';'
      { $$ = $1;
        BWC_REVERSE(bwc_reserved, $3);
        for (bwc_reserved *r = $3, *n; r != NULL; r = n) {
          n = r->next;
          r->next = $$.reserved;
          $$.reserved = r;
        } }
  | field_body error ';'      { $$ = $1; yyerrok; if (stop_now(p)) YYABORT; }
  ;

field
  : IDENT '@' INT ':' optional_opt type ';'
      { $$ = field(p, $1, @1, $3, @3, $5, $6); }
  ;

optional_opt
  : %empty                    { $$ = no_span; }
  | OPTIONAL                  { $$ = @1; }
  ;

/* Built last item first; the body rules reverse it while moving it. */
reserved_list
  : reserved_item             { $$ = $1; }
  | reserved_list ',' reserved_item
                              { $$ = $3; $$->next = $1; }
  ;

reserved_item
  : '@' INT                   { $$ = reserved_range(p, @$, $2, $2); }
  | '@' INT DOTDOT '@' INT    { $$ = reserved_range(p, @$, $2, $5); }
  | IDENT                     { $$ = reserved_name(p, @$, $1); }
  ;

type
  : qname constraint_opt      { $$ = type(p, $1, NULL, $2, @$); }
  | qname '<' type_list '>' constraint_opt
      { BWC_REVERSE(bwc_type_arg, $3);
        $$ = type(p, $1, $3, $5, @$); }
  ;

type_list
  : type                      { $$ = type_arg(p, $1, NULL); }
  | type_list ',' type        { $$ = type_arg(p, $3, $1); }
  ;

constraint_opt
  : %empty                    { memset(&$$, 0, sizeof $$); }
  | '(' bound_opt DOTDOT bound_opt ')'
      { memset(&$$, 0, sizeof $$);
        $$.present = true;
        $$.span = @$;
        $$.lo = $2;
        $$.hi = $4; }
  | '(' IDENT ')'
      { memset(&$$, 0, sizeof $$);
        $$.present = true;
        $$.span = @$;
        if (strcmp($2.text, "nonfinite") == 0) {
          $$.nonfinite = true;
        } else {
          char q[64];
          bwc_error(p->lexer.diag, p->lexer.source, @2,
                    "unknown constraint '%s'; expected a range 'min..max' "
                    "or 'nonfinite'",
                    bwc_quote(q, sizeof q, $2.text, strlen($2.text)));
        } }
  ;

bound_opt
  : %empty                    { memset(&$$, 0, sizeof $$);
                                $$.span = @$; }
  | bound                     { $$ = $1; }
  ;

bound
  : number                    { $$ = $1; }
  | '-' number                { $$ = negate($2, @$); }
  ;

number
  : INT                       { $$ = number($1, @1, BWC_BOUND_INT,
                                            no_token, no_span); }
  | INT UNIT                  { $$ = number($1, @1, BWC_BOUND_INT, $2, @2); }
  | FLOAT                     { $$ = number($1, @1, BWC_BOUND_FLOAT,
                                            no_token, no_span); }
  | IDENT                     { $$ = number($1, @1, BWC_BOUND_CONST,
                                            no_token, no_span); }
  | IDENT UNIT                { $$ = number($1, @1, BWC_BOUND_CONST,
                                            $2, @2); }
  ;

%%

static bool stop_now(bwc_parser *p)
{
  return bwc_diag_stopped(p->lexer.diag);
}

/* Ends error recovery at the top level, unless the ';' or '}' that ended
 * it lies inside a block whose '{' was skipped: then the rest of that
 * block would only raise echoes of the first error, and bison stays
 * quiet until it has shifted a few tokens. */
static void resync(const bwc_parser *p, int *errstatus)
{
  if (p->lexer.braces == 0)
    *errstatus = 0;
}

/* Tracks where the token before the lookahead ended: a missing ';' is
 * reported there, where the user has to type it. */
int bwc_yylex(BWC_YYSTYPE *value, bwc_span *loc, bwc_parser *p)
{
  if (stop_now(p))
    return END;
  memset(value, 0, sizeof *value);
  int kind = bwc_lexer_next(value, loc, p->scanner);
  p->prev_end = p->last_end;
  p->last_end = loc->end;
  return kind;
}

/* Bison calls this only when its own stack is exhausted; the nesting cap
 * in the lexer keeps that from happening, but say something useful. */
static void bwc_yyerror(bwc_span *loc, bwc_parser *p, const char *msg)
{
  bwc_error(p->lexer.diag, p->lexer.source, *loc,
            "cannot parse this schema: %s", msg);
}

/* ---- Syntax errors ---------------------------------------------------- */

/* A token's name for messages: bison's alias without its double quotes,
 * so that "'struct'" reads as 'struct' and "name" as name. */
static const char *symbol_text(yysymbol_kind_t kind, char *buf, size_t size)
{
  const char *name = yysymbol_name(kind);
  size_t len = strlen(name);
  if (len >= 2 && name[0] == '"') {
    name++;
    len -= 2;
  }
  snprintf(buf, size, "%.*s", (int)len, name);
  return buf;
}

/* Bison numbers character tokens by position; compare them by name. */
static bool is_symbol(yysymbol_kind_t kind, const char *name)
{
  return strcmp(yysymbol_name(kind), name) == 0;
}

static bool expects(const yysymbol_kind_t *list, int n, const char *name)
{
  for (int i = 0; i < n; i++)
    if (is_symbol(list[i], name))
      return true;
  return false;
}

/* True when the lookahead starts a line after the previous token. */
static bool on_later_line(const bwc_parser *p, bwc_span at)
{
  const char *text = p->lexer.source->text;
  for (uint32_t i = p->prev_end; i < at.begin; i++)
    if (text[i] == '\n')
      return true;
  return false;
}

/* Appends "expected A, B or C" for up to four tokens. */
static void list_expected(char *out, size_t size, const yysymbol_kind_t *list,
                          int n)
{
  size_t used = (size_t)snprintf(out, size, "expected ");
  for (int i = 0; i < n && used < size; i++) {
    char name[32];
    const char *sep = i == 0 ? "" : i == n - 1 ? " or " : ", ";
    used += (size_t)snprintf(out + used, size - used, "%s%s", sep,
                             symbol_text(list[i], name, sizeof name));
  }
}

static void report_missing_semicolon(bwc_parser *p)
{
  bwc_span at = { p->prev_end, p->prev_end };
  bwc_error(p->lexer.diag, p->lexer.source, at, "expected ';'");
}

static void report_unclosed(bwc_parser *p, const char *expected)
{
  /* Point just past the last token, where the missing text belongs. */
  bwc_span end = { p->prev_end, p->prev_end };
  bwc_error(p->lexer.diag, p->lexer.source, end,
            "unexpected end of input; %s", expected);
  if (p->lexer.braces > 0) {
    unsigned top = p->lexer.braces < BWC_MAX_NESTING ? p->lexer.braces
                                                     : BWC_MAX_NESTING;
    uint32_t open = p->lexer.opened[top - 1];
    bwc_span at = { open, open + 1 };
    bwc_note(p->lexer.diag, p->lexer.source, at,
             "the '{' opened here is never closed");
  }
}

static int yyreport_syntax_error(const yypcontext_t *ctx, bwc_parser *p)
{
  yysymbol_kind_t lookahead = yypcontext_token(ctx);
  if (lookahead == YYSYMBOL_YYEOF && p->lexer.stopped &&
      p->lexer.diag->errors > 0)
    return 0;     /* the lexer already said why the input ended */

  enum { MAX_LISTED = 4 };
  yysymbol_kind_t expected[MAX_LISTED];
  int n = yypcontext_expected_tokens(ctx, expected, MAX_LISTED);
  if (n < 0)
    n = 0;
  int total = yypcontext_expected_tokens(ctx, NULL, 0);
  bwc_span at = *yypcontext_location(ctx);
  bool semicolon = expects(expected, n, "';'");

  char wanted[160] = "";
  if (total <= MAX_LISTED)
    list_expected(wanted, sizeof wanted, expected, n);

  if (semicolon && (is_symbol(lookahead, "'}'") || on_later_line(p, at)))
    report_missing_semicolon(p);
  else if (lookahead == YYSYMBOL_YYEOF)
    report_unclosed(p, total <= MAX_LISTED ? wanted
                                          : "the schema is incomplete");
  else {
    const bwc_source *src = p->lexer.source;
    char q[64];
    bwc_quote(q, sizeof q, src->text + at.begin, at.end - at.begin);
    if (wanted[0] != '\0')
      bwc_error(p->lexer.diag, src, at, "%s, found '%s'", wanted, q);
    else
      bwc_error(p->lexer.diag, src, at, "unexpected '%s'", q);
  }
  return 0;
}

/* ---- Building the tree ------------------------------------------------ */

static const char *join_name(bwc_parser *p, bwc_qname name)
{
  size_t len = 0;
  for (bwc_name_part *part = name.parts; part != NULL; part = part->next)
    len += strlen(part->text) + 1;
  char *out = bwc_arena_alloc(p->lexer.arena, len);
  size_t at = len - 1;
  for (bwc_name_part *part = name.parts; part != NULL; part = part->next) {
    size_t n = strlen(part->text);
    at -= n;
    memcpy(out + at, part->text, n);
    if (at > 0)
      out[--at] = '.';
  }
  return out;
}

static void package(bwc_parser *p, bwc_token kw, bwc_qname name, bwc_span at)
{
  bwc_file *f = p->file;
  if (f->package != NULL) {
    bwc_error(p->lexer.diag, p->lexer.source, at,
              "a file has one package declaration");
    bwc_note(p->lexer.diag, p->lexer.source, f->package_span,
             "the package was first declared here");
    return;
  }
  if (p->seen_decl || f->imports != NULL)
    bwc_error(p->lexer.diag, p->lexer.source, at,
              "the package declaration must come first in the file");
  f->package = join_name(p, name);
  f->package_span = name.span;
  f->doc = kw.doc;
}

static void import(bwc_parser *p, bwc_token path, bwc_span kw, bwc_span at)
{
  if (p->seen_decl)
    bwc_error(p->lexer.diag, p->lexer.source, kw,
              "imports must come before the first declaration");
  bwc_import *imp = BWC_NEW(p->lexer.arena, bwc_import);
  imp->path = path.text;
  imp->span = at;
  imp->next = p->file->imports;
  p->file->imports = imp;
}

static bwc_decl *new_decl(bwc_parser *p, bwc_decl_kind kind, bwc_token kw,
                          bwc_token name, bwc_span name_at, bwc_span at)
{
  bwc_decl *d = BWC_NEW(p->lexer.arena, bwc_decl);
  d->kind = kind;
  d->name = name.text;
  d->name_span = name_at;
  d->span = at;
  d->doc = kw.doc;
  d->file = p->file;
  d->next = p->file->decls;
  p->file->decls = d;
  p->seen_decl = true;
  return d;
}

static void declare(bwc_parser *p, bwc_decl_kind kind, bwc_token kw,
                    bwc_token name, bwc_span name_at, bwc_span at,
                    bwc_body body)
{
  bwc_decl *d = new_decl(p, kind, kw, name, name_at, at);
  BWC_REVERSE(bwc_field, body.fields);
  BWC_REVERSE(bwc_member, body.members);
  BWC_REVERSE(bwc_reserved, body.reserved);
  d->fields = body.fields;
  d->members = body.members;
  d->reserved = body.reserved;
}

static void constant(bwc_parser *p, bwc_token kw, bwc_token name,
                     bwc_span name_at, bwc_span at, bwc_bound value)
{
  bwc_decl *d = new_decl(p, BWC_DECL_CONST, kw, name, name_at, at);
  d->value = value;
}

static void limit_block(bwc_parser *p, bwc_span kw)
{
  if (!p->file->has_limits) {
    p->file->has_limits = true;
    p->file->limits_span = kw;
  }
  p->seen_decl = true;
}

static bwc_limit *limit_line(bwc_parser *p, bwc_token name, bwc_span at,
                             bwc_bound value)
{
  bwc_limit *l = BWC_NEW(p->lexer.arena, bwc_limit);
  l->name = name.text;
  l->name_span = at;
  l->value = value;
  return l;
}

static bwc_field *field(bwc_parser *p, bwc_token name, bwc_span name_at,
                        bwc_token number, bwc_span number_at,
                        bwc_span optional_at, bwc_type *t)
{
  bwc_field *f = BWC_NEW(p->lexer.arena, bwc_field);
  f->name = name.text;
  f->name_span = name_at;
  f->doc = name.doc;
  f->number = number.integer;
  f->number_overflow = number.overflow;
  f->number_span = number_at;
  f->optional = optional_at.end > optional_at.begin;
  f->optional_span = optional_at;
  f->type = t;
  return f;
}

static bwc_member *member(bwc_parser *p, bwc_token name, bwc_span name_at,
                          bwc_token value, bwc_span value_at)
{
  bwc_member *m = BWC_NEW(p->lexer.arena, bwc_member);
  m->name = name.text;
  m->name_span = name_at;
  m->doc = name.doc;
  m->value = value.integer;
  m->value_overflow = value.overflow;
  m->value_span = value_at;
  return m;
}

static bwc_reserved *reserved_range(bwc_parser *p, bwc_span at,
                                    bwc_token lo, bwc_token hi)
{
  bwc_reserved *r = BWC_NEW(p->lexer.arena, bwc_reserved);
  r->span = at;
  r->lo = lo.integer;
  r->hi = hi.integer;
  r->overflow = lo.overflow || hi.overflow;
  return r;
}

static bwc_reserved *reserved_name(bwc_parser *p, bwc_span at, bwc_token name)
{
  bwc_reserved *r = BWC_NEW(p->lexer.arena, bwc_reserved);
  r->span = at;
  r->name = name.text;
  return r;
}

static bwc_type *type(bwc_parser *p, bwc_qname name, bwc_type_arg *args,
                      bwc_constraint constraint, bwc_span at)
{
  bwc_type *t = BWC_NEW(p->lexer.arena, bwc_type);
  t->kind = BWC_TYPE_UNRESOLVED;
  t->span = at;
  t->name = join_name(p, name);
  t->name_span = name.span;
  t->args = args;
  t->has_args = args != NULL;
  t->constraint = constraint;
  return t;
}

static bwc_type_arg *type_arg(bwc_parser *p, bwc_type *t, bwc_type_arg *next)
{
  bwc_type_arg *arg = BWC_NEW(p->lexer.arena, bwc_type_arg);
  arg->type = t;
  arg->next = next;
  return arg;
}

static bwc_bound number(bwc_token tok, bwc_span at, int kind,
                        bwc_token unit, bwc_span unit_at)
{
  bwc_bound b;
  memset(&b, 0, sizeof b);
  b.kind = (bwc_bound_kind)kind;
  b.span = at;
  b.literal = tok.integer;
  b.literal_overflow = tok.overflow;
  b.invalid = tok.invalid;
  b.real = tok.real;
  b.name = kind == BWC_BOUND_CONST ? tok.text : NULL;
  b.unit = unit.integer ? unit.integer : 1;
  b.unit_span = unit_at;
  if (unit.integer)
    b.span.end = unit_at.end;
  return b;
}

static bwc_bound negate(bwc_bound b, bwc_span at)
{
  b.negative = true;
  b.real = -b.real;
  b.span = at;
  return b;
}

/* ---- Entry point ------------------------------------------------------ */

/* Finds the first NUL byte or invalid UTF-8 sequence, or returns LEN. */
static uint32_t first_bad_byte(const unsigned char *s, uint32_t len)
{
  uint32_t i = 0;
  while (i < len) {
    unsigned char c = s[i];
    uint32_t n = c == 0 ? 0 : c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2
                 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
    if (n == 0 || len - i < n)
      return i;
    for (uint32_t k = 1; k < n; k++)
      if ((s[i + k] & 0xC0) != 0x80)
        return i;
    /* Overlong three- and four-byte forms, surrogates, past U+10FFFF. */
    if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F) ||
        (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] > 0x8F))
      return i;
    i += n;
  }
  return len;
}

static bool check_encoding(bwc_diag *diag, const bwc_source *src)
{
  uint32_t bad = first_bad_byte((const unsigned char *)src->text, src->len);
  if (bad == src->len)
    return true;
  bwc_span at = { bad, bad + 1 };
  if (src->text[bad] == '\0')
    bwc_error(diag, src, at, "NUL byte in schema file");
  else
    bwc_error(diag, src, at, "schema file is not valid UTF-8 (byte 0x%02X)",
              (unsigned char)src->text[bad]);
  return false;
}

bwc_file *bwc_parse(bwc_arena *arena, bwc_diag *diag, bwc_source *source)
{
  bwc_file *file = BWC_NEW(arena, bwc_file);
  file->source = source;
  if (!check_encoding(diag, source)) {
    file->incomplete = true;
    return file;
  }
  unsigned errors_before = diag->errors;

  bwc_parser p;
  memset(&p, 0, sizeof p);
  p.lexer.arena = arena;
  p.lexer.diag = diag;
  p.lexer.source = source;
  p.file = file;
  p.scanner = bwc_lexer_open(&p.lexer);
  if (p.scanner == NULL) {
    fputs("bwc: out of memory\n", stderr);
    exit(2);
  }
  bwc_yyparse(&p);
  bwc_lexer_close(p.scanner);
  /* After a syntax error, what seems missing may only have been skipped;
   * the checks stay quiet about it. */
  file->incomplete = diag->errors > errors_before;

  BWC_REVERSE(bwc_decl, file->decls);
  BWC_REVERSE(bwc_import, file->imports);
  BWC_REVERSE(bwc_limit, file->limit_lines);
  return file;
}
