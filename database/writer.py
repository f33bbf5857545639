"""SQLite's writer: this process's hot writes on one thread, several per transaction when they queue.

SQLite commits one writer at a time, and each commit writes every page the transaction touched
(an order touches ~25: its tables and their indexes) to the log. Writes that arrive while another
is running wait in a queue and then run one after the other in ONE transaction (group commit):
the pages they share are written once, and the commit is paid once.

Each write still succeeds or fails alone: if one raises, the whole transaction is rolled back
(with it any files the writes stored, pedidos/media/images.py), that one gets its error, and the others
run again in a new transaction. A write's result reaches its caller only after its commit.
PostgreSQL takes concurrent writers itself: there, each write is its own transaction in a thread.
"""

from __future__ import annotations

import asyncio
import contextvars
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool

from database import engine as engines
from database.session import session_scope

T = TypeVar("T")
MAX_BATCH = 32


@dataclass(slots=True)
class _Job:
    work: Callable[..., Any]
    args: tuple
    kwargs: dict[str, Any]
    context: contextvars.Context  # the request's (its id in the logs)
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future


class _JobFailed(Exception):
    def __init__(self, job: _Job, error: BaseException) -> None:
        self.job, self.error = job, error


_jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
_thread: threading.Thread | None = None
_thread_lock = threading.Lock()


async def run_write(work: Callable[..., T], *args, **kwargs) -> T:
    """`work(session, *args, **kwargs)` in a write transaction, off the event loop; its result once committed."""
    if engines.engine.dialect.name != "sqlite":
        return await run_in_threadpool(_alone, work, args, kwargs)
    loop = asyncio.get_running_loop()
    job = _Job(work, args, kwargs, contextvars.copy_context(), loop, loop.create_future())
    _start()
    _jobs.put(job)
    return await job.future


def _alone(work: Callable[..., T], args: tuple, kwargs: dict[str, Any]) -> T:
    with session_scope() as session:
        return work(session, *args, **kwargs)


def _start() -> None:
    global _thread
    if _thread is None:
        with _thread_lock:
            if _thread is None:
                _thread = threading.Thread(target=_serve, name="sqlite-writer", daemon=True)
                _thread.start()


def _serve() -> None:
    while True:
        batch = [_jobs.get()]
        while len(batch) < MAX_BATCH:
            try:
                batch.append(_jobs.get_nowait())
            except queue.Empty:
                break
        while batch:
            batch = _commit(batch)


def _commit(batch: list[_Job]) -> list[_Job]:
    """Run `batch` in one transaction and settle it; returns the jobs to run again (beside a failed one)."""
    results = []
    try:
        with session_scope() as session:
            for job in batch:
                try:
                    results.append(job.context.run(job.work, session, *job.args, **job.kwargs))
                    session.flush()
                except BaseException as error:
                    raise _JobFailed(job, error) from error
                # The next write starts as in a new session (same transaction): no objects of this one.
                session.expunge_all()
    except _JobFailed as failure:
        _settle(failure.job, error=failure.error)
        return [job for job in batch if job is not failure.job]
    except BaseException as error:  # the commit itself
        for job in batch:
            _settle(job, error=error)
        return []
    for job, result in zip(batch, results, strict=True):
        _settle(job, result=result)
    return []


def _settle(job: _Job, *, result: Any = None, error: BaseException | None = None) -> None:
    def settle() -> None:
        if job.future.done():  # the request was cancelled (client gone): its write stands, as before
            return
        if error is not None:
            job.future.set_exception(error)
        else:
            job.future.set_result(result)

    try:
        job.loop.call_soon_threadsafe(settle)
    except RuntimeError:  # the loop closed while the write ran
        pass
