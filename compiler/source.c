/* source.c: line tables for schema files (see source.h). */
#include "source.h"

#include <string.h>

#include "arena.h"

static void index_lines(struct bwc_arena *arena, bwc_source *source)
{
  uint32_t count = 1;
  for (uint32_t i = 0; i < source->len; i++)
    if (source->text[i] == '\n')
      count++;

  source->line_starts = bwc_arena_alloc(arena, count * sizeof(uint32_t));
  source->line_count = count;
  uint32_t line = 0;
  source->line_starts[line++] = 0;
  for (uint32_t i = 0; i < source->len; i++)
    if (source->text[i] == '\n')
      source->line_starts[line++] = i + 1;
}

bwc_source *bwc_source_from_memory(struct bwc_arena *arena, const char *path,
                                   const char *text, size_t len)
{
  bwc_source *source = BWC_NEW(arena, bwc_source);
  source->path = bwc_arena_strndup(arena, path, strlen(path));
  source->text = bwc_arena_strndup(arena, text, len);
  source->len = (uint32_t)len;
  index_lines(arena, source);
  return source;
}

void bwc_source_position(const bwc_source *source, uint32_t offset,
                         unsigned *line, unsigned *column)
{
  if (offset > source->len)
    offset = source->len;

  /* Binary search for the last line starting at or before OFFSET. */
  uint32_t lo = 0, hi = source->line_count;
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (source->line_starts[mid] <= offset)
      lo = mid;
    else
      hi = mid;
  }
  *line = lo + 1;
  *column = offset - source->line_starts[lo] + 1;
}
