/* compile.c: loading schema files and their imports. */
#define _XOPEN_SOURCE 700  /* realpath */

#include "compile.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void bwc_compilation_init(bwc_compilation *comp, bwc_arena *arena,
                          bwc_diag *diag)
{
  memset(comp, 0, sizeof *comp);
  comp->arena = arena;
  comp->diag = diag;
  comp->by_path = bwc_symtab_new(arena);
}

void bwc_compilation_add_include(bwc_compilation *comp, const char *dir)
{
  const char **dirs = bwc_arena_alloc(comp->arena,
                                      (comp->include_count + 1) *
                                          sizeof *dirs);
  if (comp->include_count > 0)
    memcpy(dirs, comp->include_dirs, comp->include_count * sizeof *dirs);
  dirs[comp->include_count++] = dir;
  comp->include_dirs = dirs;
}

static void add_file(bwc_compilation *comp, bwc_file *file)
{
  bwc_file **at = &comp->files;
  while (*at != NULL)
    at = &(*at)->next;
  *at = file;
  comp->file_count++;
}

/* Reads at most BWC_MAX_SOURCE_BYTES + 1 bytes, so that an oversized or
 * endless file (a FIFO, /dev/zero) is refused after a bounded read. */
static char *read_bounded(bwc_compilation *comp, FILE *in, size_t *len)
{
  size_t cap = BWC_MAX_SOURCE_BYTES + 1;
  char *buf = bwc_arena_alloc(comp->arena, cap);
  *len = fread(buf, 1, cap, in);
  return ferror(in) ? NULL : buf;
}

static bwc_source *read_source(bwc_compilation *comp, const char *path)
{
  FILE *in = fopen(path, "rb");
  if (in == NULL) {
    bwc_file_error(comp->diag, path, "cannot open: %s", strerror(errno));
    return NULL;
  }
  size_t len = 0;
  char *text = read_bounded(comp, in, &len);
  int saved = errno;
  fclose(in);
  if (text == NULL) {
    bwc_file_error(comp->diag, path, "cannot read: %s", strerror(saved));
    return NULL;
  }
  if (len > BWC_MAX_SOURCE_BYTES) {
    bwc_file_error(comp->diag, path,
                   "file is larger than %u bytes, the limit for a schema",
                   BWC_MAX_SOURCE_BYTES);
    return NULL;
  }
  return bwc_source_from_memory(comp->arena, path, text, len);
}

static bool too_many_files(bwc_compilation *comp, const bwc_source *from,
                           bwc_span at)
{
  if (comp->file_count < BWC_MAX_FILES)
    return false;
  bwc_error(comp->diag, from, at,
            "too many schema files (limit is %d)", BWC_MAX_FILES);
  return true;
}

static void load_imports(bwc_compilation *comp, bwc_file *file);

/* Parses SOURCE and loads its imports.  VIA, the import that named it,
 * points at the file before its own imports load, so that a cycle can be
 * traced back through it. */
static bwc_file *load_source(bwc_compilation *comp, bwc_source *source,
                             const char *key, bwc_import *via)
{
  bwc_file *file = bwc_parse(comp->arena, comp->diag, source);
  if (via != NULL)
    via->file = file;
  bwc_symtab_insert(comp->by_path, key, file);
  add_file(comp, file);
  file->load_state = 1;
  load_imports(comp, file);
  file->load_state = 2;
  return file;
}

static const char *canonical(bwc_compilation *comp, const char *path)
{
  char *real = realpath(path, NULL);
  if (real == NULL)
    return NULL;
  const char *copy = bwc_arena_strndup(comp->arena, real, strlen(real));
  free(real);
  return copy;
}

bwc_file *bwc_load_path(bwc_compilation *comp, const char *path)
{
  const char *key = canonical(comp, path);
  bwc_file *seen = key ? bwc_symtab_find(comp->by_path, key) : NULL;
  if (seen != NULL)
    return seen;
  if (too_many_files(comp, NULL, (bwc_span){ 0, 0 }))
    return NULL;
  bwc_source *source = read_source(comp, path);
  if (source == NULL)
    return NULL;
  return load_source(comp, source, key ? key : path, NULL);
}

