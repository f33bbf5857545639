"""Keep-alive: server pings on a timer, answers client pings, drops clients that went silent."""

from __future__ import annotations

import asyncio
from contextlib import ExitStack

import pytest
from websockets.exceptions import ConnectionClosed

from tests.realtime.support import next_message, open_socket, start_cluster

PING_SECONDS = 0.2
IDLE_SECONDS = 2.0


@pytest.fixture(scope="module")
def quick_timers():
    env = {"WS_PING_INTERVAL_SECONDS": str(PING_SECONDS), "WS_IDLE_TIMEOUT_SECONDS": str(IDLE_SECONDS)}
    with ExitStack() as stack:
        yield start_cluster(stack, servers=1, workers=1, env=env)


async def test_server_sends_ping_on_its_interval(quick_timers, user):
    async with await open_socket(quick_timers.url, user) as ws:
        assert await next_message(ws, timeout=2, skip_pings=False) == {"type": "ping"}


@pytest.mark.parametrize("ping", ["ping", '{"type":"ping","timestamp":1700000000000}'])
async def test_client_ping_is_answered_with_pong(quick_timers, user, ping):
    async with await open_socket(quick_timers.url, user) as ws:
        await ws.send(ping)
        assert await next_message(ws) == {"type": "pong"}


async def test_silent_client_is_dropped_and_a_pinging_one_stays(quick_timers, user):
    async with await open_socket(quick_timers.url, user) as silent, await open_socket(quick_timers.url, user) as alive:

        async def keep_pinging():
            while True:
                await alive.send('{"type":"ping"}')
                await asyncio.sleep(PING_SECONDS)

        pinger = asyncio.create_task(keep_pinging())
        try:
            with pytest.raises(ConnectionClosed):
                while True:
                    await next_message(silent, timeout=IDLE_SECONDS * 3)
            assert silent.close_code == 1001
            await alive.send("ping")
            assert (await next_message(alive))["type"] == "pong"
        finally:
            pinger.cancel()
