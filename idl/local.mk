# The language reference and the schemas shared by tests and examples.
EXTRA_DIST += idl/reference.md idl/examples
