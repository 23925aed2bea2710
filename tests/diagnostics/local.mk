# Golden diagnostics: each case's exact bwc output, caret lines included,
# and a valgrind run over the whole corpus.
TESTS += tests/diagnostics/run-golden.sh tests/diagnostics/hostile-inputs.sh
EXTRA_DIST += tests/diagnostics/run-golden.sh \
  tests/diagnostics/hostile-inputs.sh tests/diagnostics/cases \
  tests/diagnostics/lib
