"""The production server (Hypercorn with workers) serves the socket the same way."""

from __future__ import annotations

from contextlib import ExitStack

import pytest

from tests.live import LiveServer
from tests.realtime.support import Cluster, next_message, sockets_on_two_workers, write_event


@pytest.fixture(scope="module")
def hypercorn():
    with ExitStack() as stack:
        server = LiveServer(workers=2, server="hypercorn").start()
        stack.callback(server.stop)
        yield Cluster([server])


async def test_events_and_relays_cross_hypercorn_workers(hypercorn, user, other_user):
    first, second = await sockets_on_two_workers(hypercorn, user)
    async with first, second:
        event_id = write_event({"type": "order_deleted", "order_id": 1})
        for ws in (first, second):
            assert (await next_message(ws))["event_id"] == event_id
        await first.send('{"type":"order_updated","order_id":2,"user_id":99,"broadcast":true}')
        relayed = await next_message(second)
        assert (relayed["order_id"], relayed["user_id"]) == (2, user.id)
