# The Python bindings (pytest, in the virtualenv setup.sh makes): the
# vector corpus, the generated types, property tests, leaks and the
# stubs.  It needs bwc; it reuses the interop suite's INTEROP_PYTHON_BIN.
TESTS += tests/python/run-python.sh
EXTRA_DIST += tests/python/run-python.sh tests/python/conftest.py \
  tests/python/vectorjson.py tests/python/test_vectors.py \
  tests/python/test_types.py tests/python/test_leaks.py \
  tests/python/test_properties.py tests/python/test_typing.py \
  tests/python/typing_sample.py
# The package under test, and the Python example, go in the tarball too.
EXTRA_DIST += python/README.md python/pyproject.toml python/setup.py \
  python/boundwire/__init__.py python/boundwire/__main__.py \
  python/boundwire/_build.py python/boundwire/py.typed \
  python/boundwire/csrc/bwpy.c python/boundwire/csrc/bwpy.h \
  examples/shop/demo.py
