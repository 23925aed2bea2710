/* demo.c: an order service's view of boundwire from C.
 *
 * Encodes an order, decodes it back from the bytes, then shows what a
 * receiver sees when the bytes break a rule of the schema.  The types
 * and functions come from `bwc --c-out` on shop.bw.
 */
#include <stdio.h>
#include <string.h>

#include "shop.bw.h"

static bw_str str(const char *s)
{
  return (bw_str){ s, strlen(s) };
}

static void build_order(shop_v1_Order *order, shop_v1_Item *items)
{
  const char *skus[] = { "TEA-GREEN-100", "MUG-WHITE", "SPOON-3" };
  for (int i = 0; i < 3; i++) {
    memset(&items[i], 0, sizeof items[i]);
    items[i].sku = str(skus[i]);
    items[i].qty = (uint32_t)(i + 1);
    items[i].price.currency = str("EUR");
    items[i].price.units = 4 + i;
    items[i].weight = 0.25f;
  }
  memset(order, 0, sizeof *order);
  order->id = 1001;
  order->customer = str("Ada");
  order->items.items = items;
  order->items.count = 3;
  order->status = shop_v1_Status_paid;
}

static int report(const char *what, const bw_error *err)
{
  char text[256];
  bw_error_format(err, text, sizeof text);
  printf("%s: %s\n", what, text);
  return 1;
}

int main(void)
{
  shop_v1_Item items[3];
  shop_v1_Order order, back;
  uint8_t wire[1024], arena_mem[4096];
  size_t len;
  bw_error err;

  build_order(&order, items);
  if (!shop_v1_Order_encode(&order, wire, sizeof wire, &len, &err))
    return report("encode", &err);
  printf("order %llu encoded in %zu bytes\n",
         (unsigned long long)order.id, len);

  bw_arena arena;
  bw_arena_init(&arena, arena_mem, sizeof arena_mem);
  if (!shop_v1_Order_decode(&back, wire, len, &arena, NULL, &err))
    return report("decode", &err);
  printf("decoded: %zu items for %.*s, status %s, %zu arena bytes\n",
         back.items.count, (int)back.customer.len, back.customer.data,
         shop_v1_Status_name(back.status), bw_arena_used(&arena));

  /* A sender that skips the rules: the second item's quantity, written
   * as 1000 (field 2: 10 e8 07), becomes 2000 (10 d0 0f) on the wire,
   * above the schema's 1000. */
  items[1].qty = 1000;
  if (!shop_v1_Order_encode(&order, wire, sizeof wire, &len, &err))
    return report("encode", &err);
  for (size_t i = 0; i + 2 < len; i++)
    if (wire[i] == 0x10 && wire[i + 1] == 0xe8 && wire[i + 2] == 0x07) {
      wire[i + 1] = 0xd0;
      wire[i + 2] = 0x0f;
    }
  bw_arena_reset(&arena);
  if (shop_v1_Order_decode(&back, wire, len, &arena, NULL, &err))
    return printf("tampered order was accepted\n"), 1;
  report("tampered order refused", &err);
  return 0;
}
