/* count.c: boundwire decodes for an instruction count under callgrind.
 *
 *   bwcount M1|M2|M4 N
 *
 * Builds the message, then decodes it N times (copy mode) inside
 * bench_count_decodes, the one function bench/run-bench.sh asks callgrind
 * to count (--toggle-collect).  bench/local.mk links this file twice:
 * with the runtime as it is, and with a copy compiled with
 * BW_BENCH_NO_RULES, so that the difference is what the schema's rules
 * cost.
 */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

NOINLINE bool bench_count_decodes(bench_msg_id id, const bench_bytes *m,
                                  size_t n);

NOINLINE bool bench_count_decodes(bench_msg_id id, const bench_bytes *m,
                                  size_t n)
{
  return bench_bw_decode(id, m->data, m->len, n, false);
}

int main(int argc, char **argv)
{
  static const char *const names[BENCH_MSG_COUNT] = { "M1", "M2", "M4" };
  bench_bytes m;
  int id = -1;
  long n;

  for (int i = 0; argc == 3 && i < BENCH_MSG_COUNT; i++) {
    if (strcmp(argv[1], names[i]) == 0)
      id = i;
  }
  n = argc == 3 ? strtol(argv[2], NULL, 10) : 0;
  if (id < 0 || n <= 0) {
    fprintf(stderr, "usage: bwcount M1|M2|M4 N\n");
    return 2;
  }
  if (!bench_make_message(id, &m) ||
      !bench_count_decodes(id, &m, (size_t)n))
    return 1;
  printf("%s %zu\n", names[id], m.len);
  return 0;
}
