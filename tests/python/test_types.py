"""The generated types: construction, attributes, ==, repr, pickling,
to_dict/from_dict, unions, enums, and the errors of encode/validate."""

from __future__ import annotations

import copy
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest

import boundwire


@pytest.fixture(scope="module")
def shop(built: Path) -> Any:
    import shop_v1
    return shop_v1


@pytest.fixture(scope="module")
def money(built: Path) -> Any:
    import common_money
    return common_money


@pytest.fixture(scope="module")
def ev(built: Path) -> Any:
    import test_everything
    return test_everything


def order(shop: Any, money: Any, **kw: Any) -> Any:
    item = shop.Item(sku="sku-1", qty=2, weight=1.5,
                     price=money.Money(currency="EUR", units=3, nanos=5))
    args: dict[str, Any] = {
        "id": 7, "customer": "Ada", "items": [item],
        "status": shop.Status.paid, "note": "ring twice",
        "tags": {"gift": "yes"}, "thumbnail": b"\x89PNG",
        "scores": [0.25, 0.5]}
    args.update(kw)
    return shop.Order(**args)


# ---- Construction and attributes ---------------------------------------

def test_defaults(shop: Any, money: Any) -> None:
    o = shop.Order()
    assert (o.id, o.customer, o.items, o.status, o.note, o.tags,
            o.thumbnail, o.scores) == \
        (0, "", [], shop.Status.pending, None, {}, b"", [])
    assert shop.Item().price == money.Money()
    assert shop.Item().price is not shop.Item().price


def test_keyword_only(shop: Any) -> None:
    with pytest.raises(TypeError, match="keyword arguments only"):
        shop.Order(1)
    with pytest.raises(TypeError, match="unexpected keyword argument 'idd'"):
        shop.Order(idd=1)


@pytest.mark.parametrize("field, value, expected", [
    ("id", "1", "int"), ("id", True, "int"), ("id", 1.0, "int"),
    ("customer", b"x", "str"), ("thumbnail", "x", "bytes"),
    ("status", 1, "Status"), ("note", 3, "str or None"),
    ("items", ("a",), "list[Item]"), ("tags", [], "dict[str, str]"),
])
def test_type_checks(shop: Any, field: str, value: Any,
                     expected: str) -> None:
    message = f"Order.{field} must be {expected}, not {type(value).__name__}"
    with pytest.raises(TypeError, match=message.replace("[", r"\[")):
        shop.Order(**{field: value})
    o = shop.Order()
    with pytest.raises(TypeError, match=message.replace("[", r"\[")):
        setattr(o, field, value)


def test_item_type_checks(shop: Any, money: Any) -> None:
    with pytest.raises(TypeError, match=r"Order.items\[1\] must be Item"):
        shop.Order(items=[shop.Item(), {"sku": "x"}])
    with pytest.raises(TypeError, match="Order.tags key must be str"):
        shop.Order(tags={1: "x"})
    with pytest.raises(TypeError, match=r"Order.tags\['k'\] must be str"):
        shop.Order(tags={"k": 1})
    with pytest.raises(TypeError, match="Item.price must be Money"):
        shop.Item(price=None)


def test_assignment(shop: Any) -> None:
    o = shop.Order()
    o.id = 2**64 - 1
    o.note = "n"
    o.note = None
    o.scores = [1, 0.5]
    assert o.id == 2**64 - 1 and o.note is None
    it = shop.Item(weight=2)
    assert isinstance(it.weight, float) and it.weight == 2.0
    with pytest.raises(TypeError, match="cannot delete"):
        del o.id
    with pytest.raises(AttributeError):
        o.nope = 1


def test_eq_repr(shop: Any, money: Any) -> None:
    a, b = order(shop, money), order(shop, money)
    assert a == b
    assert (a != b) is False
    b.items[0].qty = 3
    assert a != b
    assert a != "x" and shop.Item() != money.Money()
    with pytest.raises(TypeError, match="unhashable"):
        hash(a)
    assert repr(money.Money(currency="EUR", units=1)) == \
        "Money(currency='EUR', units=1, nanos=0)"
    assert repr(a).startswith("Order(id=7, customer='Ada', items=[Item(")
    assert shop.Order.__match_args__[:3] == ("id", "customer", "items")
    match a:
        case shop.Order(7, "Ada"):
            pass
        case _:
            pytest.fail("no match")


def test_cycles_do_not_crash(ev: Any) -> None:
    t = ev.Tree()
    t.children.append(t)
    assert "Tree(...)" in repr(t)
    with pytest.raises(boundwire.ValidationError) as info:
        t.encode()
    assert info.value.code == "too_deep"
    with pytest.raises(RecursionError):
        t.to_dict()


# ---- Round trips --------------------------------------------------------

