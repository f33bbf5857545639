"""Machines and their print logs."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlmodel import Session

from database.base import utcnow
from database.pagination import count
from database.upsert import insert
from errors import NotFound
from maquinas.models import Machine, PrintLog
from maquinas.queries import dimensions, get_machine, preview_url
from pedidos.orders.models import Pedido, PedidoItem


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
    values = {"printer_id": printer_id, "status": status, "error_message": error_message, "created_at": utcnow()}
    if item_id is not None:
        # ON CONFLICT on the (pedido, item) key: two simultaneous posts update one row, never fail.
        statement = insert(session, PrintLog).values(pedido_id=pedido_id, item_id=item_id, **values)
        statement = statement.on_conflict_do_update(index_elements=["pedido_id", "item_id"], set_=values)
        session.execute(statement)
        # populate_existing: refresh this log if the session already holds it, touch nothing else.
        return session.execute(
            select(PrintLog)
            .where(PrintLog.pedido_id == pedido_id, PrintLog.item_id == item_id)
            .execution_options(populate_existing=True)
        ).scalar_one()
    # NULLs never collide in a UNIQUE key, so an order-level log (no item) is matched by hand.
    log = session.execute(
        select(PrintLog).where(PrintLog.pedido_id == pedido_id, PrintLog.item_id.is_(None)).order_by(PrintLog.id)
    ).scalars().first() or PrintLog(pedido_id=pedido_id, item_id=None)
    for name, value in values.items():
        setattr(log, name, value)
    session.add(log)
    session.flush()
    return log


def _log_rows(session: Session, statement):
    return [
        {
            "id": log.id,
            "printer_id": log.printer_id,
            "printer_name": printer_name,
            "pedido_id": log.pedido_id,
            "pedido_numero": numero,
            "cliente": cliente,
            "item_id": log.item_id,
            "status": log.status,
            "error_message": log.error_message,
            "created_at": log.created_at,
            "item_descricao": item.descricao if item else None,
            "item_imagem": preview_url(item.imagem, item.imagem_path) if item else None,
            "item_medidas": dimensions(item.largura, item.altura) if item else None,
            "item_material": item.tecido if item else None,
        }
        for log, printer_name, numero, cliente, item in session.execute(statement).all()
    ]


def _joined_logs():
    return (
        select(PrintLog, Machine.name, Pedido.numero, Pedido.cliente, PedidoItem)
        .join(Machine, Machine.id == PrintLog.printer_id)
        .outerjoin(Pedido, Pedido.id == PrintLog.pedido_id)
        .outerjoin(PedidoItem, PedidoItem.id == PrintLog.item_id)
    )


def list_print_logs(
    session: Session,
    *,
    printer_id: int | None = None,
    status: str | None = None,
    data_inicio: date | None = None,
    data_fim: date | None = None,
    limit: int = 1000,
    offset: int = 0,
) -> tuple[list[dict], int]:
    """Print logs newest first, with their machine, order and item, and the total before paging."""
    if printer_id is not None:
        get_machine(session, printer_id)
    statement = _joined_logs()
    if printer_id is not None:
        statement = statement.where(PrintLog.printer_id == printer_id)
    if status:
        statement = statement.where(PrintLog.status == status)
    if data_inicio:
        statement = statement.where(PrintLog.created_at >= datetime.combine(data_inicio, time.min))
    if data_fim:
        statement = statement.where(PrintLog.created_at < datetime.combine(data_fim + timedelta(days=1), time.min))
    total = count(session, statement)
    statement = statement.order_by(PrintLog.created_at.desc(), PrintLog.id.desc()).offset(offset).limit(limit)
    return _log_rows(session, statement), total


def _resolve_item_id(session: Session, pedido_id: int, item_id: int) -> int:
    """The item's real id; ids the app invented before the server assigned them (pedido_id*1000+index) resolve."""
    item = session.get(PedidoItem, item_id)
    if item is not None and item.pedido_id == pedido_id:
        return item.id
    index = item_id - pedido_id * 1000
    if 0 <= index < 1000:
        found = session.execute(
            select(PedidoItem.id).where(PedidoItem.pedido_id == pedido_id, PedidoItem.item_index == index)
        ).scalar_one_or_none()
        if found is not None:
            return found
    raise NotFound("Item não encontrado neste pedido")


def record_print(
    session: Session, *, printer_id: int, pedido_id: int, item_id: int | None, status: str, error_message: str | None
) -> dict:
    """POST /print-logs/: check the machine, order and item exist, then upsert on (pedido, item)."""
    get_machine(session, printer_id)
    pedido = session.get(Pedido, pedido_id)
    if pedido is None or pedido.rascunho:  # a draft is not printed
        raise NotFound("Pedido não encontrado")
    if item_id is not None:
        item_id = _resolve_item_id(session, pedido_id, item_id)
    log = upsert_print_log(
        session, printer_id=printer_id, pedido_id=pedido_id, item_id=item_id, status=status, error_message=error_message
    )
    return _log_rows(session, _joined_logs().where(PrintLog.id == log.id))[0]
