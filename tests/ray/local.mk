# The Ray integration (pytest, in the virtualenv setup.sh makes): the
# guard against pickle attacks, boundwire values through tasks and
# actors, typed tasks, on local Ray instances the suite starts and
# stops.  It needs bwc; it reuses the interop suite's INTEROP_PYTHON_BIN.
TESTS += tests/ray/run-ray.sh
EXTRA_DIST += tests/ray/run-ray.sh tests/ray/conftest.py \
  tests/ray/helpers.py tests/ray/typed_tasks.py \
  tests/ray/attack_driver.py tests/ray/test_guard.py \
  tests/ray/test_typed.py tests/ray/test_internals.py \
  tests/ray/test_unguarded.py tests/ray/test_example.py
# The package's Ray module goes in the tarball too.
EXTRA_DIST += python/boundwire/ray/__init__.py \
  python/boundwire/ray/_env.py python/boundwire/ray/_guard.py \
  python/boundwire/ray/_policy.py python/boundwire/ray/_typed.py