def test_round_trip(shop: Any, money: Any) -> None:
    o = order(shop, money)
    data = o.encode()
    assert shop.Order.decode(data) == o
    assert shop.Order.decode(bytearray(data)) == o
    assert shop.Order.decode(memoryview(data)) == o
    assert pickle.loads(pickle.dumps(o)) == o
    assert copy.deepcopy(o) == o
    d = o.to_dict()
    assert d["items"][0]["price"] == {"currency": "EUR", "units": 3,
                                      "nanos": 5}
    assert shop.Order.from_dict(d) == o


def test_pickle_holds_only_bytes(shop: Any, money: Any) -> None:
    o = order(shop, money)
    fn, args = o.__reduce__()
    assert fn is shop._decode_Order and args == (o.encode(),)
    data = pickle.dumps(o, protocol=5)
    assert b"_decode_Order" in data and b"Item" not in data


def test_from_dict_conversions(shop: Any) -> None:
    o = shop.Order.from_dict({"status": "shipped", "items": [{"qty": 2}],
                              "thumbnail": bytearray(b"ab")})
    assert o.status is shop.Status.shipped and o.items[0].qty == 2
    assert o.thumbnail == b"ab"
    assert shop.Order.from_dict({"status": 2}).status is shop.Status.shipped
    with pytest.raises(boundwire.ValidationError) as info:
        shop.Order.from_dict({"status": 9})
    assert str(info.value) == "status: 9 is not a value of the enum"
    with pytest.raises(TypeError, match="Order has no field 'nope'"):
        shop.Order.from_dict({"nope": 1})
    with pytest.raises(TypeError, match=r"Order.items\[0\].qty must be int"):
        shop.Order.from_dict({"items": [{"qty": "2"}]})


def test_decode_strict_and_errors(shop: Any, built: Path) -> None:
    import vec_scalars
    unknown = bytes([0x98, 0x06, 0x01])  # field 99, varint 1
    assert vec_scalars.Scalars.decode(unknown) == vec_scalars.Scalars()
    with pytest.raises(boundwire.DecodeError) as info:
        vec_scalars.Scalars.decode(unknown, strict=True)
    assert info.value.code == "unknown_field"
    with pytest.raises(TypeError):
        shop.Order.decode("text")
    with pytest.raises(TypeError):
        shop.Order.decode(b"", lenient=True)
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, boundwire.Error)
    assert pickle.loads(pickle.dumps(e)).code == "unknown_field"


def test_decode_error_attributes(shop: Any) -> None:
    with pytest.raises(boundwire.DecodeError) as info:
        shop.Item.decode(bytes([0x10, 0xE9, 0x07]))  # qty 1001
    e = info.value
    assert (e.code, e.path, e.rule, e.value, e.limit, e.offset) == \
        ("above_maximum", "qty", "u32(1..1000)", 1001, 1000, 1)
    assert str(e) == "qty: 1001 is above the maximum 1000"


def test_message_size_checked_first(shop: Any) -> None:
    with pytest.raises(boundwire.DecodeError) as info:
        shop.Order.decode(bytes(4 * 1024 * 1024 + 1))
    assert info.value.code == "message_too_large"


# ---- Validation ---------------------------------------------------------

def test_validation_same_text_as_decoder(shop: Any, money: Any) -> None:
    o = order(shop, money)
    o.items[0].qty = 1001
    with pytest.raises(boundwire.ValidationError) as info:
        o.validate()
    assert str(info.value) == \
        "items[0].qty: 1001 is above the maximum 1000"
    with pytest.raises(boundwire.ValidationError):
        o.encode()
    with pytest.raises(boundwire.ValidationError,
                       match="items: count 0 is below the minimum 1"):
        shop.Order().encode()


@pytest.mark.parametrize("value, text", [
    (2**32, "qty: 4294967296 is above the maximum 1000"),
    (-1, "qty: -1 is below the minimum 1"),
    (2**70, f"qty: {2**70} is above the maximum 1000"),
    (-(2**70), f"qty: {-(2**70)} is below the minimum 1"),
])
def test_ints_that_do_not_fit(shop: Any, value: int, text: str) -> None:
    it = shop.Item(sku="a", qty=value)
    with pytest.raises(boundwire.ValidationError) as info:
        it.encode()
    assert str(info.value) == text and info.value.value == value


def test_ints_of_every_width(built: Path) -> None:
    import vec_ints
    w = vec_ints.Widths(i8=-129)
    with pytest.raises(boundwire.ValidationError,
                       match="^i8: -129 is below the minimum -128$"):
        w.encode()
    w = vec_ints.Widths(i64=2**63)
    with pytest.raises(boundwire.ValidationError, match="i64: 9223372036"):
        w.encode()
    w = vec_ints.Widths(u64=2**64 - 1, i64=-(2**63))
    assert vec_ints.Widths.decode(w.encode()) == w


def test_list_changed_behind_setter(shop: Any, money: Any) -> None:
    o = order(shop, money)
    o.items.append("junk")
    with pytest.raises(TypeError,
                       match=r"^Order.items\[1\] must be Item, not str"):
        o.encode()
    o = order(shop, money)
    o.scores.append("x")
    with pytest.raises(TypeError, match=r"Order.scores\[2\] must be float"):
        o.validate()


