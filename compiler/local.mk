# The schema compiler: a convenience library holding the front end, which
# bwc and the C test suites link alike.
#
# flex and bison run through explicit rules rather than automake's
# built-in support, so the generated names stay parse.c, parse.h and
# lexer.c whatever the flags.  Their output is always regenerated from the
# .l and .y files; configure insists on both tools.
noinst_LIBRARIES += compiler/libbwc.a
compiler_libbwc_a_SOURCES = \
  compiler/arena.c compiler/arena.h \
  compiler/ast.c compiler/ast.h \
  compiler/compile.c compiler/compile.h \
  compiler/diag.c compiler/diag.h \
  compiler/emit.c compiler/emit.h \
  compiler/gen_c.c compiler/gen_c_internal.h compiler/gen_c_types.c \
  compiler/gen_c_decode.c compiler/gen_c_encode.c \
  compiler/gen_proto.c \
  compiler/gen_py.c compiler/gen_py_internal.h compiler/gen_py_conv.c \
  compiler/gen_py_stub.c \
  compiler/lexer_state.h \
  compiler/sema.c \
  compiler/source.c compiler/source.h \
  compiler/symtab.c compiler/symtab.h
nodist_compiler_libbwc_a_SOURCES = compiler/parse.c compiler/parse.h \
  compiler/lexer.c
BUILT_SOURCES += compiler/parse.h
CLEANFILES += compiler/parse.c compiler/parse.h compiler/lexer.c
EXTRA_DIST += compiler/parse.y compiler/lexer.l

compiler/parse.c compiler/parse.h: compiler/parse.y
	$(AM_V_GEN)$(MKDIR_P) compiler && \
	  $(BISON) -Wall -Werror --defines=compiler/parse.h \
	    -o compiler/parse.c $(srcdir)/compiler/parse.y

compiler/lexer.c: compiler/lexer.l compiler/parse.h
	$(AM_V_GEN)$(MKDIR_P) compiler && \
	  $(FLEX) -o compiler/lexer.c $(srcdir)/compiler/lexer.l

bin_PROGRAMS += compiler/bwc
compiler_bwc_SOURCES = compiler/main.c
compiler_bwc_LDADD = compiler/libbwc.a

man_MANS += compiler/bwc.1
EXTRA_DIST += compiler/bwc.1
