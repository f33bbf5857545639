"""A socket's bounded send queue (pedidos/realtime/dispatcher.py fills it, pedidos/realtime/ws_session.py drains it)."""

from __future__ import annotations

import asyncio
from collections import deque


class Outbox:
    """A socket's bounded queue of messages to send; its sender takes everything queued at once.

    Filled a whole dispatcher batch at a time, so a burst costs each socket one wake-up and (with
    SEND_MANY) one write, not one per message. A socket holds at most twice `maxsize` messages:
    the queue plus the batch its sender is writing.
    """

    def __init__(self, maxsize: int):
        self.maxsize = maxsize
        self._items: deque[str | bytes] = deque()
        self._ready = asyncio.Event()
        self._room = asyncio.Event()
        self._room.set()

    def offer(self, items: list[str | bytes]) -> bool:
        """Queue all of `items`, or none when they do not fit."""
        if len(self._items) + len(items) > self.maxsize:
            return False
        self._items.extend(items)
        self._ready.set()
        return True

    async def put(self, item: str | bytes) -> None:
        """Queue one message, waiting for room (replay's back-pressure)."""
        while len(self._items) >= self.maxsize:
            self._room.clear()
            await self._room.wait()
        self._items.append(item)
        self._ready.set()

    async def take_all(self) -> list[str | bytes]:
        while not self._items:
            self._ready.clear()
            await self._ready.wait()
        items = list(self._items)
        self._items.clear()
        self._room.set()
        return items
