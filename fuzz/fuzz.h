/* fuzz.h: what every fuzz target and the replay driver share.
 *
 * Each target defines LLVMFuzzerTestOneInput, the entry point libFuzzer
 * calls once per input.  The same object links either with libFuzzer
 * (make fuzz) or with replay_main.c (make check replays the saved
 * regressions), so a target must not depend on which one calls it.
 */
#ifndef BW_FUZZ_H
#define BW_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Runs one input.  Returns 0; a finding ends the process (abort() or a
 * sanitizer report) rather than returning an error. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
