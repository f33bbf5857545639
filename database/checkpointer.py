"""SQLite: the write-ahead log copied back into the database by a thread of its own.

By default SQLite checkpoints inside the commit that grows the log past 1,000 pages: with orders
written at hundreds per second that was several times a second, each time on the writer thread,
copying pages that the next commits dirtied again (creates at 8 clients: 384-450/s; with the
checkpoints moved here: 500-570/s). Here a PASSIVE checkpoint runs at most every
SQLITE_CHECKPOINT_INTERVAL_S after this process committed a write (`written()`, called by the
engine): it never blocks readers or writers, and an idle server never wakes it up.
Connections keep a large automatic threshold (engine.SQLITE_AUTOCHECKPOINT_PAGES) as a safety net
for processes that run no checkpointer (scripts) or a checkpointer that falls behind.
"""

from __future__ import annotations

import logging
import sqlite3
import threading

from sqlalchemy.engine import make_url

from config import settings

logger = logging.getLogger("sgp.db")


_running: Checkpointer | None = None


def written() -> None:
    """A write transaction of this process committed: checkpoint soon."""
    if _running is not None:
        _running.wake.set()


class Checkpointer:
    def __init__(self, path: str, interval: float) -> None:
        self._path, self._interval = path, interval
        self._stop = threading.Event()
        self.wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sqlite-checkpoint", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        global _running
        if _running is self:
            _running = None
        self._stop.set()
        self.wake.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        connection: sqlite3.Connection | None = None
        while True:
            self.wake.wait()
            # The writes of the next interval join this checkpoint (and stop cuts the wait short).
            if self._stop.wait(self._interval):
                break
            self.wake.clear()
            try:
                if connection is None:
                    # Another worker's checkpoint may be running: skip a turn rather than wait.
                    connection = sqlite3.connect(self._path, timeout=0.1, isolation_level=None)
                connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            except sqlite3.Error as error:
                logger.debug("Checkpoint adiado: %s", error)
                if connection is not None:
                    connection.close()
                connection = None
        if connection is not None:
            connection.close()


def start() -> Checkpointer | None:
    """A running checkpointer for the configured SQLite file (None on PostgreSQL or in memory)."""
    path = make_url(settings.database_url).database if settings.is_sqlite else None
    if not path or ":memory:" in path:
        return None
    global _running
    checkpointer = Checkpointer(path, settings.SQLITE_CHECKPOINT_INTERVAL_S)
    # Once at start: a process that exited without closing its connections (a script) can leave up
    # to SQLITE_AUTOCHECKPOINT_PAGES in the log, and every read looks pages up in it until copied.
    checkpointer.wake.set()
    checkpointer.start()
    _running = checkpointer
    return checkpointer
