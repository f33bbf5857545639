"""Sessions: one transaction per request or per script use case."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from database import engine as engines

READ_METHODS = {"GET", "HEAD", "OPTIONS"}


def open_session(*, write: bool) -> Session:
    bind = engines.write_engine if write else engines.engine
    return Session(bind=bind, expire_on_commit=False)


@contextmanager
def session_scope(*, write: bool = True) -> Iterator[Session]:
    """The one way scripts open a session: commit on success, roll back on error."""
    session = open_session(write=write)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def get_session(request: Request) -> Iterator[Session]:
    """Commit when the handler returns, roll back when it raises."""
    with session_scope(write=request.method not in READ_METHODS) as session:
        yield session


# scope="function": commit before the response is sent, so a failed commit is never a 200.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
