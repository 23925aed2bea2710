/* bench.c: boundwire, protobuf-c, nanopb and memcpy side by side.
 *
 * One process runs every contender on the same canonical bytes.  The
 * runs are interleaved: each round times every cell once (a cell is one
 * message, one operation, one implementation), starting from a different
 * cell each round, so that drift in the machine's speed touches all of
 * them alike.  A cell's figure is the median over the rounds, with the
 * quartiles as its spread; a ratio is the median of the per-round
 * ratios, each round's peer time over the same round's boundwire time.
 *
 * Iteration counts are fixed, chosen so that the whole of `make bench`
 * stays well under a minute on two cores.  Prints the table, then one
 * "goal:" line per timing goal, which bench/run-bench.sh gathers.
 */
/* clock_gettime and CLOCK_MONOTONIC, which -std=c11 alone hides. */
#define _POSIX_C_SOURCE 200809L

#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Rounds recorded, after one round that warms caches and is dropped. */
#define ROUNDS 81

/* Operations per cell and round, per message: every boundwire cell takes
 * a few milliseconds a round. */
static const size_t iterations[BENCH_MSG_COUNT] = { 10000, 10, 20 };

static const char *const msg_names[BENCH_MSG_COUNT] = { "M1", "M2", "M4" };
static const char *const msg_about[BENCH_MSG_COUNT] = {
  "record.bw Record, 16 mixed fields",
  "users.bw UserBatch, 1000 users",
  "tree.bw Tree, 1000 nodes, depth 13",
};

typedef enum impl {
  BW_COPY,      /* boundwire, strings copied into the arena */
  BW_VIEW,      /* boundwire, strings pointing into the input */
  PBC_ARENA,    /* protobuf-c with a bump allocator */
  PBC_MALLOC,   /* protobuf-c with malloc and free_unpacked */
  NANOPB,
  MEMCPY        /* a copy of the same bytes: the floor */
} impl;

static const char *const impl_names[] = {
  "boundwire (copy)", "boundwire (view)", "protobuf-c (arena)",
  "protobuf-c (malloc)", "nanopb", "memcpy",
};

typedef enum op { DECODE, ENCODE } op;

typedef struct cell {
  bench_msg_id msg;
  op op;
  impl impl;
  double ns[ROUNDS];        /* ns per operation, one per round */
  double ratio[ROUNDS];     /* ns over the baseline's, same round */
} cell;

#define MAX_CELLS 32
static cell cells[MAX_CELLS];
static size_t cell_count;

static bench_bytes messages[BENCH_MSG_COUNT];

/* Output buffers for encodes and for the memcpy floor. */
static uint8_t *out_buf;
static size_t out_cap;

