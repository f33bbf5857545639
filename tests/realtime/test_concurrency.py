"""Many writers at once: transactions commit in any order, and still no socket misses an event."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from tests.realtime.support import assert_silent, messages, sockets_on_two_workers, write_event

WRITERS = 8
EVENTS_PER_WRITER = 40


def _write_many(writer: int) -> list[int]:
    return [write_event({"type": "order_updated", "order_id": writer * 1000 + n}) for n in range(EVENTS_PER_WRITER)]


async def test_concurrent_writers_never_make_the_dispatcher_skip_an_event(cluster, user):
    first, second = await sockets_on_two_workers(cluster, user)
    async with first, second:
        with ThreadPoolExecutor(WRITERS) as pool:
            batches = await asyncio.gather(
                *(asyncio.get_running_loop().run_in_executor(pool, _write_many, w) for w in range(WRITERS))
            )
        written = sorted(event_id for batch in batches for event_id in batch)
        for ws in (first, second):
            received = [m["event_id"] for m in await messages(ws, len(written), timeout=30)]
            assert received == written
            await assert_silent(ws, wait=0.2)
