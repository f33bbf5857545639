"""What wakes the dispatcher when the log may have grown; the log itself always supplies the content.

SQLite: `PRAGMA data_version` on a private connection, every EVENT_POLL_INTERVAL_MS. It changes
when another connection commits, costs microseconds and takes no lock, so an idle worker does
almost nothing between changes. PostgreSQL: LISTEN, notified by record_event's transaction.
Both also return after the dispatcher's fallback timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time

import psycopg
from sqlalchemy.engine import make_url

from config import settings
from pedidos.realtime.events import NOTIFY_CHANNEL

logger = logging.getLogger("sgp.realtime")


class SqliteWaker:
    def __init__(self) -> None:
        self._connection: sqlite3.Connection | None = None
        self._version: int | None = None

    async def start(self) -> None:
        self._changed()

    async def stop(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _changed(self) -> bool:
        try:
            if self._connection is None:
                database = make_url(settings.database_url).database
                # A short busy timeout: this runs on the event loop and must never wait long.
                self._connection = sqlite3.connect(database, timeout=0.05, isolation_level=None)
            version = self._connection.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            self._connection = None
            return True  # cannot tell: let the dispatcher read the log
        changed, self._version = version != self._version, version
        return changed

    async def wait(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        poll = settings.EVENT_POLL_INTERVAL_MS / 1000
        while time.monotonic() < deadline:
            await asyncio.sleep(min(poll, max(0.0, deadline - time.monotonic())))
            if self._changed():
                return


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
