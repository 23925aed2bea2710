/* symtab.h: a hash table from names or numbers to pointers.
 *
 * The semantic checks use it to find duplicates in linear time: a hostile
 * schema can hold a hundred thousand fields in one struct, and pairwise
 * comparison would take minutes.
 */
#ifndef BWC_SYMTAB_H
#define BWC_SYMTAB_H

#include <stddef.h>
#include <stdint.h>

struct bwc_arena;

typedef struct bwc_symtab bwc_symtab;

/* Returns an empty table allocated in ARENA. */
bwc_symtab *bwc_symtab_new(struct bwc_arena *arena);

/* Looks NAME up; if absent, inserts it with VALUE and returns NULL.  If
 * present, leaves the table unchanged and returns the value already
 * there.  NAME must outlive the table. */
void *bwc_symtab_insert(bwc_symtab *table, const char *name, void *value);

/* Returns the value stored for NAME, or NULL. */
void *bwc_symtab_find(const bwc_symtab *table, const char *name);

/* The same for integer keys (field numbers, enum values). */
void *bwc_symtab_insert_number(bwc_symtab *table, uint64_t key, void *value);
void *bwc_symtab_find_number(const bwc_symtab *table, uint64_t key);

/* Calls VISIT for every entry with a string key, in insertion order. */
void bwc_symtab_each(const bwc_symtab *table,
                     void (*visit)(const char *name, void *value, void *ctx),
                     void *ctx);

#endif
