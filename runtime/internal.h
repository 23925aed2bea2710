/* internal.h: helpers shared by the runtime's own files.
 *
 * Nothing here is part of the public API.  The names start with bwi_,
 * which the link step does not export (see runtime/local.mk).
 */
#ifndef BW_INTERNAL_H
#define BW_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Returns the length (1 to 4) of the well-formed UTF-8 sequence that
 * starts at S, of which LEN bytes are available, or 0 when S does not
 * start one.  LEN must be at least 1. */
size_t bwi_utf8_sequence(const uint8_t *s, size_t len);

/* Returns the largest length <= LEN at which the UTF-8 text at S can be
 * cut without splitting a sequence. */
size_t bwi_utf8_cut(const uint8_t *s, size_t len);

#endif
