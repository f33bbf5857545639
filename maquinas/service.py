"""Machines and their print logs."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from database.base import utcnow
from maquinas.models import Machine, PrintLog


def upsert_print_log(
    session: Session,
    *,
    printer_id: int,
    pedido_id: int,
    item_id: int | None,
    status: str = "success",
    error_message: str | None = None,
) -> PrintLog | None:
    """One log per (pedido, item), as the original: insert or update. Unknown machines are skipped."""
    if session.get(Machine, printer_id) is None:
        return None
    log = session.execute(
        select(PrintLog).where(PrintLog.pedido_id == pedido_id, PrintLog.item_id == item_id)
    ).scalar_one_or_none()
    if log is None:
        log = PrintLog(printer_id=printer_id, pedido_id=pedido_id, item_id=item_id)
    log.printer_id = printer_id
    log.status = status
    log.error_message = error_message
    log.created_at = utcnow()
    session.add(log)
    session.flush()
    return log
