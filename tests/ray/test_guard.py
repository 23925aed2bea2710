"""The guard on a real local Ray: attacks refused wherever Ray unpickles,
boundwire values and allowed types travelling everywhere."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import helpers
import numpy as np
import pytest
import ray

import boundwire
import boundwire.ray as bwray

pytestmark = pytest.mark.usefixtures("guarded_ray")


def order(qty: int = 2) -> Any:
    import common_money
    import shop_v1
    price = common_money.Money(currency="EUR", units=4, nanos=990000000)
    return shop_v1.Order(
        id=1001, customer="Ada", status=shop_v1.Status.paid,
        items=[shop_v1.Item(sku="tea", qty=qty, price=price, weight=0.25)],
        tags={"gift": "yes"}, scores=[0.5])


def run_attack(attack: Callable[[str], Any], marker: Path) -> str:
    """Runs ATTACK; returns the text of the error it must end in."""
    with pytest.raises(ray.exceptions.RayError) as caught:
        attack(str(marker))
    # A worker that ran the payload would have done so before replying;
    # the pause covers a file system slow to show the file.
    time.sleep(0.2)
    assert not marker.exists(), "the payload ran"
    return str(caught.value)


@pytest.mark.parametrize("name", sorted(helpers.ATTACKS))
def test_guard_refuses_attack(name: str, tmp_path: Path) -> None:
    text = run_attack(helpers.ATTACKS[name], tmp_path / "marker")
    assert "refused to unpickle the global posix.system" in text


def test_guard_names_entry_to_allow(tmp_path: Path) -> None:
    with pytest.raises(ray.exceptions.RaySystemError) as caught:
        ray.get(ray.put(helpers.Marker(str(tmp_path / "marker"))))
    refused = caught.value.client_exc
    assert isinstance(refused, bwray.RefusedGlobalError)
    assert refused.global_name == "posix:system"


def test_put_get_round_trip() -> None:
    assert ray.get(ray.put(order())) == order()


def test_argument_and_return_round_trip() -> None:
    got = ray.get(helpers.add_item.remote(order(), "cup"))
    assert [item.sku for item in got.items] == ["tea", "cup"]
    assert ray.get(helpers.type_name.remote(order())) == "Order"


def test_object_ref_argument_round_trip() -> None:
    assert ray.get(helpers.echo.remote(ray.put(order()))) == order()


def test_actor_round_trip() -> None:
    ledger = helpers.Ledger.remote()  # type: ignore[attr-defined]
    assert ray.get(ledger.record.remote(order())) == 1
    assert ray.get(ledger.last.remote()) == order()


def test_nested_object_refs_and_actor_handles_travel() -> None:
    ledger = helpers.Ledger.remote()  # type: ignore[attr-defined]
    refs = ray.get(helpers.echo.remote([ray.put(order()), ledger]))
    assert ray.get(refs[0]) == order()
    assert ray.get(refs[1].record.remote(order())) == 1


def test_workers_import_modules_shipped_by_runtime_env(
        modules: Path) -> None:
    shipped = ray.get(helpers.module_file.remote("shop_v1"))
    assert not Path(shipped).is_relative_to(modules)
    assert Path(shipped).name.startswith("shop_v1.")


def test_value_breaking_schema_refused_in_worker() -> None:
    import shop_v1
    data = order(qty=5).encode()
    tampered = data.replace(b"\x10\x05", b"\x10\xd0\x0f")
    assert tampered != data
    forged = helpers.Forged(shop_v1._decode_Order, tampered)
    with pytest.raises(ray.exceptions.RayTaskError) as caught:
        ray.get(helpers.type_name.remote(forged))
    assert "items[0].qty: 2000 is above the maximum 1000" in str(caught.value)


def test_builtin_exception_travels() -> None:
    with pytest.raises(ZeroDivisionError):
        ray.get(helpers.divide_by_zero.remote())


def test_application_exception_refused_until_allowed() -> None:
    with pytest.raises(ray.exceptions.RaySystemError,
                       match="global helpers.OutOfStock"):
        ray.get(helpers.raise_out_of_stock.remote())
    bwray.install_guard(allow=[helpers.OutOfStock])
    with pytest.raises(helpers.OutOfStock, match="sku tea"):
        ray.get(helpers.raise_out_of_stock.remote())


def test_numpy_refused_until_allowed() -> None:
    array = np.arange(12, dtype=np.float32).reshape(3, 4)
    with pytest.raises(ray.exceptions.RaySystemError,
                       match="numpy._core.numeric._frombuffer"):
        ray.get(ray.put(array))
    bwray.install_guard(allow=bwray.NUMPY)
    np.testing.assert_array_equal(ray.get(ray.put(array)), array)
    np.testing.assert_array_equal(
        ray.get(helpers.echo.remote(array)), array)
    assert ray.get(helpers.echo.remote(np.float64(2.5))) == 2.5


def test_guard_allowlist_grows_only() -> None:
    before = bwray.allowed()
    bwray.install_guard(allow=["collections:OrderedDict"])
    assert before < bwray.allowed()
    assert "collections:OrderedDict" in bwray.allowed()


def test_boundwire_errors_travel() -> None:
    with pytest.raises(boundwire.ValidationError,
                       match="qty: 5000 is above the maximum 1000"):
        ray.get(helpers.encode_order.remote(5000))
