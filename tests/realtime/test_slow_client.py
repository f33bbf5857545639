"""A client that stops reading cannot stall the others; it is dropped and catches up with `since`."""

from __future__ import annotations

import asyncio
from contextlib import ExitStack

import orjson
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.realtime.support import (
    messages,
    next_message,
    open_socket,
    small_receive_buffer_socket,
    start_cluster,
    token_of,
    write_event,
    ws_url,
)

QUEUE = 32
BURST = 20
PADDING = "x" * 64 * 1024


@pytest.fixture(scope="module")
def small_queues():
    with ExitStack() as stack:
        yield start_cluster(stack, servers=1, workers=1, env={"WS_SEND_QUEUE_SIZE": str(QUEUE)})


def big_event(n: int) -> int:
    return write_event({"type": "order_updated", "order_id": n, "order": {"id": n, "observacao": PADDING}})


async def test_stalled_client_does_not_delay_others_and_can_replay(small_queues, user, other_user):
    url = small_queues.url
    stalled = await connect(
        ws_url(url, token_of(user)),
        sock=small_receive_buffer_socket(url),
        max_queue=1,
        compression=None,
        max_size=None,
    )
    async with await open_socket(url, other_user, max_size=None) as healthy:
        first = big_event(0)
        assert (await next_message(healthy))["event_id"] == first
        written = [first]
        # Bursts the healthy client takes in stride, while the stalled one's buffers fill up until
        # its queue overflows; every burst must reach the healthy client promptly.
        for _ in range(12):
            burst = await asyncio.to_thread(lambda: [big_event(n) for n in range(BURST)])
            written += burst
            assert [m["event_id"] for m in await messages(healthy, BURST, timeout=10)] == burst

    received = []
    with pytest.raises(ConnectionClosed):
        while True:
            message = orjson.loads(await asyncio.wait_for(stalled.recv(), 15))
            if message.get("type") != "ping":
                received.append(message["event_id"])
    assert stalled.close_code == 1013
    assert received == written[: len(received)] and len(received) < len(written)

    since = received[-1] if received else first - 1
    async with await open_socket(url, user, since=since, max_size=None) as again:
        rest = [m["event_id"] for m in await messages(again, len(written) - len(received), timeout=15)]
        assert received + rest == written
