"""`?since=<event_id>`: a reconnecting client gets exactly what it missed, in order, then live events."""

from __future__ import annotations

import asyncio
import threading

from websockets.asyncio.client import connect

from tests.realtime.support import assert_silent, messages, next_message, open_socket, token_of, write_event, ws_url


def deleted(order_id: int) -> dict:
    return {"type": "order_deleted", "order_id": order_id}


async def test_reconnect_with_since_gets_exactly_the_missed_events_in_order(cluster, user, other_user):
    async with await open_socket(cluster.url, user) as ws:
        seen = write_event(deleted(1))
        assert (await next_message(ws))["event_id"] == seen
    missed = [
        write_event(deleted(2)),
        write_event({"type": "notification", "notificacao": {"id": 1}}, target_user_id=user.id),
        write_event(deleted(3)),
    ]
    write_event({"type": "notification", "notificacao": {"id": 2}}, target_user_id=other_user.id)
    missed.append(write_event(deleted(4)))

    async with await open_socket(cluster.urls[-1], user, since=seen) as ws:
        assert [m["event_id"] for m in await messages(ws, len(missed))] == missed
        live = write_event(deleted(5))
        assert (await next_message(ws))["event_id"] == live
        await assert_silent(ws, wait=0.3)


async def test_replay_while_events_keep_coming_has_no_gap_and_no_duplicate(cluster, user):
    since = write_event(deleted(0))
    written: list[int] = []
    stop = threading.Event()

    def writer():
        while not stop.is_set() and len(written) < 400:
            written.append(write_event(deleted(len(written))))

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        await asyncio.sleep(0)  # the writer runs in its own thread; connect while it writes
        while len(written) < 20:
            await asyncio.sleep(0.01)
        async with await open_socket(cluster.urls[-1], user, since=since) as ws:
            while len(written) < 60:
                await asyncio.sleep(0.01)
            stop.set()
            thread.join()
            received = [m["event_id"] for m in await messages(ws, len(written), timeout=20)]
            assert received == written
            await assert_silent(ws, wait=0.3)
    finally:
        stop.set()
        thread.join()


async def test_since_ahead_of_the_log_still_gets_new_events(cluster, user):
    latest = write_event(deleted(1))
    async with await open_socket(cluster.url, user, since=latest + 1000) as ws:
        event_id = write_event(deleted(2))
        assert (await next_message(ws))["event_id"] == event_id


async def test_invalid_since_goes_live(cluster, user):
    write_event(deleted(1))
    async with connect(ws_url(cluster.url, token_of(user)) + "&since=abc", compression=None) as ws:
        event_id = write_event(deleted(2))
        assert (await next_message(ws))["event_id"] == event_id
