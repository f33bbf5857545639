"""What an id shows after its order is gone: a deleted draft nothing, a deleted order its last state
until a new order takes the id (SQLite hands out max(id) + 1; both do after reset-ids), and a
draft's images only to whoever may see the draft."""

from __future__ import annotations

from tests.conftest import IS_POSTGRES
from tests.pedidos.conftest import jpeg_bytes
from tests.pedidos.drafts_support import save_draft, tab_item


async def _history(client, headers, pedido_id: int):
    return await client.get(f"/pedidos/{pedido_id}/historico", headers=headers)


async def test_a_deleted_drafts_history_is_gone_like_the_draft(client, user_headers, admin_headers):
    for deleter in (user_headers, admin_headers):
        draft = await save_draft(client, user_headers)
        await client.patch(f"/pedidos/{draft['id']}", json={"cliente": "Outro"}, headers=user_headers)
        assert (await _history(client, user_headers, draft["id"])).status_code == 200
        assert (await client.delete(f"/pedidos/{draft['id']}", headers=deleter)).status_code == 200
        for reader in (user_headers, admin_headers):
            assert (await client.get(f"/pedidos/{draft['id']}", headers=reader)).status_code == 404
            response = await _history(client, reader, draft["id"])
            assert response.status_code == 404 and response.json() == {"detail": "Pedido não encontrado"}


async def test_an_id_never_used_has_no_history(client, user_headers):
    assert (await _history(client, user_headers, 424242)).status_code == 404


async def test_a_new_order_under_a_deleted_orders_id_shows_only_its_own_history(
    client, admin_headers, user_headers, make_pedido
):
    await make_pedido()
    last = await make_pedido()
    await client.patch(f"/pedidos/{last['id']}", json={"observacao": "antiga"}, headers=admin_headers)
    assert (await client.delete(f"/pedidos/{last['id']}", headers=admin_headers)).status_code == 200
    kept = (await _history(client, user_headers, last["id"])).json()
    assert [row["acao"] for row in kept] == ["create", "update", "delete"]  # its last state stays

    new = await make_pedido()
    if not IS_POSTGRES:
        assert new["id"] == last["id"]  # SQLite's rowid: max(id) + 1
    rows = (await _history(client, user_headers, new["id"])).json()
    assert [(row["acao"], row["valor_novo"]["numero"]) for row in rows] == [("create", new["numero"])]


async def test_after_reset_ids_reused_ids_show_only_the_new_orders_history(client, admin_headers, make_pedido):
    old = [await make_pedido() for _ in range(2)]
    await client.patch(f"/pedidos/{old[0]['id']}", json={"observacao": "antiga"}, headers=admin_headers)
    assert (await client.delete("/pedidos/all", params={"confirm": "true"}, headers=admin_headers)).status_code == 200
    assert (await client.post("/pedidos/reset-ids", headers=admin_headers)).status_code == 200
    new = await make_pedido()
    assert new["id"] == old[0]["id"] == 1
    rows = (await _history(client, admin_headers, new["id"])).json()
    assert [(row["acao"], row["valor_novo"]["numero"]) for row in rows] == [("create", new["numero"])]
    assert (await _history(client, admin_headers, old[1]["id"])).json()[-1]["acao"] == "delete"


async def test_an_image_of_someone_elses_draft_is_not_found(client, user_headers, other_user_headers, admin_headers):
    draft = await save_draft(client, user_headers, items=[tab_item()])
    response = await client.post(
        f"/pedidos/{draft['id']}/imagens",
        files={"image": ("x.jpg", jpeg_bytes())},
        data={"item_index": "0"},
        headers=user_headers,
    )
    assert response.status_code == 200, response.text
    url = response.json()["imagem"]
    assert (await client.get(url, headers=other_user_headers)).status_code == 404
    assert (await client.get(url, headers=other_user_headers)).json() == {"detail": "Imagem não encontrada"}
    for allowed in (user_headers, admin_headers):
        assert (await client.get(url, headers=allowed)).status_code == 200
