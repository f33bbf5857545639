"""GET /pedidos: filters alone and combined, pages, totals, paths without slash."""

from __future__ import annotations

import pytest

from tests.pedidos.conftest import pedido_body


@pytest.fixture
async def orders(client, admin_headers):
    specs = [
        dict(numero="A1", cliente="José Açaí", data_entrada="2026-01-05", data_entrega="2026-02-10", prioridade="ALTA"),
        dict(numero="A2", cliente="Maria", data_entrada="2026-01-20", data_entrega="2026-01-25", status="em_producao"),
        dict(numero="A3", cliente="JOSE acai Filho", data_entrada="2026-02-03", data_entrega="2026-02-04"),
        dict(numero="A4", cliente="Pedro", data_entrada="2025-12-30", data_entrega="2026-01-15", status="cancelado"),
    ]
    created = []
    for spec in specs:
        items = [{"descricao": "x", "vendedor": "Ana" if spec["numero"] in ("A1", "A2") else "Rui", "designer": "Bia"}]
        response = await client.post("/pedidos", json=pedido_body(items=items, **spec), headers=admin_headers)
        created.append(response.json())
    return created


async def numeros(client, headers, **params):
    response = await client.get("/pedidos/", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return sorted(o["numero"] for o in response.json()), int(response.headers["x-total-count"])


async def test_seed_doc_period_by_delivery_date(client, admin_headers, orders):
    response = await client.get(
        "/pedidos/?data_inicio=2026-01-01&data_fim=2026-01-31&date_mode=entrega", headers=admin_headers
    )
    assert sorted(o["numero"] for o in response.json()) == ["A2", "A4"]


async def test_each_filter_alone(client, admin_headers, orders):
    assert await numeros(client, admin_headers) == (["A1", "A2", "A3", "A4"], 4)
    assert await numeros(client, admin_headers, status="em_producao") == (["A2"], 1)
    assert await numeros(client, admin_headers, cliente="jose acai") == (["A1", "A3"], 2)
    assert await numeros(client, admin_headers, data_inicio="2026-01-01", data_fim="2026-01-31") == (["A1", "A2"], 2)
    assert await numeros(client, admin_headers, data_inicio="2026-02-01") == (["A3"], 1)
    assert await numeros(client, admin_headers, data_fim="2026-01-01") == (["A4"], 1)
    assert await numeros(
        client, admin_headers, data_inicio="2026-02-01", data_fim="2026-02-28", date_mode="qualquer"
    ) == (["A1", "A3"], 2)
    assert await numeros(client, admin_headers, prioridade="ALTA") == (["A1"], 1)
    assert await numeros(client, admin_headers, q="A3") == (["A3"], 1)
    assert await numeros(client, admin_headers, vendedor="ana") == (["A1", "A2"], 2)
    assert await numeros(client, admin_headers, designer="Bia") == (["A1", "A2", "A3", "A4"], 4)


async def test_filters_combined(client, admin_headers, orders):
    params = [("status", "pendente"), ("status", "cancelado"), ("cliente", "josé"), ("data_inicio", "2026-01-01")]
    response = await client.get("/pedidos", params=params, headers=admin_headers)
    assert [o["numero"] for o in response.json()] == ["A3", "A1"]
    assert await numeros(client, admin_headers, vendedor="Rui", status="cancelado") == (["A4"], 1)


async def test_newest_first_pages_and_totals(client, admin_headers, orders):
    all_orders = (await client.get("/pedidos", headers=admin_headers)).json()
    assert [o["numero"] for o in all_orders] == ["A4", "A3", "A2", "A1"]
    page = await client.get("/pedidos", params={"skip": 1, "limit": 2}, headers=admin_headers)
    assert [o["numero"] for o in page.json()] == ["A3", "A2"] and page.headers["x-total-count"] == "4"
    past_end = await client.get("/pedidos", params={"skip": 10}, headers=admin_headers)
    assert past_end.json() == [] and past_end.headers["x-total-count"] == "4"
    ordered = await client.get("/pedidos", params={"ordenar": "numero"}, headers=admin_headers)
    assert [o["numero"] for o in ordered.json()] == ["A1", "A2", "A3", "A4"]


async def test_bad_parameters(client, admin_headers, orders):
    assert (await client.get("/pedidos", params={"data_inicio": "ontem"}, headers=admin_headers)).status_code == 400
    response = await client.get(
        "/pedidos", params={"data_inicio": "2026-02-01", "data_fim": "2026-01-01"}, headers=admin_headers
    )
    assert response.status_code == 400
    assert (await client.get("/pedidos", params={"status": "feito"}, headers=admin_headers)).status_code == 422
    assert (await client.get("/pedidos", params={"limit": 0}, headers=admin_headers)).status_code == 422
    assert (await client.get("/pedidos", params={"ordenar": "senha"}, headers=admin_headers)).status_code == 400


async def test_paths_answer_with_and_without_slash(client, admin_headers, orders):
    for path in ("/pedidos", "/pedidos/", "/pedidos/total", "/pedidos/total/", f"/pedidos/{orders[0]['id']}/"):
        response = await client.get(path, headers=admin_headers)
        assert response.status_code == 200, path


async def test_total_and_by_status(client, admin_headers, orders):
    assert (await client.get("/pedidos/total", headers=admin_headers)).json() == {"total": 4}
    by_status = await client.get("/pedidos/status/cancelado", headers=admin_headers)
    assert [o["numero"] for o in by_status.json()] == ["A4"]
    assert (await client.get("/pedidos/status/feito", headers=admin_headers)).status_code == 400


async def test_get_unknown_is_404(client, admin_headers):
    response = await client.get("/pedidos/999", headers=admin_headers)
    assert response.status_code == 404 and response.json() == {"detail": "Pedido não encontrado"}


async def test_list_reflects_changes_after_cache(client, admin_headers, orders):
    await client.get("/pedidos", headers=admin_headers)  # warm the cache
    order = orders[0]
    await client.patch(f"/pedidos/{order['id']}", json={"observacao": "nova"}, headers=admin_headers)
    listed = {o["id"]: o for o in (await client.get("/pedidos", headers=admin_headers)).json()}
    assert listed[order["id"]]["observacao"] == "nova"


async def test_out_of_range_ids_are_422_not_500(client, admin_headers):
    huge = 2**40
    for method, path in (
        ("GET", f"/pedidos/{huge}"),
        ("PATCH", f"/pedidos/{huge}"),
        ("GET", f"/pedidos/imagens/{huge}"),
    ):
        response = await client.request(method, path, json={}, headers=admin_headers)
        assert response.status_code == 422, path
    response = await client.patch(f"/pedidos/pedido-itens/{huge}", json={"pedido_id": huge}, headers=admin_headers)
    assert response.status_code == 404
    response = await client.post(
        "/pedidos", json={"cliente": "x", "data_entrada": "2026-01-01", "forma_envio_id": huge}, headers=admin_headers
    )
    assert response.status_code == 422
