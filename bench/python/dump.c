/* dump.c: writes the benchmark messages as bench/messages.c builds them.
 *
 *   bwdump DIR
 *
 * Writes DIR/M1.bin, DIR/M2.bin and DIR/M4.bin, the canonical bytes of
 * each message, so that the Python benchmark decodes exactly the bytes
 * the C benchmark measures rather than a second generator's.
 */
#include "../bench.h"

#include <stdio.h>
#include <stdlib.h>

static bool write_file(const char *dir, const char *name,
                       const bench_bytes *m)
{
  char path[4096];
  FILE *f;
  bool ok;

  if (snprintf(path, sizeof path, "%s/%s.bin", dir, name) >=
      (int)sizeof path) {
    fprintf(stderr, "bwdump: path too long\n");
    return false;
  }
  f = fopen(path, "wb");
  if (f == NULL) {
    perror(path);
    return false;
  }
  ok = fwrite(m->data, 1, m->len, f) == m->len;
  if (fclose(f) != 0 || !ok) {
    perror(path);
    return false;
  }
  return true;
}

int main(int argc, char **argv)
{
  static const char *const names[BENCH_MSG_COUNT] = { "M1", "M2", "M4" };

  if (argc != 2) {
    fprintf(stderr, "usage: bwdump DIR\n");
    return 2;
  }
  for (int i = 0; i < BENCH_MSG_COUNT; i++) {
    bench_bytes m;

    if (!bench_make_message((bench_msg_id)i, &m) ||
        !write_file(argv[1], names[i], &m))
      return 1;
    free(m.data);
  }
  return 0;
}
