"""List pages (the page's order entries and total) cached until the SQLite database changes.

Keyed by filters and page, labelled with the data version (database/data_version.py) read before
the page was computed; PostgreSQL has no such version, so there pages are not cached.
"""

from __future__ import annotations

import threading
from typing import Any

MAX_PAGES = 256

_lock = threading.Lock()
_pages: dict[Any, tuple[Any, Any]] = {}


def get(version: Any, key: Any) -> Any:
    if version is None:
        return None
    found = _pages.get(key)
    return found[1] if found is not None and found[0] == version else None


def put(version: Any, key: Any, page: Any) -> None:
    if version is None:
        return
    with _lock:
        if len(_pages) >= MAX_PAGES:
            _pages.clear()
        _pages[key] = (version, page)