static double now_ns(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void add_cell(bench_msg_id msg, op o, impl i)
{
  cell *c = &cells[cell_count++];

  memset(c, 0, sizeof *c);
  c->msg = msg;
  c->op = o;
  c->impl = i;
}

static bool copy_floor(const bench_bytes *m, size_t iters)
{
  for (size_t i = 0; i < iters; i++) {
    memcpy(out_buf, m->data, m->len);
#if defined(__GNUC__) || defined(__clang__)
    /* Keeps the compiler from merging or dropping the copies. */
    __asm__ __volatile__("" : : "r"(out_buf) : "memory");
#endif
  }
  return true;
}

/* Runs cell C once; returns ns per operation, or a negative number on
 * failure. */
static double run_cell(const cell *c)
{
  const bench_bytes *m = &messages[c->msg];
  size_t iters = iterations[c->msg];
  size_t len = 0;
  double start = now_ns();
  bool ok;

  switch (c->impl) {
  case BW_COPY:
  case BW_VIEW:
    ok = c->op == DECODE
             ? bench_bw_decode(c->msg, m->data, m->len, iters,
                               c->impl == BW_VIEW)
             : bench_bw_encode(c->msg, iters, out_buf, out_cap, &len);
    break;
  case PBC_ARENA:
  case PBC_MALLOC:
    ok = c->op == DECODE
             ? bench_pbc_decode(c->msg, m->data, m->len, iters,
                                c->impl == PBC_ARENA)
             : bench_pbc_encode(c->msg, iters, out_buf, out_cap, &len);
    break;
  case NANOPB:
    ok = c->op == DECODE
             ? bench_nanopb_decode(c->msg, m->data, m->len, iters)
             : bench_nanopb_encode(c->msg, iters, out_buf, out_cap, &len);
    break;
  default:
    ok = copy_floor(m, iters);
    break;
  }
  if (!ok)
    return -1;
  return (now_ns() - start) / (double)iters;
}

/* The boundwire cell that cell C is compared with. */
static const cell *baseline_of(const cell *c)
{
  for (size_t i = 0; i < cell_count; i++) {
    const cell *b = &cells[i];

    if (b->msg == c->msg && b->impl == BW_COPY &&
        b->op == (c->impl == MEMCPY ? DECODE : c->op))
      return b;
  }
  return c;
}

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* Quantile Q (0 to 1) of the N sorted values at V, interpolated. */
static double quantile(const double *v, size_t n, double q)
{
  double pos = q * (double)(n - 1);
  size_t lo = (size_t)pos;
  double frac = pos - (double)lo;

  if (lo + 1 >= n)
    return v[n - 1];
  return v[lo] * (1 - frac) + v[lo + 1] * frac;
}

typedef struct summary {
  double med, p25, p75, min, max;
} summary;

static summary summarize(const double *values)
{
  double v[ROUNDS];
  summary s;

  memcpy(v, values, sizeof v);
  qsort(v, ROUNDS, sizeof v[0], cmp_double);
  s.med = quantile(v, ROUNDS, 0.5);
  s.p25 = quantile(v, ROUNDS, 0.25);
  s.p75 = quantile(v, ROUNDS, 0.75);
  s.min = v[0];
  s.max = v[ROUNDS - 1];
  return s;
}

static const cell *find(bench_msg_id msg, op o, impl i)
{
  for (size_t k = 0; k < cell_count; k++) {
    if (cells[k].msg == msg && cells[k].op == o && cells[k].impl == i)
      return &cells[k];
  }
  return NULL;
}

/* ---- Set-up ------------------------------------------------------------ */

/* Encodes message ID with each peer once and says whether the bytes
 * equal boundwire's. */
static void compare_bytes(bench_msg_id id)
{
  const bench_bytes *m = &messages[id];
  size_t pbc_len = 0, nanopb_len = 0;
  bool pbc_same, nanopb_same;

  pbc_same = bench_pbc_encode(id, 1, out_buf, out_cap, &pbc_len) &&
             pbc_len == m->len && memcmp(out_buf, m->data, m->len) == 0;
  nanopb_same = bench_nanopb_encode(id, 1, out_buf, out_cap, &nanopb_len) &&
                nanopb_len == m->len &&
                memcmp(out_buf, m->data, m->len) == 0;
  printf("  %s  %-36s boundwire %7zu B | protobuf-c %7zu B %-9s |"
         " nanopb %7zu B %s\n",
         msg_names[id], msg_about[id], m->len, pbc_len,
         pbc_same ? "same" : "DIFFERENT", nanopb_len,
         nanopb_same ? "same" : "DIFFERENT");
}

static bool set_up(void)
{
  for (int id = 0; id < BENCH_MSG_COUNT; id++) {
    if (!bench_make_message(id, &messages[id]))
      return false;
    if (messages[id].len > out_cap)
      out_cap = messages[id].len;
  }
  out_cap *= 2;
  out_buf = malloc(out_cap);
  if (out_buf == NULL)
    return false;
  for (int id = 0; id < BENCH_MSG_COUNT; id++) {
    if (!bench_pbc_setup(id, messages[id].data, messages[id].len) ||
        !bench_nanopb_setup(id, messages[id].data, messages[id].len))
      return false;
  }
  printf("Encoded sizes (all three encoders on the same value):\n");
  for (int id = 0; id < BENCH_MSG_COUNT; id++)
    compare_bytes(id);

  for (int id = 0; id < BENCH_MSG_COUNT; id++) {
    add_cell(id, DECODE, BW_COPY);
    add_cell(id, DECODE, BW_VIEW);
    add_cell(id, DECODE, PBC_ARENA);
    add_cell(id, DECODE, PBC_MALLOC);
    add_cell(id, DECODE, NANOPB);
    add_cell(id, DECODE, MEMCPY);
    add_cell(id, ENCODE, BW_COPY);
    add_cell(id, ENCODE, PBC_ARENA);
    add_cell(id, ENCODE, NANOPB);
  }
  return true;
}

/* ---- Running and reporting --------------------------------------------- */

static bool run_rounds(void)
{
  for (int round = -1; round < ROUNDS; round++) {
    size_t first = round < 0 ? 0 : (size_t)round % cell_count;

    for (size_t k = 0; k < cell_count; k++) {
      cell *c = &cells[(first + k) % cell_count];
      double ns = run_cell(c);

      if (ns < 0) {
        fprintf(stderr, "bench: %s %s %s failed\n", msg_names[c->msg],
                c->op == DECODE ? "decode" : "encode", impl_names[c->impl]);
        return false;
      }
      if (round >= 0)
        c->ns[round] = ns;
    }
  }
  for (size_t k = 0; k < cell_count; k++) {
    cell *c = &cells[k];
    const cell *b = baseline_of(c);

    for (int r = 0; r < ROUNDS; r++)
      c->ratio[r] = c->ns[r] / b->ns[r];
  }
  return true;
}

static void print_table(void)
{
  printf("\n%-3s %-6s %-19s %7s %10s %22s %19s %18s\n", "msg", "op",
         "implementation", "bytes", "ns/op med", "p25 .. p75 (min)",
         "MB/s med [IQR]", "x boundwire [IQR]");
  for (size_t k = 0; k < cell_count; k++) {
    const cell *c = &cells[k];
    summary t = summarize(c->ns);
    summary q = summarize(c->ratio);
    const char *op_name = c->impl == MEMCPY ? "copy"
                          : c->op == DECODE ? "decode"
                                            : "encode";
    double bytes = (double)messages[c->msg].len;
    char spread[64], rate[64], ratio[64];

    if (k > 0 && c->msg != cells[k - 1].msg)
      printf("\n");
    snprintf(spread, sizeof spread, "%.0f .. %.0f (%.0f)", t.p25, t.p75,
             t.min);
    /* The faster quartile of times is the higher one of rates. */
    snprintf(rate, sizeof rate, "%.0f [%.0f-%.0f]", bytes / t.med * 1e3,
             bytes / t.p75 * 1e3, bytes / t.p25 * 1e3);
    if (c->impl == BW_COPY)
      snprintf(ratio, sizeof ratio, "baseline");
    else
      snprintf(ratio, sizeof ratio, "%.2f [%.2f-%.2f]", q.med, q.p25,
               q.p75);
    printf("%-3s %-6s %-19s %7zu %10.0f %22s %19s %18s\n",
           msg_names[c->msg], op_name, impl_names[c->impl],
           messages[c->msg].len, t.med, spread, rate, ratio);
  }
  printf("\nns/op: median over the rounds, quartiles and the fastest "
         "round.  MB/s: 10^6 bytes of\nencoded message per second.  "
         "x boundwire: this row's time over boundwire (copy)'s\nfor the "
         "same message and operation, median of the per-round ratios "
         "[quartiles];\nabove 1 means boundwire is faster.  memcpy rows "
         "compare with the decode.\nboundwire's decodes check every rule "
         "of the schema and UTF-8, and its encodes\nvalidate first; the "
         "peers check no rule and, as Debian builds them, no UTF-8.\n");
}

/* Prints a goal line: met when FIGURE reaches TARGET. */
static void goal(const char *what, double figure, double target,
                 const char *unit)
{
  printf("goal: %s: %s (%.2f%s, target %.2f%s)\n", what,
         figure >= target ? "met" : "missed", figure, unit, target, unit);
}

static void print_goals(void)
{
  summary m1_pbc = summarize(find(BENCH_M1, DECODE, PBC_ARENA)->ratio);
  summary m1_pbc_malloc =
      summarize(find(BENCH_M1, DECODE, PBC_MALLOC)->ratio);
  summary m1_nanopb = summarize(find(BENCH_M1, DECODE, NANOPB)->ratio);
  summary m2_bw = summarize(find(BENCH_M2, DECODE, BW_COPY)->ns);
  summary m2_pbc = summarize(find(BENCH_M2, DECODE, PBC_ARENA)->ratio);
  summary m2_pbc_malloc =
      summarize(find(BENCH_M2, DECODE, PBC_MALLOC)->ratio);
  char text[160];

  printf("\n");
  snprintf(text, sizeof text,
           "M1 decode+validate >= 3x protobuf-c (arena; malloc: %.2fx)",
           m1_pbc_malloc.med);
  goal(text, m1_pbc.med, 3, "x");
  goal("M1 decode+validate >= 6x nanopb", m1_nanopb.med, 6, "x");
  snprintf(text, sizeof text,
           "M2 decode+validate >= 1 GB/s (fastest round: %.2f GB/s)",
           (double)messages[BENCH_M2].len / m2_bw.min);
  goal(text, (double)messages[BENCH_M2].len / m2_bw.med, 1, " GB/s");
  snprintf(text, sizeof text,
           "M2 decode+validate >= 5x protobuf-c (arena; malloc: %.2fx)",
           m2_pbc_malloc.med);
  goal(text, m2_pbc.med, 5, "x");
}

int main(void)
{
  double start = now_ns();

  printf("boundwire benchmark: %d rounds (after one warm-up), %zu/%zu/%zu "
         "operations per cell and round for M1/M2/M4\n",
         ROUNDS, iterations[BENCH_M1], iterations[BENCH_M2],
         iterations[BENCH_M4]);
  if (!set_up() || !run_rounds())
    return 1;
  print_table();
  print_goals();
  printf("\nbench: timed part took %.1f s\n", (now_ns() - start) / 1e9);
  return 0;
}
