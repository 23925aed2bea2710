# libboundwire: the runtime that generated decoders and encoders call.
lib_LTLIBRARIES += runtime/libboundwire.la
include_HEADERS += runtime/boundwire.h

runtime_libboundwire_la_SOURCES = \
  runtime/internal.h \
  runtime/arena.c \
  runtime/codec.c \
  runtime/error.c \
  runtime/limits.c \
  runtime/reader.c \
  runtime/utf8.c \
  runtime/varint.c \
  runtime/version.c \
  runtime/writer.c

# Only the bw_ API is exported; the bwi_ helpers shared between the
# runtime's files stay inside the library.
runtime_libboundwire_la_LDFLAGS = $(AM_LDFLAGS) -version-info 0:0:0 \
  -export-symbols-regex '^bw_'

pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = runtime/boundwire.pc
EXTRA_DIST += runtime/boundwire.pc.in
