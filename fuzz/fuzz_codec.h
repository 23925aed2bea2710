/* fuzz_codec.h: decoding and encoding for the codec fuzz targets.
 *
 * fuzz_decode and fuzz_roundtrip drive the decoders bwc generates for
 * the schemas listed in fuzz_types.h.  Both read a type selector off the
 * front of the input, decode and encode with the same checks, and end
 * in fuzz_fail() (which aborts) on anything a correct codec never does.
 *
 * Every decode gets the arena its type's arena_bound promises suffices
 * (up to FUZZ_ARENA_CAP), so running out of it is a finding; in a build
 * that counts work (work_count.h) every decode and encode must also stay
 * within work_bound() of the input's length.
 */
#ifndef BW_FUZZ_CODEC_H
#define BW_FUZZ_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <boundwire.h>

enum {
  /* A first byte of 0xFF selects a type by name (see fuzz_select). */
  FUZZ_SELECT_BY_NAME = 0xFF,
  /* The most arena a decode gets.  A type's arena_bound promises that
   * its bound never runs out; a bound above this cap cannot be given,
   * and then running out is a clean error rather than a finding. */
  FUZZ_ARENA_CAP = 64 * 1024 * 1024,
  FUZZ_TEXT_SIZE = 512
};

/* One decode of a message and, when it succeeded, its encoding. */
typedef struct fuzz_run {
  unsigned flags;
  bool ok;
  bw_error err;
  char text[FUZZ_TEXT_SIZE];  /* the formatted error, when !ok */
  void *value;
  void *arena_buf;
  bw_arena arena;
  bool capped;                /* the arena is smaller than promised */
  uint8_t *enc;               /* the canonical encoding, when ok */
  size_t enc_len;
} fuzz_run;

/* Reads the selector off the front of *DATA and returns the type it
 * picks, or NULL for an input that selects nothing (empty, or a name
 * that is unknown or unended).  A first byte below 0xFF picks the type
 * at that index, modulo the count; 0xFF is followed by a qualified name
 * and a NUL, a form that keeps naming the same type when schemas are
 * added (saved regressions use it). */
const bw_type *fuzz_select(const uint8_t **data, size_t *size);

/* Reports WHAT about the type being fuzzed (and R, if not NULL) on
 * stderr and aborts. */
_Noreturn void fuzz_fail(const char *what, const fuzz_run *r);

/* Decodes LEN bytes at DATA as type T with FLAGS into R, then, when the
 * decode succeeded, encodes the value into R->enc.  Copy mode decodes a
 * private copy of the input that is freed before the value is encoded,
 * so a string still pointing into the input is a use after free that
 * AddressSanitizer reports. */
void fuzz_run_decode(const bw_type *t, const uint8_t *data, size_t len,
                     unsigned flags, fuzz_run *r);

void fuzz_release(fuzz_run *r);

/* R failed because a capped arena ran out: not comparable. */
bool fuzz_exhausted(const fuzz_run *r);

bool fuzz_same_encoding(const fuzz_run *a, const fuzz_run *b);

/* A and B decoded the same bytes in modes that must agree on the
 * verdict, the error text and the value, unless one of them ran out of
 * a capped arena (copy mode takes more than view mode); fails with
 * WHAT otherwise. */
void fuzz_check_same(const fuzz_run *a, const fuzz_run *b,
                     const char *what);

#endif
