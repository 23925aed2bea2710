"""Typed tasks on shop_v1, as an application writes them: the generated
module imported at the top, annotations resolved from it.  Imported once
the module is built."""

from __future__ import annotations

import common_money
import shop_v1

from boundwire.ray import typed_task

PEN = shop_v1.Order(id=7, items=[shop_v1.Item(
    sku="pen", qty=1, price=common_money.Money(currency="EUR"))])


@typed_task
def cancel(order: shop_v1.Order) -> shop_v1.Event:
    """The event cancelling ORDER."""
    return shop_v1.Event(cancelled=order.id)


@typed_task(num_cpus=1)
def merge(first: shop_v1.Order,
          second: shop_v1.Order = PEN) -> int:
    """How many items two orders hold; the result is pickled."""
    return len(first.items) + len(second.items)
