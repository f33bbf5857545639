"""The fast read paths (cached pages, one-hop user check) never serve stale data or a stopped user."""

from __future__ import annotations

from sqlalchemy import delete, update

from auth.models import User
from pedidos.orders.models import Pedido, PedidoItem

MONTH = "/pedidos/?data_inicio=2026-03-01&data_fim=2026-03-31&limit=50"


async def test_month_page_sees_writes_from_other_connections(client, admin_headers, make_pedido, session):
    first = await make_pedido(data_entrada="2026-03-10")
    page = await client.get(MONTH, headers=admin_headers)
    assert [o["id"] for o in page.json()] == [first["id"]]
    assert page.headers["X-Total-Count"] == "1"

    second = await make_pedido(data_entrada="2026-03-11")
    page = await client.get(MONTH, headers=admin_headers)
    assert [o["id"] for o in page.json()] == [second["id"], first["id"]]
    assert page.headers["X-Total-Count"] == "2"

    # Another worker (here: another connection) deletes an order: the next page no longer has it.
    session.execute(delete(PedidoItem).where(PedidoItem.pedido_id == first["id"]))
    session.execute(delete(Pedido).where(Pedido.id == first["id"]))
    session.commit()
    page = await client.get(MONTH, headers=admin_headers)
    assert [o["id"] for o in page.json()] == [second["id"]]
    assert page.headers["X-Total-Count"] == "1"


async def test_deactivated_user_stops_at_once_on_fast_reads(client, make_pedido, seller, user_headers, session):
    order = await make_pedido(headers=user_headers, data_entrada="2026-03-10")
    for path in (f"/pedidos/{order['id']}", MONTH):
        assert (await client.get(path, headers=user_headers)).status_code == 200
    session.execute(update(User).where(User.id == seller.id).values(is_active=False))
    session.commit()
    for path in (f"/pedidos/{order['id']}", MONTH):
        assert (await client.get(path, headers=user_headers)).status_code == 401
    assert (
        await client.post("/pedidos/", json={"cliente": "X", "data_entrada": "2026-03-10"}, headers=user_headers)
    ).status_code == 401


async def test_user_check_survives_other_writes_but_not_a_change_to_users(
    client, make_pedido, seller, user_headers, admin_headers, session, monkeypatch
):
    from auth import service

    order = await make_pedido(headers=user_headers, data_entrada="2026-03-10")
    await make_pedido(headers=admin_headers, data_entrada="2026-03-11")
    assert (await client.get(f"/pedidos/{order['id']}", headers=user_headers)).status_code == 200
    checks = []
    original = service.active_user
    monkeypatch.setattr(service, "active_user", lambda *args: checks.append(1) or original(*args))
    await make_pedido(headers=admin_headers, data_entrada="2026-03-12")  # orders changed, users did not
    assert (await client.get(f"/pedidos/{order['id']}", headers=user_headers)).status_code == 200
    assert (await client.get(MONTH, headers=user_headers)).status_code == 200
    if session.get_bind().dialect.name == "sqlite":  # PostgreSQL checks the user on every request
        assert checks == []
    # Any change to users, by any connection (here: not through the API), is seen at once.
    session.execute(update(User).where(User.id == seller.id).values(is_active=False))
    session.commit()
    assert (await client.get(f"/pedidos/{order['id']}", headers=user_headers)).status_code == 401


async def test_logged_out_token_stops_at_once_on_fast_reads(client, make_pedido, user_headers):
    order = await make_pedido(headers=user_headers)
    assert (await client.get(f"/pedidos/{order['id']}", headers=user_headers)).status_code == 200
    assert (await client.post("/auth/logout", headers=user_headers)).status_code == 200
    assert (await client.get(f"/pedidos/{order['id']}", headers=user_headers)).status_code == 401
    assert (await client.get("/pedidos/", headers=user_headers)).status_code == 401


async def test_reads_on_the_event_loop_fall_back_to_a_thread_when_the_database_is_busy(
    client, admin_headers, make_pedido, monkeypatch
):
    from sqlalchemy.exc import OperationalError

    from database import engine as engines

    order = await make_pedido()

    class BusyEngine:
        def connect(self):
            raise OperationalError("BEGIN", {}, Exception("database is locked"))

        raw_connection = connect

    if engines.loop_engine is not None:  # SQLite: the read that would wait is retried in a thread
        monkeypatch.setattr(engines, "loop_engine", BusyEngine())
    response = await client.get(f"/pedidos/{order['id']}", headers=admin_headers)
    assert response.status_code == 200
    assert response.json() == order
    # A create's user check goes the same way (the second one: the first changed the database).
    for _ in range(2):
        body = {"cliente": "X", "data_entrada": "2026-03-10"}
        assert (await client.post("/pedidos/", json=body, headers=admin_headers)).status_code == 200
