"""pedido_itens.area_total_cm2, which the statistics sum, follows every way an item is written."""

from __future__ import annotations

from sqlalchemy import select

from materiais.area import item_cm2
from pedidos.orders.models import PedidoItem
from tests.materiais.conftest import item
from tests.pedidos.conftest import pedido_body

ITEMS = [
    item(tipo_producao="painel", tecido="Tactel", metro_quadrado="2,50", quantidade_paineis="2"),  # 5 m²
    item(tipo_producao="lona", tecido="Lona", largura="1,50", altura="2.00", quantidade_lona="3"),  # 9 m²
    item(tipo_producao="adesivo", quantidade_adesivo="4"),  # no size: 1 m² each
    item(tipo_producao="totem", largura="1.234,56", altura="0,01", quantidade_totem="1"),  # 12.3456 m²
]


def stored(session, pedido_id: int) -> list[int]:
    session.rollback()  # a fresh snapshot: the API wrote in its own transactions
    rows = session.execute(
        select(PedidoItem.area_total_cm2).where(PedidoItem.pedido_id == pedido_id).order_by(PedidoItem.item_index)
    )
    return list(rows.scalars())


async def year_total(client, headers) -> float:
    params = {"data_inicio": "2026-01-01", "data_fim": "2026-12-31"}
    body = (await client.get("/materiais/stats", params=params, headers=headers)).json()
    return body["kpis"]["total_area_m2"]


async def test_stored_area_matches_the_items_after_create_item_update_and_patch(client, admin_headers, session):
    created = await client.post("/pedidos/", json=pedido_body(items=ITEMS), headers=admin_headers)
    assert created.status_code == 200, created.text
    order = created.json()
    assert stored(session, order["id"]) == [50_000, 90_000, 40_000, 123_456]
    assert stored(session, order["id"]) == [item_cm2(sent) for sent in order["items"]]
    assert await year_total(client, admin_headers) == 30.35  # 30.3456 m²

    first = order["items"][0]["id"]
    sized = {"metro_quadrado": "", "largura": "2", "altura": "3"}
    changed = await client.patch(f"/pedidos/pedido-itens/{first}", json=sized, headers=admin_headers)
    assert changed.status_code == 200, changed.text
    assert stored(session, order["id"])[0] == 120_000  # 2 × 3 m × 2 painéis

    items = [{**sent, "quantidade_lona": "1"} if sent["tipo_producao"] == "lona" else sent for sent in ITEMS[1:]]
    patched = await client.patch(f"/pedidos/{order['id']}", json={"items": items}, headers=admin_headers)
    assert patched.status_code == 200, patched.text
    after = patched.json()
    assert stored(session, order["id"]) == [30_000, 40_000, 123_456]
    assert stored(session, order["id"]) == [item_cm2(sent) for sent in after["items"]]
    assert await year_total(client, admin_headers) == 19.35  # 19.3456 m²
