/* peer_nanopb.c: nanopb on the benchmark messages.
 *
 * The code comes from nanopb's generator run on the .proto files bwc
 * exports, with the .options files beside this one: fixed-size fields
 * sized from the schema's bounds; a callback for the users of a batch,
 * whose fixed-size array would pass nanopb's 64 kB limit; a malloc'd
 * array for the children of a tree branch, whose recursion rules out a
 * fixed size.
 * Debian's libprotobuf-nanopb is built with PB_ENABLE_MALLOC, which that
 * array needs, and without PB_VALIDATE_UTF8: nanopb checks neither the
 * schema's rules nor UTF-8, so its figures are for decoding alone.
 */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pb_decode.h>
#include <pb_encode.h>

#include "record.pb.h"
#include "tree.pb.h"
#include "users.pb.h"

static const pb_msgdesc_t *const descriptors[BENCH_MSG_COUNT] = {
  bench_record_Record_fields,
  bench_users_UserBatch_fields,
  bench_tree_Tree_fields,
};

static const size_t sizes[BENCH_MSG_COUNT] = {
  sizeof(bench_record_Record),
  sizeof(bench_users_UserBatch),
  sizeof(bench_tree_Tree),
};

/* Only the tree holds memory that nanopb took from malloc. */
static const bool has_pointers[BENCH_MSG_COUNT] = { false, false, true };

/* Each message as setup decoded it, for the encode runs, and the
 * structure the timed decodes fill. */
static void *kept[BENCH_MSG_COUNT];
static void *scratch[BENCH_MSG_COUNT];

/* The users of a batch, which nanopb hands over one by one through the
 * callbacks below (see nanopb/users.options).  Room for the schema's
 * maximum, 10000. */
#define MAX_USERS 10000

typedef struct user_list {
  bench_users_User *items;
  size_t count;
} user_list;

static user_list kept_users, scratch_users;

static bool decode_user(pb_istream_t *stream, const pb_field_t *field,
                        void **arg)
{
  user_list *list = *arg;

  (void)field;
  if (list->count >= MAX_USERS)
    return false;
  return pb_decode(stream, bench_users_User_fields,
                   &list->items[list->count++]);
}

static bool encode_users(pb_ostream_t *stream, const pb_field_t *field,
                         void *const *arg)
{
  const user_list *list = *arg;

  for (size_t i = 0; i < list->count; i++) {
    if (!pb_encode_tag_for_field(stream, field) ||
        !pb_encode_submessage(stream, bench_users_User_fields,
                              &list->items[i]))
      return false;
  }
  return true;
}

/* Points the batch DEST at LIST, emptied, for a decode or an encode. */
static void attach_users(void *dest, user_list *list, bool decode)
{
  bench_users_UserBatch *batch = dest;

  if (decode) {
    list->count = 0;
    batch->users.funcs.decode = decode_user;
  } else {
    batch->users.funcs.encode = encode_users;
  }
  batch->users.arg = list;
}

static bool decode_once(bench_msg_id id, void *dest, const uint8_t *data,
                        size_t len)
{
  pb_istream_t in = pb_istream_from_buffer(data, len);

  if (id == BENCH_M2)
    attach_users(dest, dest == kept[id] ? &kept_users : &scratch_users,
                 true);
  if (pb_decode(&in, descriptors[id], dest))
    return true;
  fprintf(stderr, "bench: nanopb cannot decode message %d: %s\n", id,
          PB_GET_ERROR(&in));
  return false;
}

bool bench_nanopb_setup(bench_msg_id id, const uint8_t *data, size_t len)
{
  kept[id] = calloc(1, sizes[id]);
  scratch[id] = calloc(1, sizes[id]);
  if (kept[id] == NULL || scratch[id] == NULL)
    return false;
  if (id == BENCH_M2) {
    kept_users.items = calloc(MAX_USERS, sizeof(bench_users_User));
    scratch_users.items = calloc(MAX_USERS, sizeof(bench_users_User));
    if (kept_users.items == NULL || scratch_users.items == NULL)
      return false;
  }
  if (!decode_once(id, kept[id], data, len))
    return false;
  if (id == BENCH_M2)
    attach_users(kept[id], &kept_users, false);
  return true;
}

bool bench_nanopb_decode(bench_msg_id id, const uint8_t *data, size_t len,
                         size_t iters)
{
  void *dest = scratch[id];

  for (size_t i = 0; i < iters; i++) {
    if (!decode_once(id, dest, data, len))
      return false;
    if (has_pointers[id])
      pb_release(descriptors[id], dest);
  }
  return true;
}

bool bench_nanopb_encode(bench_msg_id id, size_t iters, uint8_t *buf,
                         size_t cap, size_t *len)
{
  for (size_t i = 0; i < iters; i++) {
    pb_ostream_t out = pb_ostream_from_buffer(buf, cap);

    if (!pb_encode(&out, descriptors[id], kept[id])) {
      fprintf(stderr, "bench: nanopb cannot encode message %d: %s\n", id,
              PB_GET_ERROR(&out));
      return false;
    }
    *len = out.bytes_written;
  }
  return true;
}
