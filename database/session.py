"""Sessions: one transaction per request or per script use case."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager, nullcontext
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from database import engine as engines

READ_METHODS = {"GET", "HEAD", "OPTIONS"}


def open_session(*, write: bool) -> Session:
    bind = engines.write_engine if write else engines.engine
    return Session(bind=bind, expire_on_commit=False)


def _finish(session: Session, *, commit: bool) -> None:
    try:
        if commit:
            session.commit()
        else:
            session.rollback()
    finally:
        session.close()


def _sqlite_read_only(request: Request, session: Session) -> bool:
    # Pending ORM changes would be flushed by the commit: a write that may wait for the lock.
    pending = session.new or session.dirty or session.deleted
    return request.method in READ_METHODS and engines.engine.dialect.name == "sqlite" and not pending


async def get_session(request: Request) -> AsyncIterator[Session]:
    """Commit when the handler returns, roll back when it raises.

    Async: a Session connects lazily, so creating it needs no thread; only ending a transaction
    that really began takes one threadpool hop (a sync generator dependency costs two per request).
    """
    session = open_session(write=request.method not in READ_METHODS)
    try:
        yield session
    except BaseException:
        await run_in_threadpool(_finish, session, commit=False)
        raise
    if not session.in_transaction():
        session.close()
    elif _sqlite_read_only(request, session):
        # Ending a SQLite read transaction releases a WAL read mark in shared memory: no disk
        # I/O and no waiting, cheaper than the hop to a thread and back.
        _finish(session, commit=True)
    else:
        await run_in_threadpool(_finish, session, commit=True)


# SQLite lets one writer in at a time, and a writer that finds the lock taken sleeps in steps
# (1, 2, 5, 10 ... 100 ms) before it retries. This process's scoped writers queue on a lock
# instead and go in the moment the previous one commits (other processes still use busy_timeout).
_sqlite_writers = threading.RLock()


@contextmanager
def session_scope(*, write: bool = True) -> Iterator[Session]:
    """The one way scripts open a session: commit on success, roll back on error."""
    queue = _sqlite_writers if write and engines.engine.dialect.name == "sqlite" else nullcontext()
    with queue:
        session = open_session(write=write)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()


# scope="function": commit before the response is sent, so a failed commit is never a 200.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
