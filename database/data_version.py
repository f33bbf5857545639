"""A token that changes whenever any connection, of any process, commits to the SQLite database.

`PRAGMA data_version` on a private connection that never writes. Whatever was read from the
database after reading token T is still exact while the token reads T: callers read it BEFORE
their read transaction begins, so a commit in between can only make what they keep newer than its
label, never older. PostgreSQL has no such counter: there, `current()` is None ("do not cache").
`auth_epoch()` is the same idea for users and tokens only, from a counter kept by triggers.
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
    # Counters of different connections are not comparable: the connection is part of the token.
    return _read("PRAGMA data_version")


def auth_epoch() -> int | None:
    """auth_epoch's value (bumped by triggers on users and revoked_tokens), or None when unknown."""
    found = _read("SELECT value FROM auth_epoch WHERE id = 1")
    return None if found is None else found[1]


def _read(sql: str) -> tuple[int, Any] | None:
    """(connection generation, the one value `sql` reads), or None."""
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
            found = _connection.execute(sql).fetchone()
        except sqlite3.Error:
            _connection = None
            return None
        return None if found is None else (_generation, found[0])
