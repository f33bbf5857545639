"""List pages (the page's order entries and total) cached until the SQLite database changes.

`PRAGMA data_version` on a private connection that never writes changes whenever any other
connection, of any process, commits: a page computed after reading version V is still exact while
the version reads V. The version is read BEFORE the page's read transaction begins, so a commit in
between can only make the cached page newer than its label, never older. PostgreSQL has no such
counter: there, pages are not cached.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

from sqlalchemy.engine import make_url

from config import settings

MAX_PAGES = 256

_lock = threading.Lock()
_connection: sqlite3.Connection | None = None
_generation = 0
_pages: dict[Any, tuple[Any, Any]] = {}


def version() -> Any:
    """A token that changes whenever the database may have changed; None means "do not cache"."""
    global _connection, _generation
    if not settings.is_sqlite:
        return None
    with _lock:
        try:
            if _connection is None:
                path = make_url(settings.database_url).database
                # Autocommit and a tiny timeout: this must never wait (it may run on the event loop).
                _connection = sqlite3.connect(path, timeout=0.05, isolation_level=None, check_same_thread=False)
                _generation += 1
            value = _connection.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            _connection = None
            return None
        # Counters of different connections are not comparable: the connection is part of the token.
        return (_generation, value)


def get(token: Any, key: Any) -> Any:
    if token is None:
        return None
    found = _pages.get(key)
    return found[1] if found is not None and found[0] == token else None


def put(token: Any, key: Any, page: Any) -> None:
    if token is None:
        return
    with _lock:
        if len(_pages) >= MAX_PAGES:
            _pages.clear()
        _pages[key] = (token, page)
