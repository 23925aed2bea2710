"""No leaks: encoding and decoding 100,000 messages, error paths
included, leaves both the Python heap (tracemalloc) and the process
(RSS) where they were."""

from __future__ import annotations

import gc
import resource
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

import boundwire

ROUNDS = 100_000


def rss_bytes() -> int:
    """The resident set size now (Linux), else the peak so far."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * resource.getpagesize()
    except OSError:
        scale = 1 if sys.platform == "darwin" else 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def workload(shop: Any, money: Any) -> Any:
    price = money.Money(currency="EUR", units=1, nanos=2)
    good = shop.Order(id=1, customer="Ada", status=shop.Status.paid,
                      items=[shop.Item(sku="a", qty=1, price=price)],
                      tags={"k": "v"}, note="n", scores=[0.5])
    bad = shop.Order(items=[shop.Item(sku="a", qty=5000, price=price)])
    data = good.encode()
    broken = [data[:-1], data + b"\xff", bytes([0x08, 0x80]),
              b"\x1a\x03abc"]

    def step(i: int) -> None:
        assert shop.Order.decode(data) == good
        assert good.encode() == data
        kind = i % 5
        try:
            if kind == 0:
                bad.encode()
            elif kind == 1:
                shop.Order.decode(broken[i % len(broken)])
            elif kind == 2:
                shop.Order(id="x")
            elif kind == 3:
                shop.Order.from_dict({"items": [{"qty": "x"}]})
            else:
                shop.Event.decode(shop.Event(created=good).encode()).to_dict()
                return
        except (boundwire.Error, TypeError):
            return
        pytest.fail("no error")
    return step


def test_memory_stays_flat(built: Path) -> None:
    import common_money
    import shop_v1
    step = workload(shop_v1, common_money)
    for i in range(2000):
        step(i)
    gc.collect()
    tracemalloc.start()
    traced_before = tracemalloc.get_traced_memory()[0]
    rss_before = rss_bytes()
    for i in range(ROUNDS):
        step(i)
    gc.collect()
    traced_after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    rss_after = rss_bytes()
    # A leak of one small object per message would be megabytes here.
    assert traced_after - traced_before < 256 * 1024
    assert rss_after - rss_before < 8 * 1024 * 1024
