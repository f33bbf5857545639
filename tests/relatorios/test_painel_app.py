"""/relatorios/fechamentos/{statistics,trends,rankings}: the Fechamentos panel's figures."""

from __future__ import annotations

from datetime import date

import pytest

from pedidos.orders.models import Pedido


def _item(valor: str, vendedor: str = "Maria", designer: str = "Carlos", tipo: str = "painel") -> dict:
    return {
        "tipo_producao": tipo,
        "descricao": "x",
        "vendedor": vendedor,
        "designer": designer,
        "valor_unitario": valor,
    }


@pytest.fixture
async def orders(make_pedido, client, admin_headers, session):
    post = make_pedido
    await post(
        cliente="Ana",
        data_entrada="2026-03-02",
        valor_frete="10.00",
        valor_total="110.00",
        items=[_item("60.00"), _item("40.00", vendedor="João", tipo="lona")],
    )
    await post(cliente="Bia", data_entrada="2026-03-03", valor_total="50.00", items=[_item("50.00")])
    cancelled = await post(cliente="Caio", data_entrada="2026-03-10", valor_total="999.00", items=[_item("999.00")])
    changed = await client.patch(f"/pedidos/{cancelled['id']}", json={"status": "cancelado"}, headers=admin_headers)
    assert changed.status_code == 200, changed.text
    await post(cliente="Ana", data_entrada="2026-02-01", valor_total="7.00", items=[_item("7.00")])  # out of range
    session.add(
        Pedido(numero="9999", cliente="Rascunho", data_entrada=date(2026, 3, 4), valor_total=500_00, rascunho=True)
    )
    session.commit()


RANGE = {"start_date": "2026-03-01", "end_date": "2026-03-31", "date_mode": "entrada"}


async def test_statistics_leave_out_drafts_cancelled_and_other_dates(client, user_headers, orders):
    response = await client.get("/relatorios/fechamentos/statistics", params=RANGE, headers=user_headers)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "total_pedidos": 2,
        "total_items": 3,
        "total_revenue": 160.0,
        "total_frete": 10.0,
        "total_servico": 150.0,
        "average_ticket": 80.0,
    }
    joao = await client.get(
        "/relatorios/fechamentos/statistics", params={**RANGE, "vendedor": "joao"}, headers=user_headers
    )
    assert joao.json()["total_pedidos"] == 1 and joao.json()["total_revenue"] == 110.0


async def test_trends_by_day_week_and_month(client, user_headers, orders):
    url = "/relatorios/fechamentos/trends"
    days = (await client.get(url, params={**RANGE, "group_by": "day"}, headers=user_headers)).json()["trends"]
    assert [(t["period"], t["pedidos"], t["revenue"]) for t in days] == [
        ("2026-03-02", 1, 110.0),
        ("2026-03-03", 1, 50.0),
    ]
    assert days[0]["frete"] == 10.0 and days[0]["servico"] == 100.0
    weeks = (await client.get(url, params={**RANGE, "group_by": "week"}, headers=user_headers)).json()["trends"]
    assert [(t["period"], t["pedidos"]) for t in weeks] == [("2026-03-02", 2)]
    months = (await client.get(url, params={"group_by": "month"}, headers=user_headers)).json()["trends"]
    assert [(t["period"], t["pedidos"]) for t in months] == [("2026-02", 1), ("2026-03", 2)]


async def test_rankings_per_category(client, user_headers, orders):
    url = "/relatorios/fechamentos/rankings"
    sellers = (await client.get(f"{url}/vendedor", params=RANGE, headers=user_headers)).json()
    assert sellers["category"] == "vendedor"
    assert sellers["rankings"] == [
        {"name": "Maria", "pedidos": 2, "items": 2, "revenue": 110.0},
        {"name": "João", "pedidos": 1, "items": 1, "revenue": 40.0},
    ]
    clients = (await client.get(f"{url}/cliente", params={**RANGE, "limit": 1}, headers=user_headers)).json()
    assert clients["rankings"] == [{"name": "Ana", "pedidos": 1, "items": 2, "revenue": 110.0}]
    tipos = (await client.get(f"{url}/tipo_producao", params=RANGE, headers=user_headers)).json()["rankings"]
    assert [(t["name"], t["revenue"]) for t in tipos] == [("painel", 110.0), ("lona", 40.0)]


async def test_rankings_filtered_by_a_seller_count_only_that_sellers_items(client, user_headers, orders):
    url = "/relatorios/fechamentos/rankings"
    params = {**RANGE, "vendedor": "João"}
    tipos = (await client.get(f"{url}/tipo_producao", params=params, headers=user_headers)).json()["rankings"]
    assert [(t["name"], t["pedidos"], t["revenue"]) for t in tipos] == [("lona", 1, 40.0)]
    clients = (await client.get(f"{url}/cliente", params=params, headers=user_headers)).json()["rankings"]
    assert [(c["name"], c["revenue"]) for c in clients] == [("Ana", 110.0)]


@pytest.mark.parametrize(
    "path, params, code",
    [
        ("/statistics", {"start_date": "ontem"}, 400),
        ("/statistics", {"start_date": "2026-03-10", "end_date": "2026-03-01"}, 400),
        ("/statistics", {"date_mode": "x"}, 400),
        ("/trends", {"group_by": "year"}, 422),
        ("/rankings/cor", {}, 404),
        ("/rankings/vendedor", {"limit": 0}, 422),
    ],
)
async def test_bad_input_is_4xx(client, user_headers, path, params, code):
    response = await client.get(f"/relatorios/fechamentos{path}", params=params, headers=user_headers)
    assert response.status_code == code, response.text


async def test_unauthenticated_is_401(client):
    assert (await client.get("/relatorios/fechamentos/statistics")).status_code == 401
