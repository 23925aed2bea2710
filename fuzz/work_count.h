/* work_count.h: how much work a decode does, counted rather than timed.
 *
 * A build that defines FUZZ_COUNT_WORK compiles the code under test with
 * -fsanitize-coverage=trace-pc, which makes the compiler call
 * __sanitizer_cov_trace_pc on entering every basic block, and links
 * work_count.c, which counts those calls (it is compiled without the
 * flag, or it would call itself).  The count depends only on the code
 * and its input, never on the machine's load, so a test can hold it to
 * a bound that a timing could only approach with a wide margin.
 *
 * libFuzzer defines that callback for its own use, so the targets it
 * drives count nothing (work_counted() is false there); make fuzz
 * replays each target's corpus through the counting replay build, and
 * make check replays the saved regressions the same way.
 */
#ifndef BW_FUZZ_WORK_COUNT_H
#define BW_FUZZ_WORK_COUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Linear in the input: a decode or an encode of LEN input bytes enters
 * at most WORK_PER_BYTE * LEN + WORK_BASE basic blocks.  Over the fuzz
 * corpora and the attack catalogue, gcc -O2 code enters at most about
 * 20 blocks a byte (lists of empty structs and map entries cost most)
 * and 700 for the shortest inputs; the bound leaves a factor of ten for
 * other compilers and optimization levels.  Work that grew with the
 * square of a few KiB of input would exceed it many times over. */
enum { WORK_PER_BYTE = 200, WORK_BASE = 10000 };

#ifdef FUZZ_COUNT_WORK
void work_count_reset(void);
uint64_t work_count_read(void);
static inline bool work_counted(void)
{
  return true;
}
#else
static inline void work_count_reset(void)
{
}

static inline uint64_t work_count_read(void)
{
  return 0;
}

static inline bool work_counted(void)
{
  return false;
}
#endif

/* The most work a decode or encode of LEN input bytes may count. */
static inline uint64_t work_bound(size_t len)
{
  return (uint64_t)WORK_PER_BYTE * len + WORK_BASE;
}

#endif
