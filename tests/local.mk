# Test suites.  Each suite keeps its own fragment.
include tests/runtime/local.mk
include tests/compiler/local.mk
include tests/codegen/local.mk
include tests/diagnostics/local.mk
include tests/generated/local.mk
include tests/proto/local.mk
include tests/vectors/local.mk
include tests/interop/local.mk
include tests/python/local.mk
include tests/ray/local.mk
include tests/attacks/local.mk
