/* symtab.c: open-addressing hash table (see symtab.h). */
#include "symtab.h"

#include <stdbool.h>
#include <string.h>

#include "arena.h"

typedef struct entry {
  const char *name;     /* NULL for a number key */
  uint64_t number;
  void *value;
  struct entry *next_inserted;
} entry;

struct bwc_symtab {
  struct bwc_arena *arena;
  entry **slots;
  size_t capacity;      /* a power of two */
  size_t count;
  entry *first, *last;  /* insertion order */
};

enum { INITIAL_CAPACITY = 16 };

bwc_symtab *bwc_symtab_new(struct bwc_arena *arena)
{
  bwc_symtab *t = BWC_NEW(arena, bwc_symtab);
  t->arena = arena;
  t->capacity = INITIAL_CAPACITY;
  t->slots = bwc_arena_alloc(arena, t->capacity * sizeof(entry *));
  return t;
}

static uint64_t hash_name(const char *name)
{
  uint64_t h = 14695981039346656037u;    /* FNV-1a */
  for (const unsigned char *p = (const unsigned char *)name; *p; p++)
    h = (h ^ *p) * 1099511628211u;
  return h;
}

static uint64_t hash_number(uint64_t key)
{
  key ^= key >> 33;                       /* a 64-bit finalizer mix */
  key *= 0xff51afd7ed558ccdu;
  key ^= key >> 33;
  return key;
}

static bool same_key(const entry *e, const char *name, uint64_t number)
{
  if (name == NULL)
    return e->name == NULL && e->number == number;
  return e->name != NULL && strcmp(e->name, name) == 0;
}

static size_t probe(const bwc_symtab *t, const char *name, uint64_t number)
{
  uint64_t h = name ? hash_name(name) : hash_number(number);
  size_t i = (size_t)h & (t->capacity - 1);
  while (t->slots[i] != NULL && !same_key(t->slots[i], name, number))
    i = (i + 1) & (t->capacity - 1);
  return i;
}

static void grow(bwc_symtab *t)
{
  entry **old = t->slots;
  size_t old_capacity = t->capacity;
  t->capacity *= 2;
  t->slots = bwc_arena_alloc(t->arena, t->capacity * sizeof(entry *));
  for (size_t i = 0; i < old_capacity; i++)
    if (old[i] != NULL)
      t->slots[probe(t, old[i]->name, old[i]->number)] = old[i];
}

static void *insert(bwc_symtab *t, const char *name, uint64_t number,
                    void *value)
{
  size_t i = probe(t, name, number);
  if (t->slots[i] != NULL)
    return t->slots[i]->value;

  entry *e = BWC_NEW(t->arena, entry);
  e->name = name;
  e->number = number;
  e->value = value;
  if (t->last != NULL)
    t->last->next_inserted = e;
  else
    t->first = e;
  t->last = e;
  t->slots[i] = e;
  /* Keep the load factor under one half so probes stay short. */
  if (++t->count * 2 > t->capacity)
    grow(t);
  return NULL;
}

static void *find(const bwc_symtab *t, const char *name, uint64_t number)
{
  entry *e = t->slots[probe(t, name, number)];
  return e != NULL ? e->value : NULL;
}

void *bwc_symtab_insert(bwc_symtab *t, const char *name, void *value)
{
  return insert(t, name, 0, value);
}

void *bwc_symtab_find(const bwc_symtab *t, const char *name)
{
  return find(t, name, 0);
}

void *bwc_symtab_insert_number(bwc_symtab *t, uint64_t key, void *value)
{
  return insert(t, NULL, key, value);
}

void *bwc_symtab_find_number(const bwc_symtab *t, uint64_t key)
{
  return find(t, NULL, key);
}

void bwc_symtab_each(const bwc_symtab *t,
                     void (*visit)(const char *name, void *value, void *ctx),
                     void *ctx)
{
  for (const entry *e = t->first; e != NULL; e = e->next_inserted)
    if (e->name != NULL)
      visit(e->name, e->value, ctx);
}
