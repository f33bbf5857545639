"""Where a read runs: in a worker thread, or right on the event loop when it costs less than the hop.

`run_read(work, ...)` is the general case: `work(connection, ...)` in one read transaction in the
threadpool. The two others exist for the app's busiest calls, measured (docs/architecture.md):
- `read_soon`: on SQLite, the same work on the event loop through `loop_engine` (busy timeout 0):
  a WAL reader never waits for writers, and in the rare moments it would (a checkpoint resetting
  the log) it fails at once and goes to a thread instead. On PostgreSQL every query is network
  I/O, so it always goes to a thread.
- `read_on_driver`: on SQLite, a one-row read on the loop's own driver connection, without
  SQLAlchemy's connection and transaction (a lone SELECT is its own); None where it cannot answer
  (PostgreSQL, a busy database, or the work's own None), and the caller reads the general way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool

from database import engine as engines

T = TypeVar("T")
BUSY = object()


def _is_busy(error: Exception) -> bool:
    return "locked" in str(error) or "busy" in str(error)


def read(work: Callable[..., T], *args, engine: Engine | None = None) -> T:
    """`work(connection, *args)` in one read transaction, here."""
    with (engine or engines.engine).connect() as connection:
        result = work(connection, *args)
        connection.commit()
    return result


async def run_read(work: Callable[..., T], *args) -> T:
    """`work(connection, *args)` in one read transaction in a worker thread."""
    return await run_in_threadpool(read, work, *args)


def on_loop(call: Callable[..., T], *args) -> T | object:
    """`call(*args, engine=loop_engine)` right here on SQLite; BUSY when it would wait, or on PostgreSQL."""
    if engines.loop_engine is None:
        return BUSY
    try:
        return call(*args, engine=engines.loop_engine)
    except OperationalError as error:
        if _is_busy(error):
            return BUSY
        raise


async def read_soon(work: Callable[..., T], *args) -> T:
    """`run_read` for work that costs less than the hop to a thread (one order by id, a user check)."""
    result = on_loop(read, work, *args)
    return await run_read(work, *args) if result is BUSY else result


def read_on_driver(work: Callable[..., T | None], *args) -> T | None:
    """`work(driver_connection, *args)` right here on SQLite; None where it cannot answer so."""
    if engines.loop_engine is None:
        return None
    try:
        return work(engines.loop_driver(), *args)
    except (sqlite3.OperationalError, OperationalError) as error:
        if _is_busy(error):
            return None
        engines.drop_loop_driver()
        raise
