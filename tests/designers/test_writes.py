"""PATCH status-arte and POST comentarios: one item's server-owned field, written as an order write."""

from __future__ import annotations

import orjson
from sqlalchemy import select

from pedidos.orders.models import OrderEvent, PedidoHistorico
from tests.designers.conftest import art_item, make_draft, panel, set_order


async def order_json(client, headers, order_id):
    return (await client.get(f"/pedidos/{order_id}", headers=headers)).json()


def events(session, order_id):
    session.expire_all()
    rows = session.execute(select(OrderEvent).where(OrderEvent.order_id == order_id).order_by(OrderEvent.id))
    return list(rows.scalars())


def history_rows(session, order_id, campo):
    session.expire_all()
    query = select(PedidoHistorico).where(PedidoHistorico.pedido_id == order_id, PedidoHistorico.campo == campo)
    return list(session.execute(query).scalars())


async def test_status_arte_changes_only_that_field(client, session, user_headers, seller, make_art_order):
    order = await make_art_order(art_item(), art_item(descricao="Outro"))
    item_id = order["items"][1]["id"]
    before = await order_json(client, user_headers, order["id"])
    response = await client.patch(
        f"/designers/itens/{item_id}/status-arte", json={"status_arte": "liberado"}, headers=user_headers
    )
    assert response.status_code == 200, response.text
    row = response.json()
    assert row["item_id"] == item_id and row["status_arte"] == "liberado" and row["descricao"] == "Outro"
    after = await order_json(client, user_headers, order["id"])
    version = before["version"] + 1
    assert after["version"] == version
    assert after["items"][1]["status_arte"] == "liberado"
    for changed in (before, after):
        changed.pop("version"), changed.pop("ultima_atualizacao"), changed["items"][1].pop("status_arte")
    assert after == before
    [row] = history_rows(session, order["id"], "items[1].status_arte")
    assert (row.valor_anterior, row.valor_novo, row.username) == ("aguardando", "liberado", seller.username)
    last = events(session, order["id"])[-1]
    message = orjson.loads(last.payload)
    assert last.type == "order_updated" and message["order"]["items"][1]["status_arte"] == "liberado"
    assert message["order"]["version"] == version
    listed = await panel(client, user_headers)
    assert [r["status_arte"] for r in listed] == ["aguardando", "liberado"]
    back = await client.patch(
        f"/designers/itens/{item_id}/status-arte", json={"status_arte": "aguardando"}, headers=user_headers
    )
    assert back.json()["status_arte"] == "aguardando"


async def test_status_arte_takes_only_the_two_values(client, user_headers, make_art_order):
    order = await make_art_order()
    url = f"/designers/itens/{order['items'][0]['id']}/status-arte"
    for body in ({"status_arte": "LIBERADO"}, {"status_arte": "pronto"}, {"status_arte": None}, {}, [], "x"):
        assert (await client.patch(url, json=body, headers=user_headers)).status_code == 422, body
    assert (await client.patch(url, content=b"{", headers=user_headers)).status_code == 422


async def test_invented_item_ids_resolve(client, user_headers, make_art_order):
    order = await make_art_order(art_item(), art_item())
    invented = order["id"] * 1000 + 1
    response = await client.patch(
        f"/designers/itens/{invented}/status-arte", json={"status_arte": "liberado"}, headers=user_headers
    )
    assert response.status_code == 200 and response.json()["item_id"] == order["items"][1]["id"]


async def test_items_of_closed_drafts_or_unknown_are_404(client, session, user_headers, make_art_order):
    cancelled, delivered = await make_art_order(), await make_art_order()
    set_order(session, cancelled["id"], status="cancelado")
    set_order(session, delivered["id"], status="entregue")
    draft_item = make_draft(session)
    ids = [cancelled["items"][0]["id"], delivered["items"][0]["id"], draft_item.id, 999_999]
    for item_id in ids:
        for call in (
            client.patch(
                f"/designers/itens/{item_id}/status-arte", json={"status_arte": "liberado"}, headers=user_headers
            ),
            client.post(f"/designers/itens/{item_id}/comentarios", json={"texto": "oi"}, headers=user_headers),
        ):
            response = await call
            assert response.status_code == 404
            assert response.json()["detail"] == f"Item {item_id} não encontrado em nenhum pedido ativo."
    for bad in ("abc", "-1", str(10**16)):
        url = f"/designers/itens/{bad}/status-arte"
        assert (await client.patch(url, json={"status_arte": "liberado"}, headers=user_headers)).status_code == 422


