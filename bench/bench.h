/* bench.h: what the benchmark's parts share.
 *
 * The benchmark is split by library: boundwire's generated headers,
 * protobuf-c's and nanopb's each declare types for the same schemas, some
 * under the same names, so each peer lives in its own file and is reached
 * through the plain functions below.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The benchmark messages.  M1: one record of sixteen mixed fields, about
 * 300 bytes (record.bw).  M2: 1000 users with strings, optional fields
 * and nested addresses, about 200 KB (users.bw).  M4: a tree of 1000
 * tagged-variant nodes, 13 levels deep (tree.bw). */
typedef enum bench_msg_id {
  BENCH_M1,
  BENCH_M2,
  BENCH_M4,
  BENCH_MSG_COUNT
} bench_msg_id;

/* A message in its canonical encoding, as boundwire wrote it. */
typedef struct bench_bytes {
  uint8_t *data;
  size_t len;
} bench_bytes;

/* messages.c: builds message ID from its fixed seed, encodes it with
 * boundwire into *OUT (malloc'd; free it) and checks that decoding those
 * bytes and encoding the result again gives the same bytes.  Returns
 * false, after printing why, when any step fails. */
bool bench_make_message(bench_msg_id id, bench_bytes *out);

/* Decodes the LEN bytes at DATA as message ID with boundwire, ITERS
 * times, into an arena that is reset before each decode; VIEW selects
 * BW_DECODE_VIEW.  Returns false on the first failure. */
bool bench_bw_decode(bench_msg_id id, const uint8_t *data, size_t len,
                     size_t iters, bool view);

/* Encodes message ID with boundwire ITERS times into BUF (CAP bytes),
 * validation included as in every boundwire encode, and stores the
 * length written in *LEN. */
bool bench_bw_encode(bench_msg_id id, size_t iters, uint8_t *buf,
                     size_t cap, size_t *len);

/* peer_pbc.c: protobuf-c.  Setup decodes the canonical bytes once and
 * keeps the result for the encode runs.  Decoding uses either a bump
 * allocator reset before each decode (ARENA) or protobuf-c's default,
 * malloc, with free_unpacked after each decode. */
bool bench_pbc_setup(bench_msg_id id, const uint8_t *data, size_t len);
bool bench_pbc_decode(bench_msg_id id, const uint8_t *data, size_t len,
                      size_t iters, bool arena);
bool bench_pbc_encode(bench_msg_id id, size_t iters, uint8_t *buf,
                      size_t cap, size_t *len);

/* peer_nanopb.c: nanopb, the same three. */
bool bench_nanopb_setup(bench_msg_id id, const uint8_t *data, size_t len);
bool bench_nanopb_decode(bench_msg_id id, const uint8_t *data, size_t len,
                         size_t iters);
bool bench_nanopb_encode(bench_msg_id id, size_t iters, uint8_t *buf,
                         size_t cap, size_t *len);

#endif
