"""query.from_query: the order list's query string, validated in one call, as FastAPI would."""

from __future__ import annotations


async def test_list_filters_from_the_query_string(client, admin_headers, make_pedido):
    first = await make_pedido(data_entrada="2026-03-10")
    await make_pedido(data_entrada="2026-04-10")
    await client.patch(f"/pedidos/{first['id']}", json={"status": "em_producao"}, headers=admin_headers)
    both = await client.get("/pedidos?status=pendente&status=em_producao&limit=1&skip=1", headers=admin_headers)
    assert both.status_code == 200 and both.headers["X-Total-Count"] == "2" and len(both.json()) == 1
    only = await client.get("/pedidos?status=em_producao&unknown=1", headers=admin_headers)  # unknown keys ignored
    assert [o["id"] for o in only.json()] == [first["id"]]


async def test_malformed_query_is_422_naming_the_parameter(client, admin_headers):
    for query, loc in (
        ("status=feito", ["query", "status", 0]),
        ("limit=0", ["query", "limit"]),
        ("skip=-1", ["query", "skip"]),
        ("prioridade=URGENTE", ["query", "prioridade"]),
        ("cliente=" + "x" * 201, ["query", "cliente"]),
    ):
        response = await client.get(f"/pedidos?{query}", headers=admin_headers)
        assert response.status_code == 422, query
        assert response.json()["detail"][0]["loc"] == loc, query


async def test_list_parameters_are_documented(client):
    schema = (await client.get("/openapi.json")).json()
    documented = {p["name"]: p for p in schema["paths"]["/pedidos"]["get"]["parameters"]}
    assert {"skip", "limit", "status", "cliente", "data_inicio", "data_fim", "date_mode"} <= set(documented)
    assert documented["status"]["schema"]["items"]["enum"][0] == "pendente"
