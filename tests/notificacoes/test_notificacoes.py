"""Notifications: each user sees their own and the broadcast ones, with their own read state."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from database.base import utcnow
from notificacoes.models import Notificacao
from notificacoes.service import create_notification, notify_overdue_orders
from pedidos.orders.models import OrderEvent
from tests.cadastros.factories import make_pedido
from tests.conftest import bearer, make_user


def _notify(session, **kwargs) -> Notificacao:
    values = {"tipo": "aviso", "titulo": "Aviso", "mensagem": "Texto"} | kwargs
    notificacao = create_notification(session, **values)
    session.commit()
    return notificacao


async def _ids(client, headers, **params) -> list[int]:
    response = await client.get("/notificacoes", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return [n["id"] for n in response.json()]


async def test_users_see_their_own_and_broadcast_ones_newest_first(client, session, seller, admin):
    mine = _notify(session, user_id=seller.id)
    everyone = _notify(session, user_id=None)
    _notify(session, user_id=admin.id)
    assert await _ids(client, bearer(seller)) == [everyone.id, mine.id]
    response = await client.get("/notificacoes/", headers=bearer(seller))
    assert response.headers["X-Total-Count"] == "2"


async def test_another_users_notification_is_404_everywhere(client, session, seller, admin):
    theirs = _notify(session, user_id=admin.id)
    headers = bearer(seller)
    assert (await client.get(f"/notificacoes/{theirs.id}", headers=headers)).status_code == 404
    assert (await client.patch(f"/notificacoes/{theirs.id}/lida", headers=headers)).status_code == 404
    assert (await client.delete(f"/notificacoes/{theirs.id}", headers=headers)).status_code == 404
    session.expire_all()
    assert session.get(Notificacao, theirs.id).lida is False


async def test_mark_read_is_per_user_for_broadcasts(client, session, seller, admin):
    everyone = _notify(session)
    mine = _notify(session, user_id=seller.id)
    response = await client.post(f"/notificacoes/{everyone.id}/lida", headers=bearer(seller))
    assert response.status_code == 200 and response.json()["lida"] is True
    patched = await client.patch(f"/notificacoes/{mine.id}/lida", headers=bearer(seller))
    assert patched.json()["lida"] is True

    assert await _ids(client, bearer(seller), lidas="false") == []
    assert await _ids(client, bearer(seller), lidas="true") == [mine.id, everyone.id]
    assert await _ids(client, bearer(admin), lidas="false") == [everyone.id]


async def test_mark_all_read(client, session, seller, admin):
    _notify(session)
    _notify(session, user_id=seller.id)
    _notify(session, user_id=seller.id)
    response = await client.post("/notificacoes/marcar-todas-lidas", headers=bearer(seller))
    assert response.json() == {"marcadas": 3}
    assert await _ids(client, bearer(seller), lidas="false") == []
    assert len(await _ids(client, bearer(admin), lidas="false")) == 1
    again = await client.post("/notificacoes/marcar-todas-lidas/", headers=bearer(seller))
    assert again.json() == {"marcadas": 0}


async def test_delete_own_removes_it_and_broadcast_is_hidden_only_for_me(client, session, seller, admin):
    everyone = _notify(session)
    mine = _notify(session, user_id=seller.id)
    assert (await client.delete(f"/notificacoes/{mine.id}", headers=bearer(seller))).status_code == 204
    assert (await client.delete(f"/notificacoes/{everyone.id}", headers=bearer(seller))).status_code == 204
    assert await _ids(client, bearer(seller)) == []
    assert await _ids(client, bearer(admin)) == [everyone.id]
    session.expunge_all()
    assert session.get(Notificacao, mine.id) is None


async def test_ultimos_gives_the_newest_visible_notification(client, session, seller, admin):
    empty = await client.get("/api/notificacoes/ultimos", headers=bearer(seller))
    assert empty.json() == {"ultimo_id": 0, "timestamp": None}
    mine = _notify(session, user_id=seller.id)
    _notify(session, user_id=admin.id)
    response = await client.get("/api/notificacoes/ultimos", headers=bearer(seller))
    assert response.json() == {"ultimo_id": mine.id, "timestamp": mine.created_at.isoformat()}
    assert (await client.get("/api/notificacoes/ultimos")).status_code == 401


async def test_admins_create_broadcast_and_targeted_ones_others_cannot(client, session, seller, admin_headers):
    broadcast = await client.post(
        "/notificacoes", json={"titulo": "Reunião", "mensagem": "Às 14h"}, headers=admin_headers
    )
    assert broadcast.status_code == 201 and broadcast.json()["user_id"] is None
    targeted = await client.post(
        "/notificacoes", json={"titulo": "Oi", "mensagem": "Só você", "user_id": seller.id}, headers=admin_headers
    )
    assert targeted.status_code == 201
    assert await _ids(client, bearer(seller)) == [targeted.json()["id"], broadcast.json()["id"]]

    denied = await client.post("/notificacoes", json={"titulo": "x", "mensagem": "y"}, headers=bearer(seller))
    assert denied.status_code == 403
    unknown = await client.post(
        "/notificacoes", json={"titulo": "x", "mensagem": "y", "user_id": 999}, headers=admin_headers
    )
    assert unknown.status_code == 404
    no_order = await client.post(
        "/notificacoes", json={"titulo": "x", "mensagem": "y", "pedido_id": 999}, headers=admin_headers
    )
    assert no_order.status_code == 404
    # The WebSocket push is queued in the same transaction, only for the target.
    targets = session.execute(select(OrderEvent.target_user_id).where(OrderEvent.type == "notification")).scalars()
    assert sorted(targets, key=lambda t: t or 0) == [None, seller.id]


async def test_overdue_orders_are_notified_once_per_day(client, session, seller):
    today = utcnow().date()
    late = make_pedido(session, numero="000777", data_entrega=today - timedelta(days=2), status="em_producao")
    make_pedido(session, data_entrega=today - timedelta(days=5), status="entregue")
    make_pedido(session, data_entrega=today - timedelta(days=5), status="cancelado")
    make_pedido(session, data_entrega=today, status="pendente")
    make_pedido(session, data_entrega=None)

    assert notify_overdue_orders(session, today) == 1
    session.commit()
    assert notify_overdue_orders(session, today) == 0
    session.commit()

    response = await client.get("/notificacoes", headers=bearer(seller))
    [notificacao] = response.json()
    assert notificacao["tipo"] == "pedido_atrasado" and notificacao["pedido_id"] == late.id
    assert "000777" in notificacao["titulo"] and "2 dias de atraso" in notificacao["mensagem"]


def test_overdue_check_runs_again_on_another_day(session):
    today = utcnow().date()
    make_pedido(session, data_entrega=today - timedelta(days=3), status="pendente")
    assert notify_overdue_orders(session, today) == 1
    session.commit()
    assert notify_overdue_orders(session, today + timedelta(days=1)) == 1


def test_overdue_script_runs(session, capsys):
    from scripts import notify_overdue

    make_pedido(session, data_entrega=date(2020, 1, 1), status="pendente")
    assert notify_overdue.main([]) == 0
    assert "1 notificação" in capsys.readouterr().out


async def test_new_users_start_with_nothing_unread_of_their_own(client, session):
    user = make_user(session)
    assert await _ids(client, bearer(user), lidas="false") == []
