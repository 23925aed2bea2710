"""The shop order in Python: the same round trip as demo.c, through the
module `python -m boundwire build` makes from shop.bw.

    python -m boundwire build -I examples/shop examples/shop/shop.bw -o out
    PYTHONPATH=out python examples/shop/demo.py
"""

from __future__ import annotations

import pickle

import common_money
import shop_v1

import boundwire


def main() -> None:
    price = common_money.Money(currency="EUR", units=4, nanos=990000000)
    order = shop_v1.Order(
        id=1001, customer="Ada",
        items=[shop_v1.Item(sku="tea", qty=2, price=price, weight=0.25),
               shop_v1.Item(sku="cup", qty=1000, price=price, weight=0.5)],
        status=shop_v1.Status.paid, note="ring twice", tags={"gift": "yes"})
    data = order.encode()
    assert shop_v1.Order.decode(data) == order
    assert pickle.loads(pickle.dumps(order)) == order
    print(f"order {order.id}: {len(data)} bytes, decoded back equal")
    # qty 1000 is the varint e8 07 after tag 0x10; 2000 is d0 0f.
    tampered = data.replace(b"\x10\xe8\x07", b"\x10\xd0\x0f")
    try:
        shop_v1.Order.decode(tampered)
    except boundwire.DecodeError as e:
        print(f"tampered order refused: {e}")
    else:
        raise SystemExit("the tampered order was accepted")


if __name__ == "__main__":
    main()
