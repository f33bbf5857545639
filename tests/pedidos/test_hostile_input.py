"""Input PostgreSQL cannot store (NUL characters) is refused with 422 on every database, never a 500."""


async def test_nul_characters_are_refused_with_422(client, admin_headers):
    from tests.pedidos.conftest import pedido_body

    response = await client.post("/pedidos", json=pedido_body(cliente="a\x00b"), headers=admin_headers)
    assert response.status_code == 422
    response = await client.post("/pedidos", json=pedido_body(items=[{"extra": "x\x00"}]), headers=admin_headers)
    assert response.status_code == 422
    order = (await client.post("/pedidos", json=pedido_body(), headers=admin_headers)).json()
    item_id = order["items"][0]["id"]
    response = await client.patch(f"/pedidos/pedido-itens/{item_id}", json={"obs": "\x00"}, headers=admin_headers)
    assert response.status_code == 422
    response = await client.post(f"/pedidos/save-json/{order['id']}", json={"a": "\x00"}, headers=admin_headers)
    assert response.status_code == 422


async def test_nul_in_search_parameters_is_a_clear_422(client, admin_headers):
    for name in ("cliente", "q", "vendedor", "designer"):
        response = await client.get("/pedidos", params={name: "a\x00"}, headers=admin_headers)
        assert response.status_code == 422, name
        assert "nulo" in response.json()["detail"]
