"""Typed tasks: boundwire values travel as raw bytes and are decoded and
checked in the worker before the body runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import helpers
import pytest
import ray

import boundwire
import boundwire.ray as bwray

pytestmark = pytest.mark.usefixtures("guarded_ray")


@pytest.fixture(scope="module")
def tasks(modules: Path) -> tuple[Any, Any]:
    del modules  # on sys.path now, which typed_tasks needs
    import typed_tasks
    return typed_tasks.cancel, typed_tasks.merge


def order(qty: int = 2) -> Any:
    import shop_v1
    return shop_v1.Order(id=42, items=[helpers.item("tea", qty)])


def test_typed_task_round_trip(tasks: tuple[Any, Any]) -> None:
    import shop_v1
    cancel, _ = tasks
    ref = cancel.remote(order())
    assert cancel.get(ref) == shop_v1.Event(cancelled=42)
    assert cancel.get([ref, cancel.remote(order=order())]) == [
        shop_v1.Event(cancelled=42)] * 2


def test_typed_result_travels_as_raw_bytes(tasks: tuple[Any, Any]) -> None:
    cancel, _ = tasks
    assert type(ray.get(cancel.remote(order()))) is bytes


def test_typed_arguments_arrive_as_bytes(tasks: tuple[Any, Any]) -> None:
    # A value pickled the usual way arrives as an Order, not as bytes:
    # the callee refuses it, so typed calls that work went RAW.
    cancel, _ = tasks
    with pytest.raises(TypeError, match="must arrive as the encoded bytes"):
        ray.get(cancel.remote_function.remote(order()))


def test_typed_task_takes_defaults_and_keywords(
        tasks: tuple[Any, Any]) -> None:
    import shop_v1
    _, merge = tasks
    assert merge.get(merge.remote(order())) == 2
    two = shop_v1.Order(items=[helpers.item("a", 1), helpers.item("b", 1)])
    assert merge.get(merge.remote(second=two, first=order())) == 3


def test_typed_task_chains_object_refs(tasks: tuple[Any, Any]) -> None:
    import shop_v1
    cancel, merge = tasks
    first = ray.put(order().encode())
    assert merge.get(merge.remote(first, order())) == 2
    # An Event's bytes are no Order: the callee's decode says so.
    with pytest.raises(boundwire.DecodeError, match="argument 'order'"):
        ray.get(cancel.remote(cancel.remote(order())))
    assert shop_v1.Event.decode(ray.get(cancel.remote(first))).cancelled == 42


def test_typed_task_refuses_bytes_breaking_schema(
        tasks: tuple[Any, Any]) -> None:
    cancel, _ = tasks
    data = order(qty=5).encode()
    tampered = data.replace(b"\x10\x05", b"\x10\xd0\x0f")
    with pytest.raises(boundwire.DecodeError) as caught:
        ray.get(cancel.remote_function.remote(tampered))
    text = str(caught.value)
    assert "argument 'order': items[0].qty: 2000 is above the maximum" in text


def test_typed_task_caller_validates(tasks: tuple[Any, Any]) -> None:
    cancel, _ = tasks
    with pytest.raises(boundwire.ValidationError, match=r"items\[0\].qty"):
        cancel.remote(order(qty=5000))
    with pytest.raises(TypeError, match="argument 'order' must be"):
        cancel.remote(b"not an order")


def test_typed_task_needs_boundwire_annotations() -> None:
    with pytest.raises(TypeError, match="parameter 'x' must be annotated"):
        @bwray.typed_task
        def untyped(x: int) -> None:
            del x


def test_typed_task_cannot_be_called_directly(
        tasks: tuple[Any, Any]) -> None:
    cancel, _ = tasks
    with pytest.raises(TypeError, match="use cancel.remote"):
        cancel(order())
