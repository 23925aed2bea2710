/* internal.h: helpers shared by the runtime's own files.
 *
 * Nothing here is part of the public API.  The names start with bwi_,
 * which the link step does not export (see runtime/local.mk).
 */
#ifndef BW_INTERNAL_H
#define BW_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boundwire.h"

/* Checks the two parts of a field key, first the field number (1 to
 * BW_MAX_FIELD_NUMBER), then the wire type (not a group, not 6 or 7), and
 * records the first that is wrong at offset AT.  The reader and the
 * writer share it so that neither accepts what the other refuses. */
bool bwi_check_key(uint64_t field, uint64_t wire_type, size_t at,
                   bw_error *err);

/* Returns the length (1 to 4) of the well-formed UTF-8 sequence that
 * starts at S, of which LEN bytes are available, or 0 when S does not
 * start one.  LEN must be at least 1. */
size_t bwi_utf8_sequence(const uint8_t *s, size_t len);

/* Returns the largest length <= MAX at which the LEN bytes at S can be
 * cut without splitting a well-formed UTF-8 sequence.  Bytes outside any
 * such sequence count as one character each. */
size_t bwi_utf8_cut(const uint8_t *s, size_t len, size_t max);

#endif
