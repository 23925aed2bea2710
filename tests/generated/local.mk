# cmocka suites over the C code bwc generates for the example schemas.
GENERATED_SHOP_C = tests/generated/gen/shop.bw.c tests/generated/gen/money.bw.c

$(GENERATED_SHOP_C): tests/generated/gen.stamp
	@test -f $@ || { rm -f tests/generated/gen.stamp; \
	  $(MAKE) $(AM_MAKEFLAGS) tests/generated/gen.stamp; }

tests/generated/gen.stamp: compiler/bwc$(EXEEXT) \
    $(srcdir)/examples/shop/shop.bw $(srcdir)/examples/shop/common/money.bw
	$(AM_V_GEN)$(MKDIR_P) tests/generated/gen && \
	  compiler/bwc$(EXEEXT) --c-out tests/generated/gen \
	    -I $(srcdir)/examples/shop $(srcdir)/examples/shop/shop.bw && \
	  touch $@
BUILT_SOURCES += tests/generated/gen.stamp
CLEANFILES += tests/generated/gen.stamp

check_PROGRAMS += tests/generated/test_shop
TESTS += tests/generated/test_shop
tests_generated_test_shop_SOURCES = tests/generated/test_shop.c
nodist_tests_generated_test_shop_SOURCES = $(GENERATED_SHOP_C)
tests_generated_test_shop_CPPFLAGS = $(AM_CPPFLAGS) -Itests/generated/gen
tests_generated_test_shop_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_generated_test_shop_LDADD = runtime/libboundwire.la $(CMOCKA_LIBS) -lm

clean-local: clean-generated-gen
clean-generated-gen:
	rm -rf tests/generated/gen
.PHONY: clean-generated-gen
