"""Read-side queries for machines: the production dashboard and per-day usage."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import Date, case, cast, func, select
from sqlmodel import Session

from errors import NotFound, Unprocessable
from maquinas.models import Machine, PrintLog
from pedidos.orders.drafts import NOT_DRAFT
from pedidos.orders.models import Pedido, PedidoItem

QUEUE_STATUSES = ("pendente", "em_producao")
CM2_PER_M2 = 10_000
MACHINE_NOT_FOUND = "Máquina não encontrada"


def preview_url(imagem: str | None, imagem_path: str | None) -> str | None:
    """The item's image as a relative URL (never a data URL)."""
    if imagem and imagem.startswith("/"):
        return imagem
    if imagem_path:
        return f"/pedidos/media/{imagem_path}"
    return None


def dimensions(largura: str | None, altura: str | None) -> str:
    return f"{largura or ''}x{altura or ''}"


def get_machine(session: Session, machine_id: int) -> Machine:
    machine = session.get(Machine, machine_id)
    if machine is None:
        raise NotFound(MACHINE_NOT_FOUND)
    return machine


def dashboard_overview(session: Session) -> list[dict]:
    """Every active machine with the items of open orders assigned to it, earliest due date first."""
    machines = session.execute(select(Machine).where(Machine.active.is_(True)).order_by(Machine.id)).scalars().all()
    overview = {
        m.id: {"machine_id": m.id, "machine_name": m.name, "total_items": 0, "total_area": 0.0, "queue": []}
        for m in machines
    }
    if not overview:
        return []
    # Plain columns, not entities: the queue can hold thousands of items.
    rows = session.execute(
        select(
            PedidoItem.machine_id,
            PedidoItem.item_index,
            PedidoItem.descricao,
            PedidoItem.tipo_producao,
            PedidoItem.largura,
            PedidoItem.altura,
            PedidoItem.tecido,
            PedidoItem.imagem,
            PedidoItem.imagem_path,
            PedidoItem.area_cm2,
            Pedido.id,
            Pedido.numero,
            Pedido.data_entrega,
            Pedido.status,
            Pedido.prioridade,
        )
        .join(Pedido, Pedido.id == PedidoItem.pedido_id)
        .where(PedidoItem.machine_id.in_(list(overview)), Pedido.status.in_(QUEUE_STATUSES), NOT_DRAFT)
        .order_by(Pedido.data_entrega.is_(None), Pedido.data_entrega, Pedido.id, PedidoItem.item_index)
    ).all()
    area_cm2: dict[int, int] = dict.fromkeys(overview, 0)
    for row in rows:
        entry = overview[row.machine_id]
        entry["total_items"] += 1
        area_cm2[row.machine_id] += row.area_cm2 or 0
        entry["queue"].append(
            {
                "order_id": row.id,
                "order_number": row.numero,
                "item_index": row.item_index,
                "item_name": row.descricao or row.tipo_producao or "",
                "dimensions": dimensions(row.largura, row.altura),
                "material": row.tecido or "",
                "date_due": row.data_entrega,
                "preview_url": preview_url(row.imagem, row.imagem_path),
                "status": row.status,
                "priority": row.prioridade,
            }
        )
    for machine_id, cm2 in area_cm2.items():
        overview[machine_id]["total_area"] = cm2 / CM2_PER_M2
    return list(overview.values())


def _day(session: Session, column):
    # SQLite stores datetimes as text, where CAST AS DATE would yield a number.
    if session.get_bind().dialect.name == "sqlite":
        return func.date(column)
    return cast(column, Date)


def machine_usage(session: Session, machine_id: int, data_inicio: date | None, data_fim: date | None) -> dict:
    """Items printed and m² per day on one machine, from its print logs (errors excluded)."""
    machine = get_machine(session, machine_id)
    if data_inicio and data_fim and data_inicio > data_fim:
        raise Unprocessable("data_inicio deve ser anterior ou igual a data_fim")
    day = _day(session, PrintLog.created_at).label("dia")
    statement = (
        select(day, func.count(PrintLog.id), func.coalesce(func.sum(PedidoItem.area_cm2), 0))
        .select_from(PrintLog)
        .outerjoin(PedidoItem, PedidoItem.id == PrintLog.item_id)
        .where(PrintLog.printer_id == machine_id, PrintLog.status != "error")
        .group_by(day)
        .order_by(day)
    )
    if data_inicio:
        statement = statement.where(PrintLog.created_at >= datetime.combine(data_inicio, time.min))
    if data_fim:
        statement = statement.where(PrintLog.created_at < datetime.combine(data_fim + timedelta(days=1), time.min))
    rows = session.execute(statement).all()
    dias = [
        {"data": date.fromisoformat(str(dia)[:10]), "itens": itens, "metros_quadrados": int(cm2) / CM2_PER_M2}
        for dia, itens, cm2 in rows
    ]
    return {
        "machine_id": machine.id,
        "machine_name": machine.name,
        "data_inicio": data_inicio,
        "data_fim": data_fim,
        "total_itens": sum(itens for _dia, itens, _cm2 in rows),
        "total_metros_quadrados": sum(int(cm2) for _dia, _itens, cm2 in rows) / CM2_PER_M2,
        "dias": dias,
    }


def print_stats(session: Session, machine_id: int) -> dict:
    machine = get_machine(session, machine_id)
    total, successful, errors, reprints = session.execute(
        select(
            func.count(PrintLog.id),
            func.coalesce(func.sum(case((PrintLog.status == "success", 1), else_=0)), 0),
            func.coalesce(func.sum(case((PrintLog.status == "error", 1), else_=0)), 0),
            func.coalesce(func.sum(case((PrintLog.status == "reprint", 1), else_=0)), 0),
        ).where(PrintLog.printer_id == machine_id)
    ).one()
    return {
        "printer_id": machine.id,
        "printer_name": machine.name,
        "total_prints": total,
        "successful": int(successful),
        "errors": int(errors),
        "reprints": int(reprints),
        "success_rate": round(int(successful) * 100 / total, 2) if total else 0.0,
    }
