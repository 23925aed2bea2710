/* fuzz_types.h: the generated types fuzz_decode drives.
 *
 * gen-decode.sh runs bwc over the fuzz schemas at build time and writes
 * fuzz_types.c, which defines the array below: each file's
 * `<stem>_bw_types` list, in the C locale order of the stems, then NULL.
 * Which schemas exist is only known when the build runs, which is why
 * this list is generated rather than written here.
 */
#ifndef BW_FUZZ_TYPES_H
#define BW_FUZZ_TYPES_H

#include <boundwire.h>

extern const bw_type *const *const fuzz_type_lists[];

#endif
