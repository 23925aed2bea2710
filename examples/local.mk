# The examples a newcomer runs first: the shop demo in C.
EXAMPLE_SHOP_C = examples/shop/gen/shop.bw.c examples/shop/gen/money.bw.c

$(EXAMPLE_SHOP_C): examples/shop/gen.stamp
	@test -f $@ || { rm -f examples/shop/gen.stamp; \
	  $(MAKE) $(AM_MAKEFLAGS) examples/shop/gen.stamp; }

examples/shop/gen.stamp: compiler/bwc$(EXEEXT) \
    $(srcdir)/examples/shop/shop.bw $(srcdir)/examples/shop/common/money.bw
	$(AM_V_GEN)$(MKDIR_P) examples/shop/gen && \
	  compiler/bwc$(EXEEXT) --c-out examples/shop/gen \
	    -I $(srcdir)/examples/shop $(srcdir)/examples/shop/shop.bw && \
	  touch $@
BUILT_SOURCES += examples/shop/gen.stamp
CLEANFILES += examples/shop/gen.stamp

noinst_PROGRAMS = examples/shop/demo
examples_shop_demo_SOURCES = examples/shop/demo.c
nodist_examples_shop_demo_SOURCES = $(EXAMPLE_SHOP_C)
examples_shop_demo_CPPFLAGS = $(AM_CPPFLAGS) -Iexamples/shop/gen
examples_shop_demo_LDADD = runtime/libboundwire.la -lm

clean-local: clean-example-gen
clean-example-gen:
	rm -rf examples/shop/gen
.PHONY: clean-example-gen
EXTRA_DIST += examples/README.md examples/shop/shop.bw \
  examples/shop/common/money.bw examples/shop/pipeline.py \
  examples/shop/shop_tasks.py
