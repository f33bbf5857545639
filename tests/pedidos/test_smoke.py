from tests.pedidos.conftest import pedido_body


async def test_create_and_get(client, admin_headers):
    r = await client.post("/pedidos/", json=pedido_body(numero="001"), headers=admin_headers)
    assert r.status_code == 200, r.text
    body = r.json()
    print(body)
    r2 = await client.get(f"/pedidos/{body['id']}", headers=admin_headers)
    assert r2.json() == body
    r3 = await client.get("/pedidos", headers=admin_headers)
    assert r3.json() == [body]
