"""The Fechamentos page's panel (/relatorios/fechamentos/*): totals, trend and rankings.

SQL aggregates over orders and items; drafts are never counted and cancelled orders never add
value. Money is summed in cents and sent as the numbers (reais) the app's charts read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, exists, func, select
from sqlmodel import Session

from errors import NotFound
from pedidos.orders.models import Pedido, PedidoItem
from relatorios.filters import Periodo, matching_names
from relatorios.tendencia import bucket_start

GROUP_BY = {"day": "dia", "week": "semana", "month": "mes"}
CATEGORIES = {
    "vendedor": PedidoItem.vendedor,
    "designer": PedidoItem.designer,
    "tipo_producao": PedidoItem.tipo_producao,
    "cliente": Pedido.cliente,
}
NO_NAME = "Não informado"


@dataclass(frozen=True)
class Filtro:
    periodo: Periodo
    vendedores: list[str] | None = None  # None: no filter; a list (maybe empty) of matching names
    designers: list[str] | None = field(default=None)


def filtro(session: Session, periodo: Periodo, *, vendedor: str | None, designer: str | None) -> Filtro:
    return Filtro(
        periodo,
        matching_names(session, PedidoItem.vendedor, vendedor),
        matching_names(session, PedidoItem.designer, designer),
    )


def _reais(cents: int | None) -> float:
    return round((cents or 0) / 100, 2)


def _order_conditions(f: Filtro, *, items_filtered: bool = False) -> list[ColumnElement[bool]]:
    """The orders the filter selects. `items_filtered`: the statement reads the items and filters them
    by name itself (an EXISTS over the same items table would correlate to it and select nothing)."""
    where = [*f.periodo.conditions(), Pedido.rascunho.is_(False), Pedido.status != "cancelado"]
    for names, column in ((f.vendedores, PedidoItem.vendedor), (f.designers, PedidoItem.designer)):
        if names is not None and not items_filtered:
            where.append(exists().where(PedidoItem.pedido_id == Pedido.id, column.in_(names)))
    return where


def statistics(session: Session, f: Filtro) -> dict[str, Any]:
    """Orders, items, revenue, freight, service and average ticket of the period."""
    items = select(func.count()).where(PedidoItem.pedido_id == Pedido.id).scalar_subquery()
    row = session.execute(
        select(
            func.count(Pedido.id),
            func.coalesce(func.sum(items), 0),
            func.coalesce(func.sum(Pedido.valor_total), 0),
            func.coalesce(func.sum(Pedido.valor_frete), 0),
        ).where(*_order_conditions(f))
    ).one()
    pedidos, total_items, revenue, frete = (int(value) for value in row)
    return {
        "total_pedidos": pedidos,
        "total_items": total_items,
        "total_revenue": _reais(revenue),
        "total_frete": _reais(frete),
        "total_servico": _reais(revenue - frete),
        "average_ticket": _reais(revenue // pedidos if pedidos else 0),
    }


def trends(session: Session, f: Filtro, group_by: str) -> dict[str, Any]:
    """Per day, week (starting Monday) or month: orders, revenue, freight, service."""
    agrupamento = GROUP_BY[group_by]
    day = f.periodo.reference_date()
    rows = session.execute(
        select(day, func.count(), func.sum(Pedido.valor_total), func.sum(Pedido.valor_frete))
        .where(*_order_conditions(f), day.is_not(None))
        .group_by(day)
        .order_by(day)
    ).all()
    buckets: dict[date, list[int]] = {}
    for when, count, revenue, frete in rows:  # one row per day: few, whatever the order count
        when = when if isinstance(when, date) else date.fromisoformat(str(when)[:10])
        totals = buckets.setdefault(bucket_start(when, agrupamento), [0, 0, 0])
        totals[0] += count
        totals[1] += int(revenue or 0)
        totals[2] += int(frete or 0)
    return {
        "trends": [
            {
                "period": f"{start:%Y-%m}" if group_by == "month" else start.isoformat(),
                "pedidos": count,
                "revenue": _reais(revenue),
                "frete": _reais(frete),
                "servico": _reais(revenue - frete),
            }
            for start, (count, revenue, frete) in sorted(buckets.items())
        ]
    }


def rankings(session: Session, f: Filtro, category: str, limit: int) -> dict[str, Any]:
    """The top names of a category by revenue: items' value for item categories, orders' total for clients."""
    column = CATEGORIES.get(category)
    if column is None:
        raise NotFound(f"Categoria inválida: {category}. Use: {', '.join(CATEGORIES)}")
    name = func.coalesce(func.nullif(func.trim(column), ""), NO_NAME)
    if category == "cliente":
        items = select(func.count()).where(PedidoItem.pedido_id == Pedido.id).scalar_subquery()
        statement = select(name, func.count(Pedido.id), func.sum(items), func.sum(Pedido.valor_total))
    else:
        statement = (
            select(name, func.count(func.distinct(Pedido.id)), func.count(), func.sum(PedidoItem.valor_calculado))
            .select_from(PedidoItem)
            .join(Pedido, Pedido.id == PedidoItem.pedido_id)
        )
        for names, item_column in ((f.vendedores, PedidoItem.vendedor), (f.designers, PedidoItem.designer)):
            if names is not None:
                statement = statement.where(item_column.in_(names))
    revenue = statement.selected_columns[3]
    where = _order_conditions(f, items_filtered=category != "cliente")
    rows = session.execute(statement.where(*where).group_by(name).order_by(revenue.desc(), name).limit(limit)).all()
    return {
        "category": category,
        "rankings": [
            {"name": n, "pedidos": int(p), "items": int(i or 0), "revenue": _reais(int(r or 0))} for n, p, i, r in rows
        ],
    }
