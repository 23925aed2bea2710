"""What the Ray suite's workers run: payloads, tasks and an actor.

Workers import this file, which the suite ships to them through the
runtime_env's py_modules; the drivers (pytest, and attack_driver.py
for the unguarded session) import it from this folder.  The generated
module shop_v1 is imported lazily, since the unguarded driver has it
but never needs it.
"""

from __future__ import annotations

import os
import shlex
from typing import Any

import ray


def _touch_command(path: str) -> str:
    return "touch " + shlex.quote(path)


class Marker:
    """The classic pickle attack, made harmless: unpickling it runs a
    shell command, which creates the file PATH instead of doing harm."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (_touch_command(self.path),))


class MarkerError(Exception):
    """The same attack, riding on an exception a task raises."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (_touch_command(self.path),))


class OutOfStock(Exception):
    """An application's own exception, which the guard refuses until it
    is allowed."""


class Forged:
    """Pickles as a boundwire decoder applied to bytes of its choosing:
    what a sender does to pass a value that breaks the schema."""

    def __init__(self, decoder: Any, data: bytes) -> None:
        self.decoder = decoder
        self.data = data

    def __reduce__(self) -> tuple[Any, ...]:
        return (self.decoder, (self.data,))


@ray.remote
def type_name(value: Any) -> str:
    """The name of the type the worker received."""
    return type(value).__name__


@ray.remote
def echo(value: Any) -> Any:
    """Returns its argument, which Ray pickles again."""
    return value


@ray.remote
def return_marker(path: str) -> Marker:
    """Returns an attack: the receiver unpickles it."""
    return Marker(path)


@ray.remote
def raise_marker(path: str) -> None:
    """Raises an attack: the receiver unpickles the exception."""
    raise MarkerError(path)


@ray.remote
def raise_out_of_stock() -> None:
    """Raises an exception of the application's."""
    raise OutOfStock("sku tea")


@ray.remote
def divide_by_zero() -> float:
    """Raises a builtin exception."""
    return 1 / 0


@ray.remote
def encode_order(qty: int) -> bytes:
    """Encodes an order of QTY units, which fails past 1000."""
    import shop_v1
    return bytes(shop_v1.Order(items=[item("tea", qty)]).encode())


@ray.remote
def module_file(name: str) -> str:
    """Where the worker imports the module NAME from."""
    import importlib
    return str(importlib.import_module(name).__file__)


def item(sku: str, qty: int) -> Any:
    """A shop_v1.Item of one euro a unit."""
    import common_money
    import shop_v1
    price = common_money.Money(currency="EUR", units=1, nanos=0)
    return shop_v1.Item(sku=sku, qty=qty, price=price)


@ray.remote
def add_item(order: Any, sku: str) -> Any:
    """A copy of ORDER, a shop_v1.Order, with one more item."""
    order.items = [*order.items, item(sku, 1)]
    return order


@ray.remote
class Ledger:
    """An actor keeping the orders it is given."""

    def __init__(self) -> None:
        self.orders: list[Any] = []

    def record(self, order: Any) -> int:
        self.orders.append(order)
        return len(self.orders)

    def last(self) -> Any:
        return self.orders[-1]


def attack_put_get(path: str) -> Any:
    """The driver puts the payload and gets it back."""
    return ray.get(ray.put(Marker(path)))


def attack_argument(path: str) -> Any:
    """The payload is a task's argument, unpickled by the worker."""
    return ray.get(type_name.remote(Marker(path)))


def attack_object_ref(path: str) -> Any:
    """The payload reaches the worker as an ObjectRef argument."""
    return ray.get(type_name.remote(ray.put(Marker(path))))


def attack_return(path: str) -> Any:
    """A task returns the payload; the driver unpickles it."""
    return ray.get(return_marker.remote(path))


def attack_exception(path: str) -> Any:
    """A task raises the payload; the driver unpickles the exception."""
    return ray.get(raise_marker.remote(path))


ATTACKS = {
    "put_get": attack_put_get,
    "argument": attack_argument,
    "object_ref": attack_object_ref,
    "return": attack_return,
    "exception": attack_exception,
}

