"""Property tests: valid values round-trip through their bytes, and any
bytes either decode into a value that encodes again, or raise
DecodeError; never another exception."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import boundwire

text = st.text(st.characters(exclude_categories=["Cs"]), max_size=8)


def orders(shop: Any, money: Any) -> st.SearchStrategy[Any]:
    price = st.builds(money.Money, currency=st.text(min_size=3, max_size=3),
                      units=st.integers(-(2**63), 2**63 - 1),
                      nanos=st.integers(-999999999, 999999999))
    item = st.builds(shop.Item, sku=st.text(min_size=1, max_size=32),
                     qty=st.integers(1, 1000), price=price,
                     weight=st.floats(0.0, 50.0, width=32))
    return st.builds(
        shop.Order, id=st.integers(0, 2**64 - 1),
        customer=st.text(max_size=64), items=st.lists(item, min_size=1,
                                                       max_size=4),
        status=st.sampled_from(list(shop.Status)),
        note=st.none() | st.text(max_size=20),
        tags=st.dictionaries(st.text(min_size=1, max_size=16),
                             st.text(max_size=10), max_size=5),
        thumbnail=st.binary(max_size=64),
        scores=st.lists(st.floats(0.0, 1.0, width=32), max_size=8))


@pytest.fixture(scope="module")
def mods(built: Path) -> Any:
    import common_money
    import shop_v1
    import test_everything
    import vec_maps
    import vec_scalars
    return shop_v1, common_money, vec_scalars, vec_maps, test_everything


@given(data=st.data())
def test_orders_round_trip(mods: Any, data: st.DataObject) -> None:
    shop, money = mods[0], mods[1]
    o = data.draw(orders(shop, money))
    encoded = o.encode()
    back = shop.Order.decode(encoded)
    assert back == o
    assert back.encode() == encoded
    assert shop.Order.from_dict(o.to_dict()) == o


@given(data=st.data())
def test_scalars_round_trip(mods: Any, data: st.DataObject) -> None:
    scalars = mods[2]
    s = data.draw(st.builds(
        scalars.Scalars, b=st.booleans(), i8=st.integers(-128, 127),
        i16=st.integers(-(2**15), 2**15 - 1),
        i32=st.integers(-(2**31), 2**31 - 1),
        i64=st.integers(-(2**63), 2**63 - 1), u8=st.integers(0, 255),
        u16=st.integers(0, 2**16 - 1), u32=st.integers(0, 2**32 - 1),
        u64=st.integers(0, 2**64 - 1),
        f32=st.floats(width=32, allow_nan=False, allow_infinity=False),
        f64=st.floats(allow_nan=False, allow_infinity=False), s=text,
        by=st.binary(max_size=16)))
    encoded = s.encode()
    back = scalars.Scalars.decode(encoded)
    assert back == s and back.encode() == encoded


@given(x=st.floats())
def test_nonfinite_only_where_allowed(mods: Any, x: float) -> None:
    scalars, ev = mods[2], mods[4]
    if math.isfinite(x):
        scalars.Scalars(f64=x).validate()
    else:
        with pytest.raises(boundwire.ValidationError) as info:
            scalars.Scalars(f64=x).encode()
        assert info.value.code == "not_finite"
    back = ev.Scalars.decode(ev.Scalars(text="t", blob=bytes(1024),
                                        dword=1, anything=x).encode())
    assert back.anything == x or (math.isnan(x) and math.isnan(back.anything))


@given(data=st.data())
def test_maps_round_trip(mods: Any, data: st.DataObject) -> None:
    maps = mods[3]
    m = data.draw(st.builds(
        maps.Maps,
        deltas=st.dictionaries(st.integers(-10, 10), st.integers(1, 99),
                               max_size=3),
        colors=st.dictionaries(st.sampled_from(list(maps.Color)),
                               st.text(max_size=4), max_size=3),
        tiny=st.dictionaries(st.integers(-128, 127), st.booleans(),
                             max_size=3)))
    back = maps.Maps.decode(m.encode())
    assert back == m and back.encode() == m.encode()


def decode_or_error(cls: Any, buf: bytes) -> None:
    """Decodes BUF: a value that encodes and decodes to itself, or
    DecodeError."""
    try:
        value = cls.decode(buf)
    except boundwire.DecodeError:
        return
    again = value.encode()
    assert cls.decode(again).encode() == again


def types(mods: Any) -> list[Any]:
    shop, money, scalars, maps, ev = mods
    return [shop.Order, shop.Event, money.Money, scalars.Scalars, maps.Maps,
            ev.Containers, ev.Optionals, ev.Tree, ev.Choice, ev.Scalars]


@given(buf=st.binary(max_size=256), which=st.integers(0, 9))
def test_random_bytes(mods: Any, buf: bytes, which: int) -> None:
    decode_or_error(types(mods)[which], buf)


@given(data=st.data())
def test_mutated_bytes(mods: Any, data: st.DataObject) -> None:
    shop, money = mods[0], mods[1]
    buf = bytearray(data.draw(orders(shop, money)).encode())
    for _ in range(data.draw(st.integers(1, 4))):
        op = data.draw(st.sampled_from(["flip", "insert", "delete"]))
        at = data.draw(st.integers(0, max(len(buf) - 1, 0)))
        if op == "flip" and buf:
            buf[at] ^= 1 << data.draw(st.integers(0, 7))
        elif op == "insert":
            buf.insert(at, data.draw(st.integers(0, 255)))
        elif buf:
            del buf[at]
    decode_or_error(shop.Order, bytes(buf))
    decode_or_error(shop.Event, bytes(buf))
