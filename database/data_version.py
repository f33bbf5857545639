"""A token that changes whenever any connection, of any process, commits to the SQLite database.

`PRAGMA data_version` on a private connection that never writes. Whatever was read from the
database after reading token T is still exact while the token reads T: callers read it BEFORE
their read transaction begins, so a commit in between can only make what they keep newer than its
label, never older. PostgreSQL has no such counter: there, `current()` is None ("do not cache").
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

from sqlalchemy.engine import make_url

from config import settings

_lock = threading.Lock()
_connection: sqlite3.Connection | None = None
_generation = 0


def current() -> Any:
    """The database's current data version, or None when it cannot be known."""
    global _connection, _generation
    if not settings.is_sqlite:
        return None
    with _lock:
        try:
            if _connection is None:
                path = make_url(settings.database_url).database
                # Autocommit and a tiny timeout: this must never wait (it runs on the event loop).
                _connection = sqlite3.connect(path, timeout=0.05, isolation_level=None, check_same_thread=False)
                _generation += 1
            value = _connection.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            _connection = None
            return None
        # Counters of different connections are not comparable: the connection is part of the token.
        return (_generation, value)
