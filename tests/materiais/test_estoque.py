"""Orders consume their fabrics' stock: create, change, cancel, reopen, item PATCH, delete."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from config import settings
from materiais.estoque import order_consumption
from pedidos.orders.models import Pedido, PedidoItem
from tests.materiais.conftest import item
from tests.pedidos.conftest import pedido_body


@pytest.fixture(autouse=True)
def _stock_on(monkeypatch):
    monkeypatch.setattr(settings, "MATERIAL_STOCK_AUTO_DEDUCTION", True)


@pytest.fixture
def material(client, admin_headers):
    async def _make(nome: str, estoque: float) -> int:
        body = {"nome": nome, "tipo": "tecido", "estoque_metros": estoque}
        response = await client.post("/materiais", json=body, headers=admin_headers)
        assert response.status_code == 201, response.text
        return response.json()["id"]

    return _make


async def stock(client, headers, material_id: int) -> float:
    response = await client.get(f"/materiais/{material_id}", headers=headers)
    assert response.status_code == 200
    return response.json()["estoque_metros"]


def tactel(m2: str, quantidade: str = "1", **fields) -> dict:
    return item(tipo_producao="painel", tecido="Tactel", metro_quadrado=m2, quantidade_paineis=quantidade, **fields)


async def test_create_change_cancel_reopen_and_delete_move_the_stock(client, admin_headers, material):
    tactel_id = await material("Tactel", 100)
    lona = item(tipo_producao="lona", tecido=" tactel ", largura="1,50", altura="2,00", quantidade_lona="1")
    body = pedido_body(items=[tactel("2,50", "2"), lona])
    created = (await client.post("/pedidos/", json=body, headers=admin_headers)).json()
    assert await stock(client, admin_headers, tactel_id) == 92.0  # 2,50 × 2 + 1,50 × 2,00

    path = f"/pedidos/{created['id']}"
    changed = await client.patch(path, json={"items": [tactel("1,25")]}, headers=admin_headers)
    assert changed.status_code == 200, changed.text
    assert await stock(client, admin_headers, tactel_id) == 98.75

    assert (await client.patch(path, json={"status": "cancelado"}, headers=admin_headers)).status_code == 200
    assert await stock(client, admin_headers, tactel_id) == 100.0
    assert (await client.patch(path, json={"status": "pendente"}, headers=admin_headers)).status_code == 200
    assert await stock(client, admin_headers, tactel_id) == 98.75

    item_id = changed.json()["items"][0]["id"]
    patched = await client.patch(
        f"/pedidos/pedido-itens/{item_id}", json={"metro_quadrado": "3,10"}, headers=admin_headers
    )
    assert patched.status_code == 200, patched.text
    assert await stock(client, admin_headers, tactel_id) == 96.9

    assert (await client.delete(path, headers=admin_headers)).status_code == 200
    assert await stock(client, admin_headers, tactel_id) == 100.0


async def test_an_order_needing_more_than_the_stock_is_refused_and_nothing_is_written(
    client, admin_headers, material, session
):
    tactel_id = await material("Tactel", 4.5)
    response = await client.post("/pedidos/", json=pedido_body(items=[tactel("2,50", "2")]), headers=admin_headers)
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Estoque insuficiente para o material 'Tactel'. Disponível: 4.50m, necessário: 5.00m."
    )
    assert session.execute(select(func.count()).select_from(Pedido)).scalar_one() == 0
    assert await stock(client, admin_headers, tactel_id) == 4.5


async def test_delete_all_returns_every_order_stock(client, admin_headers, material):
    tactel_id = await material("Tactel", 10)
    for m2 in ("1,00", "2,00"):
        await client.post("/pedidos/", json=pedido_body(items=[tactel(m2)]), headers=admin_headers)
    assert await stock(client, admin_headers, tactel_id) == 7.0
    response = await client.delete("/pedidos/all", params={"confirm": "true"}, headers=admin_headers)
    assert response.status_code == 200, response.text
    assert await stock(client, admin_headers, tactel_id) == 10.0


async def test_unregistered_fabrics_and_the_setting_off_leave_stock_alone(client, admin_headers, material, monkeypatch):
    tactel_id = await material("Tactel", 10)
    body = pedido_body(items=[item(tipo_producao="painel", tecido="Oxford", metro_quadrado="3,00")])
    assert (await client.post("/pedidos/", json=body, headers=admin_headers)).status_code == 200
    monkeypatch.setattr(settings, "MATERIAL_STOCK_AUTO_DEDUCTION", False)
    assert (
        await client.post("/pedidos/", json=pedido_body(items=[tactel("3,00")]), headers=admin_headers)
    ).status_code == 200
    assert await stock(client, admin_headers, tactel_id) == 10.0


async def test_a_draft_consumes_nothing_until_promoted(client, admin_headers, material, session):
    tactel_id = await material("Tactel", 10)
    draft = Pedido(numero="RASCUNHO-1", data_entrada=date(2026, 1, 10), cliente="Rascunho", rascunho=True)
    session.add(draft)
    session.flush()
    session.add(PedidoItem(pedido_id=draft.id, tecido="Tactel", metro_quadrado="2,00", area_cm2=20_000))
    session.commit()
    response = await client.patch(f"/pedidos/{draft.id}", json={"items": [tactel("4,00")]}, headers=admin_headers)
    assert response.status_code == 200, response.text
    assert await stock(client, admin_headers, tactel_id) == 10.0
    promoted = {**response.json(), "rascunho": False}
    assert order_consumption(response.json()) == {}
    assert order_consumption(promoted) == {"tactel": 40_000}


async def test_promoting_a_draft_consumes_its_fabrics(client, admin_headers, material):
    tactel_id = await material("Tactel", 10)
    body = {**pedido_body(items=[tactel("3,00")]), "rascunho": True}
    draft = await client.post("/pedidos/rascunho", json=body, headers=admin_headers)
    assert draft.status_code == 200, draft.text
    assert await stock(client, admin_headers, tactel_id) == 10.0
    promoted = await client.post(f"/pedidos/{draft.json()['id']}/promover", headers=admin_headers)
    assert promoted.status_code == 200, promoted.text
    assert await stock(client, admin_headers, tactel_id) == 7.0
