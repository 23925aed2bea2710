/* source.h: a schema file held in memory, and positions within it. */
#ifndef BWC_SOURCE_H
#define BWC_SOURCE_H

#include <stddef.h>
#include <stdint.h>

/* A range of bytes in one source file: [begin, end). */
typedef struct bwc_span {
  uint32_t begin;
  uint32_t end;
} bwc_span;

typedef struct bwc_source {
  const char *path;     /* as given on the command line or resolved */
  const char *text;     /* the bytes, followed by a NUL not counted in len */
  uint32_t len;
  uint32_t *line_starts;/* offset of each line's first byte */
  uint32_t line_count;
} bwc_source;

/* The largest schema file bwc reads.  Real schemas are a few kilobytes;
 * the cap keeps every later pass cheap on hostile input. */
#define BWC_MAX_SOURCE_BYTES (1u << 20)

struct bwc_arena;

/* Makes a source from LEN bytes at TEXT (copied into ARENA). */
bwc_source *bwc_source_from_memory(struct bwc_arena *arena, const char *path,
                                   const char *text, size_t len);

/* Converts OFFSET to a 1-based line and a 1-based column counted in
 * bytes.  An offset past the end maps to the end. */
void bwc_source_position(const bwc_source *source, uint32_t offset,
                         unsigned *line, unsigned *column);

#endif
