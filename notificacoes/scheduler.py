"""The daily overdue-orders check, run by each server process (idempotent per order and day)."""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress

from starlette.concurrency import run_in_threadpool

from database.base import utcnow
from database.session import session_scope
from notificacoes.service import notify_overdue_orders

logger = logging.getLogger("sgp.notificacoes")
CHECK_EVERY_SECONDS = 60 * 60
# Let the server settle (migrations, first requests) before the first check.
FIRST_CHECK_AFTER_SECONDS = 120


def run_overdue_check() -> int:
    with session_scope() as session:
        return notify_overdue_orders(session, utcnow().date())


async def _loop() -> None:
    await asyncio.sleep(FIRST_CHECK_AFTER_SECONDS)
    while True:
        try:
            created = await run_in_threadpool(run_overdue_check)
            if created:
                logger.info("%d notificações de pedidos atrasados criadas", created)
        except Exception:  # the check must never take the server down; it retries next hour
            logger.exception("Falha ao verificar pedidos atrasados")
        await asyncio.sleep(CHECK_EVERY_SECONDS)


def start() -> asyncio.Task:
    return asyncio.create_task(_loop(), name="overdue-orders")


async def stop(task: asyncio.Task) -> None:
    task.cancel()
    with suppress(asyncio.CancelledError):
        await task
