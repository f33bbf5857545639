"""The seed's summary endpoints over the hand-built dataset (January 2026 by data_entrada)."""

from __future__ import annotations

import pytest

BASE = "/relatorios-fechamentos/pedidos"
JANUARY = {"data_inicio": "2026-01-01", "data_fim": "2026-01-31"}


async def get(client, headers, path, **params):
    response = await client.get(f"{BASE}/{path}", params={**JANUARY, **params}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_cancelled_orders_are_left_out_unless_asked_for(client, user_headers, dataset):
    assert (await get(client, user_headers, "quantidade"))["total"] == 3
    assert (await get(client, user_headers, "quantidade", incluir_cancelados="true"))["total"] == 4
    assert (await get(client, user_headers, "valor-total"))["valor_total"] == "185.00"
    assert (await get(client, user_headers, "valor-total", incluir_cancelados="true"))["valor_total"] == "198.00"
    assert (await get(client, user_headers, "quantidade", status="Cancelado"))["total"] == 1


async def test_valor_total_sums_order_values_with_the_average_ticket(client, user_headers, dataset):
    body = await get(client, user_headers, "valor-total")
    assert body["total_pedidos"] == 3
    assert (body["valor_total"], body["valor_itens"], body["valor_frete"]) == ("185.00", "170.00", "25.00")
    assert body["ticket_medio"] == "61.67"


async def test_por_status_counts_each_status(client, user_headers, dataset):
    body = await get(client, user_headers, "por-status")
    assert body["status"] == [
        {"status": "em_producao", "total_pedidos": 1, "valor_total": "40.00"},
        {"status": "pendente", "total_pedidos": 1, "valor_total": "100.00"},
        {"status": "pronto", "total_pedidos": 1, "valor_total": "45.00"},
    ]
    assert body["total_pedidos"] == 3


async def test_por_cliente_has_the_seed_shape(client, user_headers, dataset):
    body = await get(client, user_headers, "por-cliente")
    assert body["total_clientes"] == 3
    assert body["clientes"] == [
        {"cliente": "José Álvares", "total_pedidos": 1, "valor_total": "100.00"},
        {"cliente": "Maria", "total_pedidos": 1, "valor_total": "45.00"},
        {"cliente": "Cliente não informado", "total_pedidos": 1, "valor_total": "40.00"},
    ]


async def test_entrega_mode_selects_by_delivery_date(client, user_headers, dataset):
    body = await get(client, user_headers, "por-cliente", date_mode="entrega")
    assert {c["cliente"]: c["total_pedidos"] for c in body["clientes"]} == {
        "José Álvares": 2,
        "Cliente não informado": 1,
    }


async def test_seller_figures_are_item_level_with_quantity_and_area(client, user_headers, dataset):
    body = await get(client, user_headers, "por-vendedor")
    assert body["total_vendedores"] == 2
    assert body["vendedores"] == [
        {
            "vendedor": "Carlos",
            "total_pedidos": 2,
            "total_itens": 5,
            "quantidade": 6,
            "valor_total": "120.00",
            "area_m2": 4.0,
        },
        {
            "vendedor": "Dora",
            "total_pedidos": 1,
            "total_itens": 1,
            "quantidade": 3,
            "valor_total": "50.00",
            "area_m2": 1.5,
        },
    ]


async def test_designer_figures_are_item_level(client, user_headers, dataset):
    body = await get(client, user_headers, "por-designer")
    assert body["designers"][0] == {
        "designer": "Ana",
        "total_pedidos": 3,
        "total_itens": 5,
        "quantidade": 8,
        "valor_total": "140.00",
        "area_m2": 4.5,
    }
    assert body["designers"][1]["designer"] == "Bruno"


async def test_product_type_figures_include_unpriced_items_at_zero(client, user_headers, dataset):
    body = await get(client, user_headers, "por-tipo-producao")
    by_type = {t["tipo_producao"]: t for t in body["tipos"]}
    assert by_type["painel"]["valor_total"] == "90.00" and by_type["painel"]["total_itens"] == 3
    assert by_type["generica"]["valor_total"] == "0.00" and by_type["generica"]["total_itens"] == 1
    assert body["total_tipos"] == 4


async def test_daily_trend_has_every_day_with_zeros_and_changes(client, user_headers, dataset):
    body = await get(client, user_headers, "tendencia", agrupamento="dia")
    assert body["total_periodos"] == 31
    days = {p["periodo"]: p for p in body["periodos"]}
    assert days["2026-01-05"]["total_pedidos"] == 1 and days["2026-01-05"]["valor_total"] == "100.00"
    assert days["2026-01-06"] == {
        "periodo": "2026-01-06",
        "inicio": "2026-01-06",
        "fim": "2026-01-06",
        "total_pedidos": 0,
        "valor_total": "0.00",
        "ticket_medio": "0.00",
        "variacao_pedidos": -100.0,
        "variacao_valor": -100.0,
    }
    assert days["2026-01-07"]["variacao_pedidos"] is None  # nothing to compare with after an empty day


async def test_weekly_trend_crosses_the_year_boundary_with_empty_weeks(client, user_headers, dataset):
    body = await get(
        client, user_headers, "tendencia", agrupamento="semana", data_inicio="2025-12-20", data_fim="2026-01-10"
    )
    weeks = [(p["periodo"], p["inicio"], p["fim"], p["total_pedidos"], p["valor_total"]) for p in body["periodos"]]
    assert weeks == [
        ("2025-W51", "2025-12-20", "2025-12-21", 0, "0.00"),
        ("2025-W52", "2025-12-22", "2025-12-28", 1, "20.00"),
        ("2026-W01", "2025-12-29", "2026-01-04", 0, "0.00"),
        ("2026-W02", "2026-01-05", "2026-01-10", 2, "145.00"),
    ]
    assert body["periodos"][2]["variacao_pedidos"] == -100.0


async def test_monthly_trend_reports_change_and_average_ticket(client, user_headers, dataset):
    body = await get(client, user_headers, "tendencia", agrupamento="mes", data_inicio="2025-12-01")
    dec, jan = body["periodos"]
    assert (dec["periodo"], dec["total_pedidos"], dec["valor_total"]) == ("2025-12", 1, "20.00")
    assert (jan["periodo"], jan["total_pedidos"], jan["valor_total"], jan["ticket_medio"]) == (
        "2026-01",
        3,
        "185.00",
        "61.67",
    )
    assert jan["variacao_pedidos"] == 200.0 and jan["variacao_valor"] == 825.0


async def test_relatorio_semanal_lists_orders_and_needs_both_dates(client, user_headers, dataset):
    response = await client.get(
        f"{BASE}/relatorio-semanal",
        params={"start_date": "2026-01-01", "end_date": "2026-01-31", "date_mode": "entrega"},
        headers=user_headers,
    )
    assert response.status_code == 200
    assert [p["numero"] for p in response.json()] == ["0000000003", "0000000001", "0000000005"]
    assert response.headers["X-Total-Count"] == "3"
    assert response.json()[0]["valor_total"] == "20.00"
    missing = await client.get(f"{BASE}/relatorio-semanal", params={"end_date": "2026-01-31"}, headers=user_headers)
    assert missing.status_code == 422 and "start_date" in missing.json()["detail"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"data_inicio": "31/01/2026"}, 400),
        ({"date_mode": "x"}, 400),
        ({"status": "zzz"}, 400),
        ({"agrupamento": "ano"}, 400),
    ],
)
async def test_bad_summary_parameters_are_400(client, user_headers, params, status):
    response = await client.get(f"{BASE}/tendencia", params=params, headers=user_headers)
    assert response.status_code == status, response.text
