"""The seed's summary reports (quantidade, por-status, por-cliente, ...): one GROUP BY each."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, cast, func, select
from sqlmodel import Session

from database.types import format_money
from errors import BadRequest
from pedidos.orders.models import Pedido, PedidoItem
from relatorios.filters import Periodo, parse_date_mode, parse_day, parse_status
from relatorios.queries import name_or_null


def parse_periodo(
    *,
    data_inicio: str | None,
    data_fim: str | None,
    date_mode: str | None,
    status: str | None,
    incluir_cancelados: bool,
    cliente: str | None = None,
    required: bool = False,
    start_name: str = "data_inicio",
    end_name: str = "data_fim",
) -> Periodo:
    """The summaries' filter; cancelled orders are out unless asked for (or filtered on)."""
    start = parse_day(data_inicio, start_name, required=required)
    end = parse_day(data_fim, end_name, required=required)
    if start and end and start > end:
        raise BadRequest(f"{start_name} deve ser anterior ou igual a {end_name}")
    _label, statuses = parse_status(status)
    return Periodo(
        start=start,
        end=end,
        date_mode=parse_date_mode(date_mode, default="entrada"),
        statuses=statuses,
        incluir_cancelados=incluir_cancelados,
        cliente=cliente,
    )


def _sum(column):
    # PostgreSQL's SUM(bigint) is numeric: cast so both databases hand back ints.
    return cast(func.coalesce(func.sum(column), 0), BigInteger)


def filtros(periodo: Periodo) -> dict[str, Any]:
    """The filter as applied, echoed under "filtros" in every summary."""
    return {
        "filtros": {
            "data_inicio": periodo.start.isoformat() if periodo.start else None,
            "data_fim": periodo.end.isoformat() if periodo.end else None,
            "date_mode": periodo.date_mode,
            "status": list(periodo.statuses) if periodo.statuses else None,
            "incluir_cancelados": periodo.incluir_cancelados,
            "cliente": periodo.cliente,
        }
    }


def quantidade(session: Session, periodo: Periodo) -> dict[str, Any]:
    """How many orders the filter selects."""
    total = session.execute(select(func.count(Pedido.id)).where(*periodo.conditions())).scalar_one()
    return {"total": total, **filtros(periodo)}


def valor_total(session: Session, periodo: Periodo) -> dict[str, Any]:
    """Σ valor_total, valor_itens, valor_frete of the selected orders, and the average ticket."""
    statement = select(
        func.count(Pedido.id), _sum(Pedido.valor_total), _sum(Pedido.valor_itens), _sum(Pedido.valor_frete)
    ).where(*periodo.conditions())
    pedidos, total, itens, frete = session.execute(statement).one()
    return {
        "total_pedidos": pedidos,
        "valor_total": format_money(total),
        "valor_itens": format_money(itens),
        "valor_frete": format_money(frete),
        "ticket_medio": format_money(_average(total, pedidos)),
        **filtros(periodo),
    }


def _average(total: int, count: int) -> int:
    # Half-up to the cent, in integers.
    return (2 * total + count) // (2 * count) if count else 0


def por_status(session: Session, periodo: Periodo) -> dict[str, Any]:
    statement = (
        select(Pedido.status, func.count(Pedido.id), _sum(Pedido.valor_total))
        .where(*periodo.conditions())
        .group_by(Pedido.status)
    )
    rows = sorted(session.execute(statement), key=lambda row: (-row[1], row[0]))
    status = [{"status": s, "total_pedidos": n, "valor_total": format_money(v)} for s, n, v in rows]
    return {
        "total_status": len(status),
        "total_pedidos": sum(row[1] for row in rows),
        "status": status,
        **filtros(periodo),
    }


def por_cliente(session: Session, periodo: Periodo, *, limit: int | None = None) -> dict[str, Any]:
    """Clients by value (the seed's example shape)."""
    statement = (
        select(Pedido.cliente, func.count(Pedido.id), _sum(Pedido.valor_total))
        .where(*periodo.conditions())
        .group_by(Pedido.cliente)
    )
    rows = sorted(session.execute(statement), key=lambda row: (-row[2], row[0]))
    clientes = [
        {"cliente": c.strip() or "Cliente não informado", "total_pedidos": n, "valor_total": format_money(v)}
        for c, n, v in rows[:limit]
    ]
    return {"total_clientes": len(rows), "clientes": clientes, **filtros(periodo)}


