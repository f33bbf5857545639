"""Shipping report, financial closing, saved report templates."""

from __future__ import annotations

JANUARY = {"data_inicio": "2026-01-01", "data_fim": "2026-01-31"}


async def test_envios_groups_orders_and_freight_by_method_and_day(client, user_headers, dataset):
    response = await client.get("/relatorios-envios/", params=JANUARY, headers=user_headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["formas"] == [
        {"forma_envio": "PAC", "total_pedidos": 2, "valor_frete": "20.00", "valor_total": "140.00"},
        {"forma_envio": "Motoboy", "total_pedidos": 1, "valor_frete": "0.00", "valor_total": "20.00"},
    ]
    assert [(d["data"], d["forma_envio"]) for d in body["dias"]] == [
        ("2026-01-02", "Motoboy"),
        ("2026-01-10", "PAC"),
        ("2026-01-16", "PAC"),
    ]
    assert body["valor_frete"] == "20.00" and body["total_pedidos"] == 3


async def test_envios_pedidos_lists_orders_by_delivery_date(client, user_headers, dataset):
    response = await client.get("/relatorios-envios/pedidos", params=JANUARY, headers=user_headers)
    assert response.status_code == 200
    assert [p["numero"] for p in response.json()] == ["0000000003", "0000000001", "0000000005"]


async def test_financial_closing_totals_by_payment_and_stage(client, user_headers, dataset):
    response = await client.get("/relatorios-fechamentos/financeiro", params=JANUARY, headers=user_headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["totais"] == {
        "total_pedidos": 3,
        "valor_servico": "170.00",
        "valor_frete": "25.00",
        "desconto": "10.00",
        "valor_total": "185.00",
    }
    assert [(p["tipo_pagamento"], p["total_pedidos"], p["valor_total"]) for p in body["por_tipo_pagamento"]] == [
        ("1", 1, "100.00"),
        ("2", 2, "85.00"),
    ]
    assert [(e["etapa"], e["total_pedidos"]) for e in body["por_etapa"]] == [
        ("pronto", 1),
        ("conferencia", 1),
        ("sublimacao", 1),
    ]


async def test_report_templates_return_what_was_put(client, user_headers):
    empty = await client.get("/relatorios/templates", headers=user_headers)
    assert empty.status_code == 200 and empty.json() == {}
    saved = {
        "templates": [{"nome": "Fechamento mensal", "filtros": {"report_type": "sintetico_cliente", "status": "Todos"}}]
    }
    put = await client.put("/relatorios/templates/", json=saved, headers=user_headers)
    assert put.status_code == 200 and put.json() == saved
    again = await client.get("/relatorios/templates", headers=user_headers)
    assert again.json() == saved
    replaced = await client.put("/relatorios/templates", json=[{"nome": "Só um"}], headers=user_headers)
    assert replaced.status_code == 200
    assert (await client.get("/relatorios/templates", headers=user_headers)).json() == [{"nome": "Só um"}]


async def test_report_templates_need_a_token(client):
    assert (await client.get("/relatorios/templates")).status_code == 401
    assert (await client.put("/relatorios/templates", json={})).status_code == 401
