"""The production dashboard and per-day machine usage on a small known dataset."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from maquinas.models import Machine, PrintLog
from tests.cadastros.factories import items_of, make_pedido


@pytest.fixture
def shop(session):
    """Two active machines and one inactive; orders in every interesting state."""
    epson, mimaki = Machine(name="Epson", name_key="epson"), Machine(name="Mimaki", name_key="mimaki")
    old = Machine(name="Antiga", name_key="antiga", active=False)
    session.add_all([epson, mimaki, old])
    session.commit()
    p1 = make_pedido(
        session,
        numero="000101",
        data_entrega=date(2026, 11, 10),
        prioridade="ALTA",
        items=[
            {
                "machine_id": epson.id,
                "area_cm2": 20000,
                "largura": "2.00",
                "altura": "1.00",
                "tecido": "Oxford",
                "descricao": "Painel 2x1",
                "imagem": "/pedidos/imagens/5",
            },
            {"machine_id": mimaki.id, "area_cm2": 15000, "descricao": "Lona"},
        ],
    )
    p2 = make_pedido(
        session,
        numero="000102",
        status="em_producao",
        data_entrega=date(2026, 11, 5),
        items=[
            {"machine_id": epson.id, "area_cm2": 12345, "imagem_path": "pedidos/2/arte.png", "tipo_producao": "totem"}
        ],
    )
    p3 = make_pedido(session, status="pronto", items=[{"machine_id": epson.id, "area_cm2": 5000}])
    make_pedido(session, items=[{"machine_id": old.id, "area_cm2": 999}])
    return {"epson": epson, "mimaki": mimaki, "old": old, "p1": p1, "p2": p2, "p3": p3}


async def test_overview_lists_active_machines_with_open_order_items_by_due_date(client, user_headers, shop):
    response = await client.get("/maquinas/dashboard/overview", headers=user_headers)
    assert response.status_code == 200
    overview = response.json()
    assert [m["machine_name"] for m in overview] == ["Epson", "Mimaki"]
    epson, mimaki = overview
    assert epson["total_items"] == 2 and epson["total_area"] == pytest.approx(3.2345)
    assert [q["order_number"] for q in epson["queue"]] == ["000102", "000101"]
    assert epson["queue"][0]["preview_url"] == "/pedidos/media/pedidos/2/arte.png"
    assert epson["queue"][1] == {
        "order_id": shop["p1"].id,
        "order_number": "000101",
        "item_index": 0,
        "item_name": "Painel 2x1",
        "dimensions": "2.00x1.00",
        "material": "Oxford",
        "date_due": "2026-11-10",
        "preview_url": "/pedidos/imagens/5",
        "status": "pendente",
        "priority": "ALTA",
    }
    assert mimaki["total_items"] == 1 and mimaki["total_area"] == 1.5


def _log(session, machine, pedido, item, when: datetime, status="success"):
    session.add(PrintLog(printer_id=machine.id, pedido_id=pedido.id, item_id=item.id, status=status, created_at=when))


async def test_usage_counts_items_and_exact_square_metres_per_day(client, user_headers, session, shop):
    epson = shop["epson"]
    (p1_item, _), (p2_item,), (p3_item,) = (items_of(session, shop[p]) for p in ("p1", "p2", "p3"))
    _log(session, epson, shop["p1"], p1_item, datetime(2026, 11, 2, 10, 0))
    _log(session, epson, shop["p2"], p2_item, datetime(2026, 11, 2, 23, 59, 59))
    _log(session, epson, shop["p3"], p3_item, datetime(2026, 11, 3, 0, 0), status="reprint")
    _log(session, shop["mimaki"], shop["p1"], items_of(session, shop["p1"])[1], datetime(2026, 11, 2, 12))
    session.commit()

    response = await client.get(f"/maquinas/{epson.id}/uso", headers=user_headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["dias"] == [
        {"data": "2026-11-02", "itens": 2, "metros_quadrados": 3.2345},
        {"data": "2026-11-03", "itens": 1, "metros_quadrados": 0.5},
    ]
    assert body["total_itens"] == 3 and body["total_metros_quadrados"] == 3.7345

    window = await client.get(
        f"/maquinas/{epson.id}/uso",
        params={"data_inicio": "2026-11-03", "data_fim": "2026-11-03"},
        headers=user_headers,
    )
    assert window.json()["dias"] == [{"data": "2026-11-03", "itens": 1, "metros_quadrados": 0.5}]


async def test_usage_leaves_out_failed_prints(client, user_headers, session, shop):
    (p3_item,) = items_of(session, shop["p3"])
    _log(session, shop["epson"], shop["p3"], p3_item, datetime(2026, 11, 4, 9), status="error")
    session.commit()
    response = await client.get(f"/maquinas/{shop['epson'].id}/uso", headers=user_headers)
    assert response.json()["dias"] == []


async def test_usage_of_unknown_machine_is_404_and_reversed_dates_422(client, user_headers, shop):
    assert (await client.get("/maquinas/999/uso", headers=user_headers)).status_code == 404
    reversed_dates = {"data_inicio": "2026-11-05", "data_fim": "2026-11-01"}
    response = await client.get(f"/maquinas/{shop['epson'].id}/uso", params=reversed_dates, headers=user_headers)
    assert response.status_code == 422
