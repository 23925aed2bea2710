/* arena.h: one bump allocator for everything a compilation allocates.
 *
 * The front end never frees a single node: the AST, the strings and the
 * diagnostics all live until the compilation ends, and then go in one
 * call.  That keeps error recovery in the parser free of leaks.
 */
#ifndef BWC_ARENA_H
#define BWC_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct bwc_arena bwc_arena;

/* Returns a new, empty arena.  Exits the program on out-of-memory, as
 * every allocation in the compiler does: bwc has no partial result worth
 * keeping once memory runs out. */
bwc_arena *bwc_arena_new(void);

/* Frees the arena and everything allocated from it.  NULL is allowed. */
void bwc_arena_free(bwc_arena *arena);

/* Returns SIZE zeroed bytes aligned for any object. */
void *bwc_arena_alloc(bwc_arena *arena, size_t size);

/* Returns a NUL-terminated copy of the LEN bytes at TEXT. */
char *bwc_arena_strndup(bwc_arena *arena, const char *text, size_t len);

/* Returns a formatted string, as vsnprintf would print it. */
char *bwc_arena_printf(bwc_arena *arena, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
char *bwc_arena_vprintf(bwc_arena *arena, const char *format, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Total bytes handed out, for tests that bound memory use. */
size_t bwc_arena_used(const bwc_arena *arena);

#define BWC_NEW(arena, type) ((type *)bwc_arena_alloc((arena), sizeof(type)))

#endif
