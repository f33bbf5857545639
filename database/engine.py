"""The engine: SQLite (WAL, IMMEDIATE write transactions) by default, PostgreSQL by URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, event

from config import settings
from database import checkpointer

# Execution option that makes a SQLite transaction take the write lock at BEGIN, so two
# writers queue on busy_timeout instead of failing with "database is locked" on upgrade.
WRITE_OPTION = "sgp_write"
# Reads map the file instead of copying each page through read(): a year's report scans ~tens of MB
# of index pages, and with the default 2 MB page cache every run paid those copies again in
# system time (~25% of a report's query). Shared by all connections via the OS page cache.
SQLITE_MMAP_BYTES = 256 * 1024 * 1024
# The server checkpoints from a thread of its own (database/checkpointer.py); commits checkpoint
# themselves only past this many log pages (40 MB), a safety net (SQLite's default: 1,000).
SQLITE_AUTOCHECKPOINT_PAGES = 10_000


def json_text(value: Any) -> str:
    """JSON columns' text, by orjson (the history keeps whole orders: the stdlib encoder was ~2% of a create)."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Take transaction control away from pysqlite; the "begin" hook below issues BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
        cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_AUTOCHECKPOINT_PAGES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        # Straight to the driver: exec_driver_sql's event and result machinery costs more than BEGIN.
        connection.connection.driver_connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")

    @event.listens_for(engine, "commit")
    def _on_commit(connection) -> None:
        if connection.get_execution_options().get(WRITE_OPTION, False):
            checkpointer.written()


def build_engine(url: str | None = None, *, busy_timeout_ms: int | None = None, pool_size: int = 20) -> Engine:
    url = url or settings.database_url
    if url.startswith("sqlite"):
        path = url.split("sqlite:///", 1)[-1]
        if path and ":memory:" not in path:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        busy_timeout_ms = settings.SQLITE_BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000},
            pool_size=pool_size,
            max_overflow=20,
            json_serializer=json_text,
        )
        _configure_sqlite(engine, busy_timeout_ms)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20, json_serializer=json_text)


engine = build_engine()
# Same pool; transactions opened through it are write transactions (IMMEDIATE on SQLite).
write_engine = engine.execution_options(**{WRITE_OPTION: True})
# SQLite only: reads run on the event loop itself (auth.dependencies.Access.read_now). They must
# never wait, so a busy database raises at once and the read goes to a worker thread instead.
loop_engine = build_engine(busy_timeout_ms=0, pool_size=2) if settings.is_sqlite else None
_loop_driver: tuple[Any, Any] | None = None  # (the engine it came from, its pooled connection)


def loop_driver() -> Any:
    """SQLite only: one driver connection of loop_engine, kept for the event loop's one-row reads
    (a pool checkout and return per read cost ~6% of GET /pedidos/{id}). Used by that one thread only."""
    global _loop_driver
    if loop_engine is None:
        return None
    if _loop_driver is None or _loop_driver[0] is not loop_engine:
        _loop_driver = (loop_engine, loop_engine.raw_connection())
    return _loop_driver[1].driver_connection


def drop_loop_driver() -> None:
    """Forget the kept connection after an error: the next read opens another."""
    global _loop_driver
    if _loop_driver is not None:
        _loop_driver[1].invalidate()
        _loop_driver = None
