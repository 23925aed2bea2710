/* messages.c: the benchmark messages, and boundwire's side of the runs.
 *
 * Each message is built by a generator from a fixed seed, so every run
 * and every machine measures the same bytes.  The text mixes ASCII with
 * some accented and non-Latin names, as real user data does, so that the
 * UTF-8 checks see more than the ASCII fast path.  Every string stays
 * within its schema bound in bytes as well as in code points: nanopb's
 * fixed buffers are sized from the bounds (see README.md).
 */
#include "bench.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.bw.h"
#include "tree.bw.h"
#include "users.bw.h"

#define MIB ((size_t)1024 * 1024)

/* The built values and the memory their strings and arrays live in. */
static bench_record_Record m1_value;
static bench_users_UserBatch m2_value;
static bench_tree_Tree m4_value;
static bw_arena build_arena;

/* Room for one decode of any message, copies of its strings included. */
#define DECODE_ARENA_SIZE (32 * MIB)
static unsigned char *decode_mem;

/* ---- Random numbers ---------------------------------------------------- */

/* splitmix64: small, fast and good enough to vary test data. */
static uint64_t rng_state;

static void rng_seed(uint64_t seed)
{
  rng_state = seed;
}

static uint64_t rng_next(void)
{
  uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* Returns a number from 0 to N - 1; N > 0. */
static uint32_t rng_below(uint32_t n)
{
  return (uint32_t)(rng_next() % n);
}

/* Returns true with probability PERCENT / 100. */
static bool rng_chance(unsigned percent)
{
  return rng_below(100) < percent;
}

static double rng_unit(void)
{
  return (double)(rng_next() >> 11) / (double)(UINT64_C(1) << 53);
}

#define PICK(list) ((list)[rng_below(sizeof(list) / sizeof((list)[0]))])

/* ---- Building values --------------------------------------------------- */

static void *build_alloc(size_t size)
{
  void *p = bw_arena_alloc(&build_arena, size > 0 ? size : 1, 16);

  if (p == NULL) {
    fprintf(stderr, "bench: the build arena is too small\n");
    exit(1);
  }
  return p;
}

/* Returns a bw_str holding a copy of the LEN bytes at TEXT. */
static bw_str str_of(const char *text, size_t len)
{
  char *copy = build_alloc(len + 1);

  memcpy(copy, text, len);
  copy[len] = '\0';
  return (bw_str){ copy, len };
}

#if defined(__GNUC__) || defined(__clang__)
#define PRINTF_LIKE __attribute__((format(printf, 1, 2)))
#else
#define PRINTF_LIKE
#endif

/* Returns a bw_str of the formatted text, which must fit 512 bytes. */
static PRINTF_LIKE bw_str str_printf(const char *format, ...)
{
  char text[512];
  va_list ap;
  int n;

  va_start(ap, format);
  n = vsnprintf(text, sizeof text, format, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof text) {
    fprintf(stderr, "bench: generated text too long\n");
    exit(1);
  }
  return str_of(text, (size_t)n);
}

static bw_bytes random_bytes(size_t len)
{
  uint8_t *data = build_alloc(len);

  for (size_t i = 0; i < len; i++)
    data[i] = (uint8_t)rng_next();
  return (bw_bytes){ data, len };
}

/* Words from which text is made: mostly ASCII, some not. */
static const char *const words[] = {
  "data",    "wire",   "schema", "bound",  "limit",   "value", "field",
  "record",  "stream", "tree",   "node",   "branch",  "leaf",  "café",
  "naïve",   "über",   "rôle",   "fiancé", "smörgås", "the",   "of",
  "and",     "to",     "with",   "every",  "decoder", "byte",  "check",
  "trusted", "never",  "fast",   "small",  "fixed",   "seed",  "east",
};

/* Appends words to BUF (SIZE bytes) until about TARGET bytes are used. */
static size_t sentence(char *buf, size_t size, size_t target)
{
  size_t len = 0;

  if (target >= size)
    target = size - 1;
  while (len < target) {
    const char *w = PICK(words);
    size_t n = strlen(w);

    if (len + n + 1 > target)
      break;
    if (len > 0)
      buf[len++] = ' ';
    memcpy(buf + len, w, n);
    len += n;
  }
  buf[len] = '\0';
  return len;
}

/* ---- M1: one record ---------------------------------------------------- */

/* The payload length is chosen so that M1 encodes to this many bytes. */
#define M1_TARGET_BYTES 300

static void build_m1(void)
{
  bench_record_Record *r = &m1_value;
  size_t size;
  bw_error err;

  rng_seed(1);
  memset(r, 0, sizeof *r);
  r->enabled = true;
  r->priority = (int8_t)((int)rng_below(40) - 20);
  r->delta = (int16_t)(rng_below(60000) - 30000);
  r->offset = (int32_t)(rng_next() >> 33) - (1 << 29);
  r->timestamp = INT64_C(1700000000000000000) +
                 (int64_t)(rng_next() >> 8);
  r->flags = (uint8_t)(rng_below(255) + 1);
  r->port = (uint16_t)(rng_below(64000) + 1024);
  r->count = rng_below(1000000) + 1;
  r->id = rng_next() | (UINT64_C(1) << 63);
  r->ratio = (float)rng_unit();
  r->value = (rng_unit() - 0.5) * 1e6;
  r->raw = rng_unit() * 4096.0;
  r->name = str_printf("sensor %" PRIu32 " Zürich north-east wing, rack %"
                       PRIu32, rng_below(9000) + 1000, rng_below(90) + 10);
  r->level = bench_record_Level_warning;
  r->has_parent_id = true;
  r->parent_id = rng_next() >> 4;

  /* Size without a payload, then a payload filling up to the target
   * (its length prefix takes two bytes for 128 to 16383). */
  if (!bench_record_Record_encoded_size(r, &size, &err)) {
    fprintf(stderr, "bench: M1 does not validate\n");
    exit(1);
  }
  r->payload = random_bytes(M1_TARGET_BYTES - size - 1 - 2);
}

/* ---- M2: a batch of users --------------------------------------------- */

#define M2_USERS 1000

/* A display name and the ASCII handle its e-mail address uses. */
typedef struct person_name {
  const char *display;
  const char *handle;
} person_name;

static const person_name first_names[] = {
  { "Ada", "ada" },       { "Alan", "alan" },     { "Grace", "grace" },
  { "Linus", "linus" },   { "Margaret", "meg" },  { "Ken", "ken" },
  { "Barbara", "barb" },  { "Edsger", "edsger" }, { "Frances", "fran" },
  { "José", "jose" },     { "Zoë", "zoe" },       { "Søren", "soren" },
  { "Łukasz", "lukasz" }, { "Amélie", "amelie" }, { "Jürgen", "jurgen" },
  { "Björn", "bjorn" },   { "Noor", "noor" },     { "Hiro", "hiro" },
  { "Mei", "mei" },       { "Олег", "oleg" },     { "Ngozi", "ngozi" },
  { "Priya", "priya" },   { "Tomás", "tomas" },   { "Kwame", "kwame" },
  { "陽菜", "hina" },     { "Yusuf", "yusuf" },
};

static const person_name last_names[] = {
  { "Lovelace", "lovelace" }, { "Turing", "turing" },
  { "Hopper", "hopper" },     { "Hamilton", "hamilton" },
  { "Thompson", "thompson" }, { "Liskov", "liskov" },
  { "Dijkstra", "dijkstra" }, { "García", "garcia" },
  { "Müller", "muller" },     { "Nowak", "nowak" },
  { "Dubois", "dubois" },     { "Schäfer", "schafer" },
  { "Lindqvist", "lindqvist" }, { "Haddad", "haddad" },
  { "Tanaka", "tanaka" },     { "Chen", "chen" },
  { "Иванова", "ivanova" },   { "Okafor", "okafor" },
  { "Sharma", "sharma" },     { "Silva", "silva" },
  { "Mensah", "mensah" },     { "López", "lopez" },
};

static const char *const domains[] = {
  "example.com", "mail.example.org", "corp.example.net", "example.fr",
};

static const char *const cities[] = {
  "Paris",  "Lyon",     "Berlin",    "Köln",    "São Paulo", "Zürich",
  "Kraków", "Malmö",    "Tokyo",     "Lagos",   "Toronto",   "Austin",
  "Porto",  "Montréal", "Reykjavík", "Nairobi", "Seoul",     "Oslo",
};

static const char *const regions[] = {
  "Île-de-France", "Bavaria",    "Ontario",    "Texas",
  "Québec",        "Lagos State", "Kantō",     "Nouvelle-Aquitaine",
};

static const char *const street_names[] = {
  "Oak",   "Maple",   "Station", "Church", "Mill", "Park",
  "Lake",  "Hill",    "Königs",  "Rosière", "Harbour", "Elm",
};

static const char *const street_kinds[] = {
  "Street", "Road", "Avenue", "Lane", "Way", "Boulevard",
};

static const char *const countries[] = {
  "FR", "DE", "BR", "CH", "PL", "SE", "JP", "NG", "CA", "US", "PT", "KE",
};

static const char *const tag_words[] = {
  "beta",  "premium", "staff", "verified", "early-adopter", "newsletter",
  "mobile", "eu",     "trial", "vip",      "support",       "partner",
};

static void build_address(bench_users_Address *a)
{
  memset(a, 0, sizeof *a);
  a->kind = (bench_users_AddressKind)rng_below(4);
  a->street = str_printf("%" PRIu32 " %s %s", rng_below(999) + 1,
                         PICK(street_names), PICK(street_kinds));
  a->city = str_printf("%s", PICK(cities));
  if (rng_chance(60)) {
    a->has_region = true;
    a->region = str_printf("%s", PICK(regions));
  }
  a->postal_code = str_printf("%05" PRIu32, rng_below(100000));
  a->country = str_printf("%s", PICK(countries));
}

static void build_user(bench_users_User *u, uint64_t id)
{
  const person_name *first = &PICK(first_names);
  const person_name *last = &PICK(last_names);
  char text[512];

  memset(u, 0, sizeof *u);
  u->id = id;
  u->name = str_printf("%s %s", first->display, last->display);
  u->email = str_printf("%s.%s%" PRIu32 "@%s", first->handle, last->handle,
                        rng_below(100), PICK(domains));
  if (rng_chance(70)) {
    u->has_age = true;
    u->age = (uint8_t)(13 + rng_below(78));
  }
  u->role = rng_chance(85) ? bench_users_Role_member
                           : (bench_users_Role)(1 + rng_below(2));
  u->active = rng_chance(80);
  if (rng_chance(50)) {
    u->has_phone = true;
    u->phone = str_printf("+%" PRIu32 " %03" PRIu32 " %03" PRIu32
                          " %04" PRIu32, rng_below(98) + 1,
                          rng_below(1000), rng_below(1000),
                          rng_below(10000));
  }
  if (rng_chance(40)) {
    u->has_bio = true;
    u->bio = str_of(text, sentence(text, sizeof text, 20 + rng_below(160)));
  }
  u->created_at = INT64_C(1500000000000) + (int64_t)rng_below(2000000000) *
                  100;
  u->addresses.count = rng_below(4);
  if (u->addresses.count > 0) {
    u->addresses.items =
        build_alloc(u->addresses.count * sizeof *u->addresses.items);
    for (size_t i = 0; i < u->addresses.count; i++)
      build_address(&u->addresses.items[i]);
  }
  u->tags.count = rng_below(4);
  if (u->tags.count > 0) {
    u->tags.items = build_alloc(u->tags.count * sizeof *u->tags.items);
    for (size_t i = 0; i < u->tags.count; i++)
      u->tags.items[i] = str_printf("%s", PICK(tag_words));
  }
}

static void build_m2(void)
{
  bench_users_UserBatch *b = &m2_value;

  rng_seed(2);
  memset(b, 0, sizeof *b);
  b->users.count = M2_USERS;
  b->users.items = build_alloc(M2_USERS * sizeof *b->users.items);
  for (size_t i = 0; i < M2_USERS; i++)
    build_user(&b->users.items[i], 100000 + i * 7 + rng_below(7));
}

/* ---- M4: a tree -------------------------------------------------------- */

#define M4_NODES 1000
#define M4_DEPTH 13
#define M4_MAX_CHILDREN 64

/* The tree's shape first: node 0 is the root, nodes 1 to M4_DEPTH - 1
 * make one path of full depth, and every later node hangs from a random
 * earlier one that is not at the last level and has room for a child.
 * Nodes with children become branches; the others are leaves. */
typedef struct tree_shape {
  uint32_t parent[M4_NODES];
  uint32_t depth[M4_NODES];
  uint32_t children[M4_NODES];
  bench_tree_Node *slot[M4_NODES];
} tree_shape;

static void shape_tree(tree_shape *s)
{
  memset(s, 0, sizeof *s);
  s->depth[0] = 1;
  for (uint32_t i = 1; i < M4_NODES; i++) {
    uint32_t p = i - 1;

    if (i >= M4_DEPTH) {
      do
        p = rng_below(i);
      while (s->depth[p] >= M4_DEPTH || s->children[p] >= M4_MAX_CHILDREN);
    }
    s->parent[i] = p;
    s->depth[i] = s->depth[p] + 1;
    s->children[p]++;
  }
}

static void build_leaf(bench_tree_Node *n)
{
  char text[128];

  switch (rng_below(5)) {
  case 0:
    n->which = bench_tree_Node_is_integer;
    n->u.integer = (int64_t)(rng_next() >> rng_below(64)) -
                   (int64_t)rng_below(1000);
    break;
  case 1:
    n->which = bench_tree_Node_is_real;
    n->u.real = (rng_unit() - 0.5) * 1e3;
    break;
  case 2:
    n->which = bench_tree_Node_is_text;
    n->u.text = str_of(text, sentence(text, sizeof text, 4 + rng_below(40)));
    break;
  case 3:
    n->which = bench_tree_Node_is_flag;
    n->u.flag = rng_chance(50);
    break;
  default:
    n->which = bench_tree_Node_is_blob;
    n->u.blob = random_bytes(4 + rng_below(60));
    break;
  }
}

static void build_m4(void)
{
  static const char *const labels[] = {
    "group", "sequence", "choice", "section", "item", "entry", "part",
  };
  static tree_shape s;
  bench_tree_Tree *t = &m4_value;

  rng_seed(4);
  shape_tree(&s);
  memset(t, 0, sizeof *t);
  t->name = str_printf("bench tree");
  t->root = build_alloc(sizeof *t->root);
  s.slot[0] = t->root;

  /* Parents come before their children, so each node's slot is known
   * when its turn comes. */
  for (uint32_t i = 0; i < M4_NODES; i++) {
    bench_tree_Node *n = s.slot[i];

    memset(n, 0, sizeof *n);
    if (s.children[i] == 0) {
      build_leaf(n);
      continue;
    }
    bench_tree_Branch *b = build_alloc(sizeof *b);
    memset(b, 0, sizeof *b);
    b->label = str_printf("%s %" PRIu32, PICK(labels), i);
    b->kind = (bench_tree_Kind)rng_below(3);
    b->children.items = build_alloc(s.children[i] * sizeof(bench_tree_Node));
    for (uint32_t j = i + 1; j < M4_NODES; j++) {
      if (s.parent[j] == i)
        s.slot[j] = &b->children.items[b->children.count++];
    }
    n->which = bench_tree_Node_is_branch;
    n->u.branch = b;
  }
}

/* ---- Encoding and checking -------------------------------------------- */

static const bw_type *const types[BENCH_MSG_COUNT] = {
  &bench_record_Record_type,
  &bench_users_UserBatch_type,
  &bench_tree_Tree_type,
};

static const void *const values[BENCH_MSG_COUNT] = {
  &m1_value,
  &m2_value,
  &m4_value,
};

static bool report(const char *what, bench_msg_id id, const bw_error *err)
{
  char text[512];

  bw_error_format(err, text, sizeof text);
  fprintf(stderr, "bench: M%d: %s failed: %s\n", id == BENCH_M4 ? 4 : id + 1,
          what, text);
  return false;
}

static bool setup_memory(void)
{
  static unsigned char *build_mem;

  if (decode_mem != NULL)
    return true;
  build_mem = malloc(64 * MIB);
  decode_mem = malloc(DECODE_ARENA_SIZE);
  if (build_mem == NULL || decode_mem == NULL) {
    fprintf(stderr, "bench: out of memory\n");
    return false;
  }
  bw_arena_init(&build_arena, build_mem, 64 * MIB);
  build_m1();
  build_m2();
  build_m4();
  return true;
}

bool bench_make_message(bench_msg_id id, bench_bytes *out)
{
  const bw_type *type = types[id];
  bw_error err;
  bw_arena arena;
  size_t size;
  size_t again;
  void *copy;
  uint8_t *bytes2;

  if (!setup_memory())
    return false;
  if (!type->encoded_size(values[id], &size, &err))
    return report("sizing", id, &err);
  out->data = malloc(size);
  bytes2 = malloc(size);
  copy = malloc(type->size);
  if (out->data == NULL || bytes2 == NULL || copy == NULL)
    return report("malloc", id, &err);
  if (!type->encode(values[id], out->data, size, &out->len, &err))
    return report("encoding", id, &err);

  /* The bytes must come back as they went. */
  bw_arena_init(&arena, decode_mem, DECODE_ARENA_SIZE);
  if (!type->decode(copy, out->data, out->len, &arena, NULL, &err))
    return report("decoding", id, &err);
  if (!type->encode(copy, bytes2, size, &again, &err))
    return report("encoding the decoded value", id, &err);
  if (again != out->len || memcmp(bytes2, out->data, again) != 0) {
    fprintf(stderr, "bench: message %d does not round-trip\n", (int)id);
    return false;
  }
  free(bytes2);
  free(copy);
  return true;
}

/* ---- Timed runs -------------------------------------------------------- */

/* The output of the timed decodes; a static keeps it off the stack. */
static union {
  bench_record_Record m1;
  bench_users_UserBatch m2;
  bench_tree_Tree m4;
} decoded;

#define DECODE_LOOP(fn, field)                                              \
  for (size_t i = 0; i < iters; i++) {                                      \
    bw_arena_reset(&arena);                                                 \
    if (!fn(&decoded.field, data, len, &arena, &options, &err))             \
      return report("decoding", id, &err);                                  \
  }

bool bench_bw_decode(bench_msg_id id, const uint8_t *data, size_t len,
                     size_t iters, bool view)
{
  bw_decode_options options = { view ? BW_DECODE_VIEW : 0u, 0, 0 };
  bw_arena arena;
  bw_error err;

  bw_arena_init(&arena, decode_mem, DECODE_ARENA_SIZE);
  switch (id) {
  case BENCH_M1:
    DECODE_LOOP(bench_record_Record_decode, m1);
    break;
  case BENCH_M2:
    DECODE_LOOP(bench_users_UserBatch_decode, m2);
    break;
  default:
    DECODE_LOOP(bench_tree_Tree_decode, m4);
    break;
  }
  return true;
}

#define ENCODE_LOOP(fn, value)                                              \
  for (size_t i = 0; i < iters; i++) {                                      \
    if (!fn(&value, buf, cap, len, &err))                                   \
      return report("encoding", id, &err);                                  \
  }

bool bench_bw_encode(bench_msg_id id, size_t iters, uint8_t *buf,
                     size_t cap, size_t *len)
{
  bw_error err;

  switch (id) {
  case BENCH_M1:
    ENCODE_LOOP(bench_record_Record_encode, m1_value);
    break;
  case BENCH_M2:
    ENCODE_LOOP(bench_users_UserBatch_encode, m2_value);
    break;
  default:
    ENCODE_LOOP(bench_tree_Tree_encode, m4_value);
    break;
  }
  return true;
}
