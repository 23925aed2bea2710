"""The order service's Ray tasks and actor, as an application keeps
them: a module of its own that imports the generated module at the top.
pipeline.py ships this file to the workers through the runtime_env."""

from __future__ import annotations

import common_money
import ray
import shop_v1

from boundwire.ray import typed_task

SKUS = ["tea", "cup", "pot", "tray", "spoon"]


def make_orders(count: int) -> list[shop_v1.Order]:
    """COUNT orders of one to three items each, the same every run."""
    orders = []
    for n in range(count):
        items = [
            shop_v1.Item(sku=SKUS[(n + k) % len(SKUS)], qty=1 + n + k,
                         price=common_money.Money(
                             currency="EUR", units=2 + k,
                             nanos=500_000_000),
                         weight=0.25 * (k + 1))
            for k in range(1 + n % 3)]
        orders.append(shop_v1.Order(id=1001 + n, customer=f"customer {n}",
                                    items=items, tags={"channel": "web"}))
    return orders


def price_cents(price: common_money.Money) -> int:
    """PRICE in whole cents."""
    return price.units * 100 + price.nanos // 10_000_000


@typed_task
def checkout(order: shop_v1.Order) -> shop_v1.Event:
    """Marks ORDER paid and announces it.  A typed task: the order comes
    from outside, so it travels as its encoded bytes and is decoded and
    checked in the worker before this body runs."""
    order.status = shop_v1.Status.paid
    return shop_v1.Event(created=order)


@ray.remote
def total_weight(orders: list[shop_v1.Order]) -> float:
    """The shipping weight of ORDERS, which arrive pickled: each one as
    its encoded bytes and the name of its decoder."""
    return sum(i.qty * i.weight for o in orders for i in o.items)


@ray.remote
class Ledger:
    """Keeps the events it is given, and the takings in cents."""

    def __init__(self) -> None:
        self.events: list[shop_v1.Event] = []
        self.cents = 0

    def record(self, event: shop_v1.Event) -> int:
        """Keeps EVENT, an order created; returns how many it holds."""
        order = event.created
        if order is None:
            raise ValueError(f"not an order created: {event!r}")
        self.events.append(event)
        self.cents += sum(i.qty * price_cents(i.price) for i in order.items)
        return len(self.events)

    def takings(self) -> int:
        return self.cents