async def test_comment_author_is_the_token_user(client, session, user_headers, seller, make_art_order):
    order = await make_art_order()
    item_id = order["items"][0]["id"]
    url = f"/designers/itens/{item_id}/comentarios"
    response = await client.post(url, json={"texto": "  Falta a logo  ", "autor": "Chefe"}, headers=user_headers)
    assert response.status_code == 200, response.text
    [comment] = response.json()["comentarios"]
    assert comment["autor"] == seller.username and comment["texto"] == "Falta a logo"
    assert len(comment["id"]) == 36 and comment["data"].startswith("20")
    second = (await client.post(url, json={"texto": "ok"}, headers=user_headers)).json()["comentarios"]
    assert [c["texto"] for c in second] == ["Falta a logo", "ok"]
    stored = (await order_json(client, user_headers, order["id"]))["items"][0]
    assert [c["texto"] for c in stored["comentarios"]] == ["Falta a logo", "ok"]
    assert len(history_rows(session, order["id"], "items[0].comentarios")) == 2
    assert [e.type for e in events(session, order["id"])][-2:] == ["order_updated", "order_updated"]
    assert (await panel(client, user_headers))[0]["comentarios"] == second


async def test_comment_text_is_required_and_bounded(client, user_headers, make_art_order):
    order = await make_art_order()
    url = f"/designers/itens/{order['items'][0]['id']}/comentarios"
    for body in ({}, {"texto": ""}, {"texto": "   "}, {"texto": "x" * 2001}, {"texto": 5}, {"texto": "a\u0000b"}):
        assert (await client.post(url, json=body, headers=user_headers)).status_code == 422, body
    assert (await client.post(url, json={"texto": "x" * 2000}, headers=user_headers)).status_code == 200


async def test_whole_order_and_item_patches_keep_art_status_and_comments(client, user_headers, make_art_order):
    order = await make_art_order(art_item(), art_item(descricao="Segundo"))
    first = order["items"][0]["id"]
    await client.patch(f"/designers/itens/{first}/status-arte", json={"status_arte": "liberado"}, headers=user_headers)
    await client.post(f"/designers/itens/{first}/comentarios", json={"texto": "feito"}, headers=user_headers)
    current = await order_json(client, user_headers, order["id"])
    # The app echoes the items it loaded (stale art fields) and adds one.
    items = [{**item, "status_arte": "aguardando", "comentarios": []} for item in current["items"]]
    items.append({**art_item(descricao="Novo"), "status_arte": "liberado", "comentarios": [{"texto": "forjado"}]})
    response = await client.patch(f"/pedidos/{order['id']}", json={"items": items}, headers=user_headers)
    assert response.status_code == 200, response.text
    kept = response.json()["items"]
    assert kept[0]["status_arte"] == "liberado" and [c["texto"] for c in kept[0]["comentarios"]] == ["feito"]
    assert kept[1]["status_arte"] == "aguardando" and kept[2]["status_arte"] == "aguardando"
    assert kept[2]["comentarios"] == [] and "status_arte" not in kept[2].get("extras", {})
    # One item by PATCH /pedidos/pedido-itens: art fields kept, a new designer moves it to their panel.
    body = {"designer": "Bruno", "status_arte": "aguardando", "comentarios": []}
    response = await client.patch(f"/pedidos/pedido-itens/{first}", json=body, headers=user_headers)
    assert response.status_code == 200, response.text
    item = response.json()["item"]
    assert item["status_arte"] == "liberado" and len(item["comentarios"]) == 1
    assert [r["item_id"] for r in await panel(client, user_headers, "bruno")] == [first]
    assert first not in [r["item_id"] for r in await panel(client, user_headers, "Cecília")]