# dimension → (item column, list key, count key, fallback)
ITEM_DIMENSIONS = {
    "vendedor": (PedidoItem.vendedor, "vendedores", "total_vendedores", "Sem vendedor"),
    "designer": (PedidoItem.designer, "designers", "total_designers", "Sem designer"),
    "tipo_producao": (PedidoItem.tipo_producao, "tipos", "total_tipos", "Sem tipo"),
}


def por_item(session: Session, periodo: Periodo, dimension: str) -> dict[str, Any]:
    """Item-level figures by seller, designer or product type: orders, items, quantity, value, m²."""
    column, list_key, count_key, fallback = ITEM_DIMENSIONS[dimension]
    key = name_or_null(column)
    statement = (
        select(
            key,
            func.count(func.distinct(PedidoItem.pedido_id)),
            func.count(PedidoItem.id),
            _sum(PedidoItem.quantidade),
            _sum(PedidoItem.valor_calculado),
            _sum(PedidoItem.area_cm2),
        )
        .join(Pedido, Pedido.id == PedidoItem.pedido_id)
        .where(*periodo.conditions())
        .group_by(key)
    )
    rows = sorted(session.execute(statement), key=lambda row: (-row[4], row[0] or ""))
    records = [
        {
            dimension: name or fallback,
            "total_pedidos": pedidos,
            "total_itens": itens,
            "quantidade": quantidade,
            "valor_total": format_money(valor),
            "area_m2": area_m2(area),
        }
        for name, pedidos, itens, quantidade, valor, area in rows
    ]
    return {count_key: len(records), list_key: records, **filtros(periodo)}


def area_m2(cm2: int) -> float:
    return round(cm2 / 10000, 4)


# relatorio-semanal's order columns, in the order the original's Pedido has them (a wire shape, so
# named here rather than taken from the model); not the search key, the version or the snapshot cache.
_SEMANAL_FIELDS = (  # noqa: SIM905 (one column a line would be 31 lines)
    "id numero data_entrada data_entrega prioridade status cliente telefone_cliente cidade_cliente "
    "estado_cliente observacao obs_pagamento valor_total valor_frete valor_itens tipo_pagamento "
    "forma_envio forma_envio_id financeiro conferencia sublimacao costura expedicao pronto "
    "sublimacao_maquina sublimacao_data_impressao financeiro_liberado_em rascunho criado_por "
    "data_criacao ultima_atualizacao"
).split()
_SEMANAL_COLUMNS = [Pedido.__table__.c[name] for name in _SEMANAL_FIELDS]
_SEMANAL_NAMES = [column.name for column in _SEMANAL_COLUMNS]
_SEMANAL_MONEY = ["valor_total", "valor_frete", "valor_itens"]
_SEMANAL_DATES = [column.name for column in _SEMANAL_COLUMNS if column.type.python_type in (date, datetime)]


def relatorio_semanal(session: Session, periodo: Periodo, *, skip: int, limit: int | None) -> tuple[int, list[dict]]:
    """The selected orders (light order dicts from columns, no items), oldest first."""
    where = periodo.conditions()
    total = session.execute(select(func.count(Pedido.id)).where(*where)).scalar_one()
    statement = select(*_SEMANAL_COLUMNS).where(*where).order_by(periodo.reference_date(), Pedido.id).offset(skip)
    if limit is not None:
        statement = statement.limit(limit)
    return total, [pedido_dict(dict(zip(_SEMANAL_NAMES, row, strict=True))) for row in session.execute(statement)]


def pedido_dict(data: dict[str, Any]) -> dict[str, Any]:
    """An order's columns as the original writes them (money "500.00", dates ISO); no items."""
    for field in _SEMANAL_MONEY:
        data[field] = format_money(data[field])
    for field in _SEMANAL_DATES:
        value = data[field]
        if value is not None:
            data[field] = value.isoformat()
    return data
