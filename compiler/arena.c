/* arena.c: chunked bump allocator (see arena.h). */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK_PAYLOAD = 64 * 1024 };

struct chunk {
  struct chunk *next;
  size_t size;
  size_t used;
  max_align_t data[];
};

struct bwc_arena {
  struct chunk *head;
  size_t total;
};

static void *xcalloc(size_t count, size_t size)
{
  void *p = calloc(count, size);
  if (p == NULL) {
    fputs("bwc: out of memory\n", stderr);
    exit(2);
  }
  return p;
}

bwc_arena *bwc_arena_new(void)
{
  return xcalloc(1, sizeof(bwc_arena));
}

void bwc_arena_free(bwc_arena *arena)
{
  if (arena == NULL)
    return;
  struct chunk *c = arena->head;
  while (c != NULL) {
    struct chunk *next = c->next;
    free(c);
    c = next;
  }
  free(arena);
}

static struct chunk *new_chunk(bwc_arena *arena, size_t need)
{
  size_t size = need > CHUNK_PAYLOAD ? need : CHUNK_PAYLOAD;
  struct chunk *c = xcalloc(1, sizeof(struct chunk) + size);
  c->size = size;
  c->next = arena->head;
  arena->head = c;
  return c;
}

void *bwc_arena_alloc(bwc_arena *arena, size_t size)
{
  const size_t align = sizeof(max_align_t);
  /* Round up without overflow: sizes near SIZE_MAX cannot be served. */
  if (size > SIZE_MAX - align) {
    fputs("bwc: out of memory\n", stderr);
    exit(2);
  }
  size = (size + align - 1) / align * align;

  struct chunk *c = arena->head;
  if (c == NULL || c->size - c->used < size)
    c = new_chunk(arena, size);
  void *p = (char *)c->data + c->used;
  c->used += size;
  arena->total += size;
  return p;
}

char *bwc_arena_strndup(bwc_arena *arena, const char *text, size_t len)
{
  char *copy = bwc_arena_alloc(arena, len + 1);
  memcpy(copy, text, len);
  return copy;
}

char *bwc_arena_vprintf(bwc_arena *arena, const char *format, va_list ap)
{
  va_list again;
  va_copy(again, ap);
  int n = vsnprintf(NULL, 0, format, ap);
  if (n < 0)
    n = 0;
  char *text = bwc_arena_alloc(arena, (size_t)n + 1);
  vsnprintf(text, (size_t)n + 1, format, again);
  va_end(again);
  return text;
}

char *bwc_arena_printf(bwc_arena *arena, const char *format, ...)
{
  va_list ap;
  va_start(ap, format);
  char *text = bwc_arena_vprintf(arena, format, ap);
  va_end(ap);
  return text;
}

size_t bwc_arena_used(const bwc_arena *arena)
{
  return arena->total;
}
