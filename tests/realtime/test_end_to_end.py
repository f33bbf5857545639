"""Orders changed over HTTP reach sockets on the other worker (SQLite) or server (PostgreSQL).

The messages must be exactly the original's (original-contract §4) plus event_id: the desktop app
reads `order`, `order_id`, `user_id` and `username`, and shows who edited from the token's user.
"""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import bearer, make_user
from tests.pedidos.conftest import pedido_body
from tests.realtime.support import assert_silent, messages, sockets_on_two_workers


def _order_message(kind: str, order: dict, user) -> dict:
    return {
        "type": kind,
        "order": {**order, "user_id": user.id, "username": user.username},
        "order_id": order["id"],
        "user_id": user.id,
        "username": user.username,
    }


def _without_event_ids(received: list[dict]) -> list[dict]:
    return [{key: value for key, value in message.items() if key != "event_id"} for message in received]


async def _assert_both_receive(sockets, expected: list[dict]) -> list[int]:
    """Both sockets (one on each worker/server) get exactly `expected`, in order, with the same ids."""
    streams = [await messages(ws, len(expected)) for ws in sockets]
    for received in streams:
        assert _without_event_ids(received) == expected
    ids = [message["event_id"] for message in streams[0]]
    assert all(isinstance(event_id, int) for event_id in ids) and ids == sorted(set(ids))
    assert [message["event_id"] for message in streams[1]] == ids
    return ids


@pytest.fixture
def chefe(session):
    # Not "admin": the live servers create that first admin themselves.
    return make_user(session, username="chefe", is_admin=True)


async def test_http_order_changes_reach_the_other_worker_as_the_original_sends_them(cluster, user, chefe):
    # One socket per worker (or server): whichever worker serves a request, the other one must deliver.
    sockets = await sockets_on_two_workers(cluster, user)
    ana, boss = bearer(user), bearer(chefe)
    async with sockets[0], sockets[1], httpx.AsyncClient(base_url=cluster.http_url, timeout=10) as http:
        created = await http.post("/pedidos/", json=pedido_body(), headers=ana)
        assert created.status_code == 200, created.text
        order = created.json()
        seen = await _assert_both_receive(sockets, [_order_message("order_created", order, user)])

        # A stage flag changes: order_updated, then order_status_updated, both with the new order.
        # The admin ticks it: staff cannot tick a stage before financeiro (pedidos/orders/status.py).
        patched = await http.patch(f"/pedidos/{order['id']}", json={"conferencia": True}, headers=boss)
        assert patched.status_code == 200, patched.text
        updated = patched.json()
        assert updated["conferencia"] is True
        seen += await _assert_both_receive(
            sockets,
            [_order_message("order_updated", updated, chefe), _order_message("order_status_updated", updated, chefe)],
        )

        item_id = order["items"][0]["id"]
        item = await http.patch(
            f"/pedidos/pedido-itens/{item_id}", json={"pedido_id": order["id"], "rip_maquina": "RIP-2"}, headers=ana
        )
        assert item.status_code == 200, item.text
        current = (await http.get(f"/pedidos/{order['id']}", headers=ana)).json()
        assert current["items"][0]["rip_maquina"] == "RIP-2"
        seen += await _assert_both_receive(sockets, [_order_message("order_updated", current, user)])

        deleted = await http.delete(f"/pedidos/{order['id']}", headers=boss)
        assert deleted.status_code == 200, deleted.text
        seen += await _assert_both_receive(sockets, [{"type": "order_deleted", "order_id": order["id"]}])

        assert seen == sorted(seen)
        for ws in sockets:
            await assert_silent(ws, wait=0.3)


@pytest.mark.parametrize("change", [{"observacao": "Entregar cedo"}, {"sublimacao_maquina": "Epson F570"}])
async def test_a_change_without_status_or_flags_sends_only_order_updated(cluster, user, change):
    sockets = await sockets_on_two_workers(cluster, user)
    ana = bearer(user)
    async with sockets[0], sockets[1], httpx.AsyncClient(base_url=cluster.http_url, timeout=10) as http:
        order = (await http.post("/pedidos/", json=pedido_body(), headers=ana)).json()
        await _assert_both_receive(sockets, [_order_message("order_created", order, user)])
        patched = await http.patch(f"/pedidos/{order['id']}", json=change, headers=ana)
        assert patched.status_code == 200, patched.text
        assert all(patched.json()[key] == value for key, value in change.items())
        await _assert_both_receive(sockets, [_order_message("order_updated", patched.json(), user)])
        # A later change proves the stream is live and no order_status_updated came in between.
        later = await http.patch(f"/pedidos/{order['id']}", json={"observacao": "fim"}, headers=ana)
        await _assert_both_receive(sockets, [_order_message("order_updated", later.json(), user)])
