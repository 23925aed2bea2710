/* work_count.c: counts basic blocks entered (see work_count.h).
 *
 * Must be compiled without -fsanitize-coverage, since the callback
 * below would otherwise call itself.  The counter is process-wide: the
 * programs that use it run one decode at a time.
 */
#include "work_count.h"

static uint64_t blocks;

/* Called by code built with -fsanitize-coverage=trace-pc. */
void __sanitizer_cov_trace_pc(void);

void __sanitizer_cov_trace_pc(void)
{
  blocks++;
}

void work_count_reset(void)
{
  blocks = 0;
}

uint64_t work_count_read(void)
{
  return blocks;
}
