"""A program that uses every kind of field of the generated types, for
`mypy --strict` to check the .pyi stubs against (test_typing.py)."""

from __future__ import annotations

import pickle

import common_money
import shop_v1
import test_everything as ev
import test_ext

import boundwire


def make_order() -> shop_v1.Order:
    price = common_money.Money(currency="EUR", units=3, nanos=5)
    item = shop_v1.Item(sku="a", qty=2, price=price, weight=1)
    return shop_v1.Order(id=1, customer="Ada", items=[item],
                         status=shop_v1.Status.paid, note=None,
                         tags={"k": "v"}, thumbnail=b"", scores=[0.5])


def fields(o: shop_v1.Order) -> tuple[int, str, float, bytes, str | None]:
    o.note = "n"
    o.items.append(shop_v1.Item())
    first: shop_v1.Item = o.items[0]
    currency: str = first.price.currency
    status: shop_v1.Status = o.status
    tags: dict[str, str] = o.tags
    return (o.id + int(status), currency + tags.get("k", ""),
            first.weight + sum(o.scores), o.thumbnail, o.note)


def scalars() -> ev.Scalars:
    s = ev.Scalars(flag=True, tiny=-1, small=2, medium=3, large=4, octet=5,
                   word=6, dword=7, qword=8, single=0.0, double_=0.5,
                   huge=1e10, anything=float("nan"), whole=1.0, text="t",
                   blob=b"b", plain=9)
    flag: bool = s.flag
    assert flag
    return s


def optionals() -> ev.Optionals:
    o = ev.Optionals(b=True, i=1, u=2, f=0.5, d=None, s="s", y=b"y",
                     e=ev.HttpStatusCode.ok, st=ev.Leaf(weight=1.0),
                     un=ev.Choice(leaf=ev.Leaf()), ex=test_ext.Thing())
    maybe: ev.HttpStatusCode | None = o.e
    if o.st is not None:
        weight: float = o.st.weight
        assert weight >= 0
    return o if maybe is not None else ev.Optionals()


def containers() -> ev.Containers:
    c = ev.Containers(
        branches=[ev.Branch(leaves=[ev.Leaf()])], scores=[0.5],
        statuses=[ev.HttpStatusCode.notFound],
        by_status={ev.HttpStatusCode.ok: "ok"},
        by_color={test_ext.Color.red: ev.Leaf()},
        by_id={1: test_ext.Thing(label="x")}, by_name={"a": -1},
        things=[test_ext.Thing()], siblings=[ev.Sibling(n=1)])
    by_color: dict[test_ext.Color, ev.Leaf] = c.by_color
    return c if by_color else ev.Containers()


def unions(o: shop_v1.Order) -> int:
    e = shop_v1.Event(created=o)
    e.cancelled = 5
    which: str = e.which
    value: shop_v1.Order | int = e.value
    created: shop_v1.Order | None = e.created
    match e:
        case shop_v1.Event("cancelled", int(n)):
            return n
    tree = ev.Tree(children=[ev.Tree()], choice=ev.Choice(value_=3))
    choice = tree.choice
    if choice is not None and choice.value_ is not None:
        return choice.value_
    return len(which) + (created.id if created else 0) + (
        value if isinstance(value, int) else value.id)


def codec(o: shop_v1.Order) -> shop_v1.Order:
    data: bytes = o.encode()
    o.validate()
    back = shop_v1.Order.decode(memoryview(data), strict=True)
    as_dict = back.to_dict()
    again = shop_v1.Order.from_dict(as_dict)
    copy: shop_v1.Order = pickle.loads(pickle.dumps(again))
    try:
        shop_v1.Order.decode(b"\xff")
    except boundwire.DecodeError as err:
        print(err.code, err.path, err.rule, err.value, err.limit, err.offset)
    return copy if copy == o else shop_v1._decode_Order(data)


def main() -> None:
    o = make_order()
    print(fields(o), scalars(), optionals(), containers(), unions(o),
          codec(make_order()))


if __name__ == "__main__":
    main()