bwc_file *bwc_load_memory(bwc_compilation *comp, const char *path,
                          const char *text, size_t len)
{
  if (len > BWC_MAX_SOURCE_BYTES) {
    bwc_file_error(comp->diag, path,
                   "file is larger than %u bytes, the limit for a schema",
                   BWC_MAX_SOURCE_BYTES);
    return NULL;
  }
  bwc_source *source = bwc_source_from_memory(comp->arena, path, text, len);
  return load_source(comp, source, source->path, NULL);
}

/* ---- Imports ---------------------------------------------------------- */

static bool is_regular_file(const char *path)
{
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static char *join_path(bwc_compilation *comp, const char *dir, size_t dir_len,
                       const char *name)
{
  if (dir_len == 0)
    return bwc_arena_strndup(comp->arena, name, strlen(name));
  return bwc_arena_printf(comp->arena, "%.*s/%s", (int)dir_len, dir, name);
}

/* Looks for NAME beside the importing file, then in each -I directory. */
static const char *resolve_import(bwc_compilation *comp, const bwc_file *from,
                                  const char *name)
{
  if (name[0] == '/')
    return is_regular_file(name) ? name : NULL;
  const char *slash = strrchr(from->source->path, '/');
  size_t dir_len = slash ? (size_t)(slash - from->source->path) : 0;
  char *path = join_path(comp, from->source->path, dir_len, name);
  if (is_regular_file(path))
    return path;
  for (size_t i = 0; i < comp->include_count; i++) {
    const char *dir = comp->include_dirs[i];
    path = join_path(comp, dir, strlen(dir), name);
    if (is_regular_file(path))
      return path;
  }
  return NULL;
}

/* Reports an import that leads back to a file still being loaded, with
 * a note at each import along the way. */
static void report_cycle(bwc_compilation *comp, const bwc_file *from,
                         const bwc_import *imp)
{
  bwc_error(comp->diag, from->source, imp->span,
            "import cycle: '%s' imports a file that imports it back",
            from->source->path);
  const bwc_file *f = imp->file;
  for (int hops = 0; f != from && hops < BWC_MAX_FILES; hops++) {
    const bwc_import *next = f->imports;
    while (next != NULL && (next->file == NULL || next->file->load_state != 1))
      next = next->next;
    if (next == NULL)
      break;
    bwc_note(comp->diag, f->source, next->span, "'%s' imports '%s' here",
             f->source->path, next->path);
    f = next->file;
  }
}

static void load_import(bwc_compilation *comp, bwc_file *file,
                        bwc_import *imp)
{
  char q[64];
  const char *path = resolve_import(comp, file, imp->path);
  if (path == NULL) {
    bwc_error(comp->diag, file->source, imp->span,
              "cannot find imported file '%s'",
              bwc_quote(q, sizeof q, imp->path, strlen(imp->path)));
    bwc_note(comp->diag, file->source, imp->span,
             "looked beside the importing file and in %zu -I director%s",
             comp->include_count, comp->include_count == 1 ? "y" : "ies");
    return;
  }
  const char *key = canonical(comp, path);
  bwc_file *seen = key ? bwc_symtab_find(comp->by_path, key) : NULL;
  if (seen != NULL) {
    imp->file = seen;
    if (seen->load_state == 1)
      report_cycle(comp, file, imp);
    return;
  }
  if (too_many_files(comp, file->source, imp->span))
    return;
  bwc_source *source = read_source(comp, path);
  if (source != NULL)
    load_source(comp, source, key ? key : path, imp);
}

static void load_imports(bwc_compilation *comp, bwc_file *file)
{
  for (bwc_import *imp = file->imports; imp != NULL; imp = imp->next) {
    if (bwc_diag_stopped(comp->diag))
      return;
    load_import(comp, file, imp);
  }
}
