"""PostgreSQL LISTEN: wakes the dispatcher as soon as an event commits (the log supplies the content)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import psycopg
from sqlalchemy.engine import make_url

from config import settings
from pedidos.events import NOTIFY_CHANNEL

logger = logging.getLogger("sgp.realtime")


def _libpq_url() -> str:
    return make_url(settings.database_url).set(drivername="postgresql").render_as_string(hide_password=False)


class PgWaker:
    """A listening connection that sets an event on every notification; reconnects when it drops."""

    def __init__(self) -> None:
        self._event = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._listening = asyncio.Event()

    async def start(self) -> None:
        self._task = asyncio.create_task(self._listen(), name="sgp-event-listener")
        # Best effort: the fallback poll covers the time before LISTEN is in place.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._listening.wait(), timeout=5)

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def wait(self, timeout: float) -> None:
        """Return on the next notification or after `timeout` seconds (the fallback poll)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), timeout)
        # Cleared before the dispatcher reads: a notification during the read wakes it again.
        self._event.clear()

    async def _listen(self) -> None:
        delay = 0.5
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(_libpq_url(), autocommit=True) as connection:
                    await connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    self._listening.set()
                    self._event.set()  # something may have committed while we were not listening
                    delay = 0.5
                    async for _notification in connection.notifies():
                        self._event.set()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                logger.warning("LISTEN %s perdido (%s); reconectando em %.1f s", NOTIFY_CHANNEL, exc, delay)
                self._event.set()
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10)
