/* arena.c: a bump allocator over the caller's memory.
 *
 * The caller's buffer is the whole budget of a decode: when it runs out
 * the decode fails cleanly instead of asking the heap for more, so the
 * memory a hostile message can claim is fixed before it is read.
 */
#include "boundwire.h"

void bw_arena_init(bw_arena *arena, void *buf, size_t size)
{
  arena->base = buf;
  arena->size = buf ? size : 0;
  arena->used = 0;
}

static bool is_power_of_two(size_t n)
{
  return n != 0 && (n & (n - 1)) == 0;
}

void *bw_arena_alloc(bw_arena *arena, size_t size, size_t align)
{
  unsigned char *next;
  size_t left;
  size_t pad;

  if (arena->base == NULL || !is_power_of_two(align))
    return NULL;
  next = arena->base + arena->used;
  left = arena->size - arena->used;
  /* Padding is computed on the address, not the offset, so the result
   * is aligned whatever the alignment of the caller's buffer. */
  pad = (size_t)(-(uintptr_t)next & (uintptr_t)(align - 1));
  if (pad > left || size > left - pad)
    return NULL;
  arena->used += pad + size;
  return next + pad;
}

void *bw_arena_alloc_array(bw_arena *arena, size_t count,
                           size_t elem_size, size_t align)
{
  /* COUNT usually comes from the wire.  Were the product allowed to wrap,
   * a huge count would get a small block, and filling in COUNT elements
   * would then write far past it. */
  size_t size;

#if defined(__GNUC__) || defined(__clang__)
  /* One multiply and a flag test, rather than a division per call. */
  if (__builtin_mul_overflow(count, elem_size, &size))
    return NULL;
#else
  if (elem_size != 0 && count > SIZE_MAX / elem_size)
    return NULL;
  size = count * elem_size;
#endif
  return bw_arena_alloc(arena, size, align);
}

size_t bw_arena_used(const bw_arena *arena)
{
  return arena->used;
}

size_t bw_arena_remaining(const bw_arena *arena)
{
  return arena->size - arena->used;
}

void bw_arena_reset(bw_arena *arena)
{
  arena->used = 0;
}
