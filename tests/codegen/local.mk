# Golden files for the generated C, and a -pedantic -Werror compile of it.
TESTS += tests/codegen/run-codegen.sh
EXTRA_DIST += tests/codegen/run-codegen.sh tests/codegen/golden