def test_lone_surrogate_is_invalid_utf8(shop: Any, money: Any) -> None:
    o = order(shop, money, customer="a\ud800")
    with pytest.raises(boundwire.ValidationError) as info:
        o.encode()
    assert info.value.code == "invalid_utf8" and info.value.path == \
        "customer"


def test_f32_rounds_and_range(shop: Any, money: Any) -> None:
    it = order(shop, money).items[0]
    it.weight = 0.1
    assert shop.Item.decode(it.encode()).weight == 0.10000000149011612
    it.weight = 1e300
    with pytest.raises(boundwire.ValidationError, match="weight: inf"):
        it.encode()


def test_map_keys_sorted(built: Path) -> None:
    import vec_maps
    m = vec_maps.Maps(deltas={3: 1, -2: 1, 0: 1}, tags={"b": "", "a": ""})
    assert vec_maps.Maps.decode(m.encode()).encode() == m.encode()
    assert m.encode() == vec_maps.Maps(deltas={-2: 1, 0: 1, 3: 1},
                                       tags={"a": "", "b": ""}).encode()
    m = vec_maps.Maps(deltas={11: 1, -2: 1})
    with pytest.raises(boundwire.ValidationError) as info:
        m.encode()
    assert str(info.value) == "deltas[1].key: 11 is above the maximum 10"


# ---- Unions and enums ---------------------------------------------------

def test_union(shop: Any, money: Any) -> None:
    e = shop.Event(cancelled=5)
    assert (e.which, e.value, e.cancelled, e.created) == \
        ("cancelled", 5, 5, None)
    assert repr(e) == "Event(cancelled=5)"
    o = order(shop, money)
    e.created = o
    assert e.which == "created" and e.cancelled is None
    assert shop.Event.decode(e.encode()) == e
    assert e.to_dict()["created"]["id"] == 7
    assert shop.Event.from_dict({"cancelled": 1}) == shop.Event(cancelled=1)
    match shop.Event(cancelled=3):
        case shop.Event("cancelled", n):
            assert n == 3
        case _:
            pytest.fail("no match")
    with pytest.raises(TypeError, match="exactly one member"):
        shop.Event()
    with pytest.raises(TypeError, match="exactly one member"):
        shop.Event(cancelled=1, created=o)
    with pytest.raises(TypeError, match="cannot be None"):
        e.created = None
    with pytest.raises(TypeError, match="Event.cancelled must be int"):
        shop.Event(cancelled="1")


def test_union_field_without_default(built: Path) -> None:
    import vec_unions
    h = vec_unions.Holder(id=1)
    assert h.shape is None
    with pytest.raises(boundwire.ValidationError,
                       match="^shape: union holds no member$"):
        h.encode()
    h.shape = vec_unions.Shape(circle=3)
    assert vec_unions.Holder.decode(h.encode()) == h


def test_enums(shop: Any, built: Path) -> None:
    import enum

    import vec_enums
    assert issubclass(shop.Status, enum.IntEnum)
    assert shop.Status.__module__ == "shop_v1"
    assert shop.Status.__doc__ == "Where an order stands."
    assert vec_enums.Alarm().level is None
    with pytest.raises(boundwire.ValidationError,
                       match="level: 0 is not a value of the enum"):
        vec_enums.Alarm().encode()
    assert vec_enums.Alarm.decode(bytes([8, 2])).level is vec_enums.Level.high
    assert pickle.loads(pickle.dumps(shop.Status.paid)) is shop.Status.paid


def test_python_names(ev: Any) -> None:
    c = ev.Choice(value_=3)
    assert c.which == "value_" and c.value == 3
    assert ev.Scalars(double_=0.5).double_ == 0.5
    assert ev.Naming().enum_ is None


def test_foreign_types(ev: Any, built: Path) -> None:
    import test_ext
    c = ev.Containers(branches=[ev.Branch()],
                      by_color={test_ext.Color.red: ev.Leaf(weight=1.0)},
                      things=[test_ext.Thing(label="x")])
    assert ev.Containers.decode(c.encode()).things[0].label == "x"
    assert ev.Optionals(ex=test_ext.Thing()).ex == test_ext.Thing()


# ---- Reference counts on error paths -------------------------------------

def test_refcounts_on_error_paths(shop: Any, money: Any) -> None:
    o = order(shop, money)
    o.items[0].qty = 5000
    bad = b"\x10\xe9\x07"
    junk = "junk"
    objs = [o, bad, junk, o.items, o.items[0]]
    before = [sys.getrefcount(x) for x in objs]
    for _ in range(100):
        with pytest.raises(boundwire.ValidationError):
            o.encode()
        with pytest.raises(boundwire.DecodeError):
            shop.Item.decode(bad)
        with pytest.raises(TypeError):
            shop.Order(customer=junk, id="x")
        with pytest.raises(TypeError):
            o.items[0].sku = 5
        o.items.append(junk)
        with pytest.raises(TypeError):
            o.encode()
        o.items.pop()
    assert [sys.getrefcount(x) for x in objs] == before
