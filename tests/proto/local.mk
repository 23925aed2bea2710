# Golden tests for the .proto export (bwc --proto-out): the example
# schemas and a schema holding every construct, checked byte for byte and
# with protoc when it is installed; and schemas whose names protobuf
# cannot tell apart, which must fail with the expected diagnostics.
TESTS += tests/proto/run-proto.sh
EXTRA_DIST += tests/proto/run-proto.sh tests/proto/schemas \
  tests/proto/golden tests/proto/errors
