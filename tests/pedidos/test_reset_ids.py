"""POST /pedidos/reset-ids: admin-only; numbering restarts at id 1 only once every order is gone."""

from __future__ import annotations

from datetime import date

from pedidos.orders.models import Pedido


async def test_refused_while_orders_exist_then_restarts_at_one(client, admin_headers, make_pedido, session):
    first = await make_pedido()
    await make_pedido()
    busy = await client.post("/pedidos/reset-ids", headers=admin_headers)
    assert busy.status_code == 409 and "exclua" in busy.json()["detail"]

    assert (await client.delete("/pedidos/all", params={"confirm": "true"}, headers=admin_headers)).status_code < 300
    session.add(Pedido(numero="9999", cliente="Rascunho", data_entrada=date(2026, 3, 4), rascunho=True))
    session.commit()
    draft_left = await client.post("/pedidos/reset-ids", headers=admin_headers)
    assert draft_left.status_code == 409  # a draft is an order too
    session.query(Pedido).delete()
    session.commit()

    reset = await client.post("/pedidos/reset-ids", headers=admin_headers)
    assert reset.status_code == 200 and reset.json()["success"] is True
    again = await make_pedido()
    assert again["id"] == 1 and first["id"] == 1  # counted from 1 again
    assert again["items"][0]["id"] is not None


async def test_admin_only_and_authenticated(client, user_headers):
    assert (await client.post("/pedidos/reset-ids", headers=user_headers)).status_code == 403
    assert (await client.post("/pedidos/reset-ids")).status_code == 401
