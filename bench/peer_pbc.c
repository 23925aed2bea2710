/* peer_pbc.c: protobuf-c on the benchmark messages.
 *
 * The code comes from protoc-c run on the .proto files bwc exports (with
 * proto3 `optional` spelled as the one-member oneof it stands for, which
 * protoc-c 1.4 needs; the wire is the same).  protobuf-c decodes without
 * any of the schema's rules, and libprotobuf-c 1.4 does not check UTF-8
 * either: the figures are for decoding alone.
 */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.pb-c.h"
#include "tree.pb-c.h"
#include "users.pb-c.h"

static const ProtobufCMessageDescriptor *const descriptors[BENCH_MSG_COUNT] = {
  &bench__record__record__descriptor,
  &bench__users__user_batch__descriptor,
  &bench__tree__tree__descriptor,
};

/* Each message as setup decoded it, for the encode runs. */
static ProtobufCMessage *kept[BENCH_MSG_COUNT];

/* A bump allocator, so that the arena runs measure decoding rather than
 * malloc: the same deal boundwire gets from its bw_arena. */
#define BUMP_SIZE ((size_t)64 * 1024 * 1024)

static struct bump {
  unsigned char *base;
  size_t used;
} bump;

static void *bump_alloc(void *data, size_t size)
{
  struct bump *b = data;
  size_t start = (b->used + 15) & ~(size_t)15;

  if (size > BUMP_SIZE - start)
    return NULL;
  b->used = start + size;
  return b->base + start;
}

static void bump_free(void *data, void *pointer)
{
  (void)data;
  (void)pointer;
}

static ProtobufCAllocator bump_allocator = { bump_alloc, bump_free, &bump };

bool bench_pbc_setup(bench_msg_id id, const uint8_t *data, size_t len)
{
  if (bump.base == NULL) {
    bump.base = malloc(BUMP_SIZE);
    if (bump.base == NULL)
      return false;
  }
  kept[id] = protobuf_c_message_unpack(descriptors[id], NULL, len, data);
  if (kept[id] == NULL) {
    fprintf(stderr, "bench: protobuf-c cannot decode message %d\n", id);
    return false;
  }
  return true;
}

bool bench_pbc_decode(bench_msg_id id, const uint8_t *data, size_t len,
                      size_t iters, bool arena)
{
  const ProtobufCMessageDescriptor *desc = descriptors[id];
  ProtobufCAllocator *allocator = arena ? &bump_allocator : NULL;

  for (size_t i = 0; i < iters; i++) {
    ProtobufCMessage *m;

    bump.used = 0;
    m = protobuf_c_message_unpack(desc, allocator, len, data);
    if (m == NULL)
      return false;
    if (!arena)
      protobuf_c_message_free_unpacked(m, NULL);
  }
  return true;
}

bool bench_pbc_encode(bench_msg_id id, size_t iters, uint8_t *buf,
                      size_t cap, size_t *len)
{
  const ProtobufCMessage *m = kept[id];

  for (size_t i = 0; i < iters; i++) {
    size_t size = protobuf_c_message_get_packed_size(m);

    if (size > cap)
      return false;
    *len = protobuf_c_message_pack(m, buf);
  }
  return true;
}
