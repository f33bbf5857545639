"""/automacao/pedidos/metragem, /producao/estatisticas and /producao/tecidos on the materials fixture.

As the original, every status counts (the cancelled C too) unless `status` filters; the draft D never.
"""

from __future__ import annotations

import pytest

JANEIRO = {"data_inicio": "2026-01-01", "data_fim": "2026-01-31"}
PERIODO = {"data_inicio": "2026-01-01", "data_fim": "2026-01-31", "date_mode": "entrada"}


async def test_metragem_per_order(client, admin_headers, orders):
    made = await orders()
    response = await client.get("/automacao/pedidos/metragem", params=JANEIRO, headers=admin_headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert {key: body[key] for key in PERIODO} == PERIODO
    rows = {row["cliente"]: row for row in body["items"]}
    assert set(rows) == {"Cliente A", "Cliente B", "Cliente C"}
    assert rows["Cliente A"] == {
        "pedido_id": made["A"]["id"],
        "numero": made["A"]["numero"],
        "cliente": "Cliente A",
        "data_entrada": "2026-01-10",
        "data_entrega": "2026-01-10",
        "status": "pendente",
        "total_itens": 2,
        "total_metragem": 8.0,
        "valor_total": 30.0,  # the server's total from the items (pedidos/orders/pricing.py), not the 500.00 sent
    }
    assert rows["Cliente B"]["total_metragem"] == 7.0
    assert rows["Cliente C"]["total_metragem"] == 100.0
    by_client = await client.get(
        "/automacao/pedidos/metragem", params={**JANEIRO, "cliente": "cliente b"}, headers=admin_headers
    )
    assert [row["cliente"] for row in by_client.json()["items"]] == ["Cliente B"]
    limited = await client.get("/automacao/pedidos/metragem", params={"limit": 1, "skip": 1}, headers=admin_headers)
    assert [row["pedido_id"] for row in limited.json()["items"]] == [made["B"]["id"]]


async def test_statistics_per_product_type(client, admin_headers, orders):
    await orders()
    response = await client.get("/automacao/producao/estatisticas", params=JANEIRO, headers=admin_headers)
    assert response.status_code == 200
    assert response.json()["items"] == [
        # A1 (2 painéis, 5 m², 20.00) + B1 (4 m², 10.00) + the cancelled C (100 m², 10.00)
        {"tipo_producao": "painel", "total_pedidos": 3, "total_itens": 4, "total_metragem": 109.0, "valor_total": 40.0},
        {"tipo_producao": "adesivo", "total_pedidos": 1, "total_itens": 3, "total_metragem": 3.0, "valor_total": 30.0},
        {"tipo_producao": "lona", "total_pedidos": 1, "total_itens": 1, "total_metragem": 3.0, "valor_total": 10.0},
    ]
    pendentes = await client.get(
        "/automacao/producao/estatisticas", params={**JANEIRO, "status": "Pendente"}, headers=admin_headers
    )
    assert pendentes.json()["items"][0] == {
        "tipo_producao": "painel",
        "total_pedidos": 2,
        "total_itens": 3,
        "total_metragem": 9.0,
        "valor_total": 30.0,
    }


async def test_statistics_per_fabric(client, admin_headers, orders):
    await orders()
    response = await client.get(
        "/automacao/producao/tecidos", params={**JANEIRO, "date_mode": "ENTREGA"}, headers=admin_headers
    )
    assert response.status_code == 200
    body = response.json()
    assert body["date_mode"] == "entrega"
    assert body["items"] == [
        {"tecido": "Tactel", "total_pedidos": 2, "total_itens": 4, "total_metragem": 108.0},
        {"tecido": "Oxford", "total_pedidos": 1, "total_itens": 1, "total_metragem": 4.0},
        {"tecido": "Sem Tecido", "total_pedidos": 1, "total_itens": 3, "total_metragem": 3.0},
    ]
    cancelados = await client.get(
        "/automacao/producao/tecidos", params={**JANEIRO, "status": "cancelado"}, headers=admin_headers
    )
    assert cancelados.json()["items"] == [
        {"tecido": "Tactel", "total_pedidos": 1, "total_itens": 1, "total_metragem": 100.0}
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/automacao/pedidos/metragem",
        "/automacao/producao/estatisticas",
        "/automacao/producao/tecidos",
        "/automacao/producao/alertas",
        "/automacao/pedido/1",
    ],
)
async def test_automacao_needs_a_token(client, path):
    assert (await client.get(path)).status_code == 401


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/automacao/pedidos/metragem", {"data_inicio": "2026-02-30"}),
        ("/automacao/pedidos/metragem", {"date_mode": "qualquer"}),
        ("/automacao/pedidos/metragem", {"limit": 0}),
        ("/automacao/producao/estatisticas", {"status": "perdido"}),
        ("/automacao/producao/tecidos", {"data_fim": "amanhã"}),
        ("/automacao/producao/alertas", {"limit": 0}),
        ("/automacao/producao/alertas", {"limit": 5001}),
    ],
)
async def test_bad_parameters_are_422(client, admin_headers, path, params):
    assert (await client.get(path, params=params, headers=admin_headers)).status_code == 422
