"""/relatorios-envios: orders and freight by shipping method and by day."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from database.types import format_money
from pedidos.orders.models import Pedido
from relatorios.filters import Periodo
from relatorios.queries import name_or_null
from relatorios.resumos import _sum, filtros

SEM_FORMA = "Sem forma de envio"


def envios(session: Session, periodo: Periodo) -> dict[str, Any]:
    """Per shipping method and day: order count, freight and order value (one GROUP BY)."""
    forma = name_or_null(Pedido.forma_envio)
    day = periodo.reference_date()
    statement = (
        select(forma, day, func.count(Pedido.id), _sum(Pedido.valor_frete), _sum(Pedido.valor_total))
        .where(*periodo.conditions())
        .group_by(forma, day)
    )
    formas: dict[str, list[int]] = {}
    dias: list[tuple[date | None, str, int, int, int]] = []
    for name, value, count, frete, total in session.execute(statement):
        value = date.fromisoformat(value) if isinstance(value, str) else value
        name = name or SEM_FORMA
        dias.append((value, name, count, frete, total))
        bucket = formas.setdefault(name, [0, 0, 0])
        bucket[0] += count
        bucket[1] += frete
        bucket[2] += total
    dias.sort(key=lambda row: (row[0] is None, row[0] or date.min, row[1]))
    por_forma = [
        {"forma_envio": name, "total_pedidos": c, "valor_frete": format_money(f), "valor_total": format_money(t)}
        for name, (c, f, t) in sorted(formas.items(), key=lambda pair: (-pair[1][0], pair[0]))
    ]
    return {
        "total_pedidos": sum(b[0] for b in formas.values()),
        "valor_frete": format_money(sum(b[1] for b in formas.values())),
        "valor_total": format_money(sum(b[2] for b in formas.values())),
        "formas": por_forma,
        "dias": [
            {
                "data": value.isoformat() if value else None,
                "forma_envio": name,
                "total_pedidos": count,
                "valor_frete": format_money(frete),
                "valor_total": format_money(total),
            }
            for value, name, count, frete, total in dias
        ],
        **filtros(periodo),
    }
