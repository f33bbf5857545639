"""Order events reach every socket, on every worker and server, with the original's fields and an event_id."""

from __future__ import annotations

import asyncio

import orjson
import pytest

from database.session import session_scope
from notificacoes.service import create_notification
from tests.realtime.support import (
    assert_silent,
    messages,
    next_message,
    open_socket,
    sockets_on_two_workers,
    write_event,
)


def order_message(kind: str, order_id: int, user) -> dict:
    order = {
        "id": order_id,
        "numero": f"{order_id:04d}",
        "status": "em_producao",
        "cliente": "Gráfica Sol",
        "valor_total": "180.00",
        "items": [],
        "user_id": user.id,
        "username": user.username,
    }
    return {"type": kind, "order": order, "order_id": order_id, "user_id": user.id, "username": user.username}


@pytest.mark.parametrize("kind", ["order_created", "order_updated", "order_status_updated"])
async def test_order_changes_arrive_with_the_original_fields_and_event_id(cluster, user, kind):
    async with await open_socket(cluster.url, user) as ws:
        sent = order_message(kind, 12, user)
        event_id = write_event(sent)
        received = await next_message(ws)
        assert received == {**sent, "event_id": event_id}
        assert received["order"]["username"] == "ana"


async def test_order_deleted_carries_only_the_order_id(cluster, user):
    async with await open_socket(cluster.url, user) as ws:
        event_id = write_event({"type": "order_deleted", "order_id": 12})
        assert await next_message(ws) == {"type": "order_deleted", "order_id": 12, "event_id": event_id}


async def test_an_event_reaches_sockets_on_both_workers(cluster, user, other_user):
    first, second = await sockets_on_two_workers(cluster, user)
    async with first, second, await open_socket(cluster.urls[0], other_user) as third:
        event_id = write_event(order_message("order_updated", 5, user))
        for ws in (first, second, third):
            assert (await next_message(ws))["event_id"] == event_id


async def test_a_client_broadcast_on_one_worker_reaches_the_other_but_not_the_sender(cluster, user, other_user):
    sender, receiver = await sockets_on_two_workers(cluster, user)
    async with sender, receiver, await open_socket(cluster.urls[0], other_user) as third:
        await sender.send(
            '{"type":"order_updated","order_id":9,"order":{"id":9,"user_id":999,"username":"hacker"},'
            '"user_id":999,"username":"hacker","timestamp":1700000000000,"broadcast":true}'
        )
        for ws in (receiver, third):
            relayed = await next_message(ws)
            assert "broadcast" not in relayed
            assert relayed["type"] == "order_updated" and relayed["order_id"] == 9
            assert relayed["timestamp"] == 1700000000000
            assert (relayed["user_id"], relayed["username"]) == (user.id, "ana")
            assert (relayed["order"]["user_id"], relayed["order"]["username"]) == (user.id, "ana")
            assert isinstance(relayed["event_id"], int)
        # A later event proves the sender's stream is live and the relay was never in it.
        event_id = write_event({"type": "order_deleted", "order_id": 1})
        assert (await next_message(sender))["event_id"] == event_id


async def test_messages_without_broadcast_and_authenticate_are_not_relayed(cluster, user, other_user):
    async with await open_socket(cluster.url, user) as sender, await open_socket(cluster.url, other_user) as other:
        await sender.send('{"type":"authenticate","token":"abc","broadcast":true}')
        await sender.send('{"type":"order_updated","order_id":3}')
        await sender.send('{"type":"ping","broadcast":true}')
        await sender.send("not json")
        await sender.send(b'{"type":"order_updated"}')
        await sender.send('[{"type":"order_updated","broadcast":true}]')
        await sender.send('{"type":["x"],"broadcast":true,"order_id":' + "9" * 40 + "}")
        await sender.send("ping")
        assert [m["type"] for m in await messages(sender, 2)] == ["pong", "pong"]
        event_id = write_event({"type": "order_deleted", "order_id": 2})
        assert await next_message(other) == {"type": "order_deleted", "order_id": 2, "event_id": event_id}


async def test_notification_reaches_only_its_user(cluster, user, other_user):
    mine = await open_socket(cluster.urls[0], user)
    theirs = await open_socket(cluster.urls[-1], other_user)
    async with mine, theirs:
        notice = {"type": "notification", "notificacao": {"id": 1, "titulo": "Pedido pronto", "user_id": user.id}}
        targeted = write_event(notice, target_user_id=user.id)
        everyone = write_event({"type": "notification", "notificacao": {"id": 2, "titulo": "Aviso"}})
        assert [m["event_id"] for m in await messages(mine, 2)] == [targeted, everyone]
        assert (await next_message(theirs))["event_id"] == everyone
        await assert_silent(theirs, wait=0.3)


async def test_create_notification_pushes_to_its_user(cluster, user, other_user):
    async with await open_socket(cluster.url, user) as mine, await open_socket(cluster.urls[-1], other_user) as theirs:
        with session_scope() as session:
            create_notification(
                session, tipo="pedido_pronto", titulo="Pedido 0042 pronto", mensagem="Ok", pedido_id=42, user_id=user.id
            )
        pushed = await next_message(mine)
        assert pushed["type"] == "notification" and isinstance(pushed["event_id"], int)
        assert pushed["notificacao"]["titulo"] == "Pedido 0042 pronto"
        assert pushed["notificacao"]["user_id"] == user.id
        later = write_event({"type": "order_deleted", "order_id": 42})
        assert (await next_message(theirs))["event_id"] == later


async def test_events_keep_their_order_in_a_burst(cluster, user):
    async with await open_socket(cluster.url, user) as ws:
        ids = await asyncio.to_thread(
            lambda: [write_event({"type": "order_deleted", "order_id": n}) for n in range(60)]
        )
        assert [m["event_id"] for m in await messages(ws, 60)] == ids


async def test_a_relayed_message_gets_the_logs_event_id_not_its_own(cluster, user, other_user):
    sender = await open_socket(cluster.urls[0], user)
    other = await open_socket(cluster.urls[-1], other_user)
    async with sender, other:
        await sender.send('{"type":"order_updated","order_id":4,"event_id":999999999,"broadcast":true}')
        raw = await asyncio.wait_for(other.recv(), 5)
        while '"type":"ping"' in raw:
            raw = await asyncio.wait_for(other.recv(), 5)
        # One event_id key only (a duplicate would leave the winner up to the client's parser).
        assert raw.count('"event_id"') == 1
        relayed = orjson.loads(raw)
        assert relayed["order_id"] == 4 and relayed["event_id"] != 999999999
