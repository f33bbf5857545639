"""Fields the server owns (id, version, timestamps, is_admin) can never be written by a client."""

from __future__ import annotations

from datetime import date

ORDER = {"cliente": "Dona Maria", "data_entrada": "2026-05-01", "items": [{"descricao": "Painel"}]}
SERVER_OWNED = {"id": 9999, "version": 77, "data_criacao": "2000-01-01T00:00:00", "ultima_atualizacao": "2000-01-01"}


async def test_order_create_ignores_server_owned_fields(client, admin_headers):
    response = await client.post("/pedidos/", json={**ORDER, **SERVER_OWNED}, headers=admin_headers)
    assert response.status_code == 200, response.text
    order = response.json()
    assert order["id"] != 9999
    assert order["version"] == 1
    assert order["data_criacao"].startswith(str(date.today().year))
    assert order["ultima_atualizacao"].startswith(str(date.today().year))


async def test_order_patch_cannot_move_its_id_or_rewrite_its_creation(client, admin_headers):
    order = (await client.post("/pedidos/", json=ORDER, headers=admin_headers)).json()
    patch = {"id": order["id"] + 500, "data_criacao": "2000-01-01T00:00:00", "observacao": "nova"}
    response = await client.patch(f"/pedidos/{order['id']}", json=patch, headers=admin_headers)
    assert response.status_code == 200, response.text
    after = (await client.get(f"/pedidos/{order['id']}", headers=admin_headers)).json()
    assert after["id"] == order["id"]
    assert after["data_criacao"] == order["data_criacao"]
    assert after["observacao"] == "nova"
    assert (await client.get(f"/pedidos/{order['id'] + 500}", headers=admin_headers)).status_code == 404


async def test_lookup_records_ignore_a_client_chosen_id_and_timestamps(client, user_headers):
    body = {"id": 4242, "name": "Máquina X", "created_at": "2000-01-01T00:00:00"}
    response = await client.post("/maquinas", json=body, headers=user_headers)
    assert response.status_code == 201, response.text
    assert response.json()["id"] != 4242
    assert not response.json()["created_at"].startswith("2000")


async def test_admin_user_edits_cannot_rewrite_creation_time(client, admin_headers, seller):
    response = await client.patch(
        f"/users/{seller.id}", json={"created_at": "2000-01-01T00:00:00", "id": 777}, headers=admin_headers
    )
    assert response.status_code == 200
    assert response.json()["id"] == seller.id
    assert not response.json()["created_at"].startswith("2000")


async def test_a_nul_character_in_text_is_422_on_every_database(client, user_headers):
    response = await client.post("/designers", json={"nome": "Ana\x00Paula"}, headers=user_headers)
    assert response.status_code == 422
