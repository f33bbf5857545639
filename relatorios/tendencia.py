"""Trend per day, ISO week or month: SQL groups by day, Python folds at most one row per day."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import BigInteger, cast, func, select
from sqlmodel import Session

from database.types import format_money
from errors import BadRequest
from pedidos.orders.models import Pedido
from relatorios.filters import Periodo
from relatorios.resumos import _average, filtros

AGRUPAMENTOS = {"dia", "semana", "mes"}


def bucket_start(day: date, agrupamento: str) -> date:
    if agrupamento == "semana":
        return day - timedelta(days=day.weekday())
    if agrupamento == "mes":
        return day.replace(day=1)
    return day


def next_bucket(start: date, agrupamento: str) -> date:
    if agrupamento == "semana":
        return start + timedelta(days=7)
    if agrupamento == "mes":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + timedelta(days=1)


def bucket_label(start: date, agrupamento: str) -> str:
    if agrupamento == "semana":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if agrupamento == "mes":
        return f"{start:%Y-%m}"
    return start.isoformat()


def _change(current: int, previous: int | None) -> float | None:
    """Percent change against the previous bucket; None when there is nothing to compare with."""
    if previous is None or previous == 0:
        return None
    return round((current - previous) * 100 / previous, 2)


def tendencia(session: Session, periodo: Periodo, agrupamento: str) -> dict[str, Any]:
    """Count, value, average ticket and change per bucket, empty buckets included."""
    agrupamento = (agrupamento or "dia").strip().lower()
    if agrupamento not in AGRUPAMENTOS:
        raise BadRequest("agrupamento inválido. Use: dia, semana ou mes")
    day = periodo.reference_date().label("dia")
    statement = (
        select(day, func.count(Pedido.id), cast(func.coalesce(func.sum(Pedido.valor_total), 0), BigInteger))
        .where(*periodo.conditions(), day.isnot(None))
        .group_by(day)
    )
    per_day: dict[date, tuple[int, int]] = {}
    for value, count, total in session.execute(statement):
        value = date.fromisoformat(value) if isinstance(value, str) else value
        per_day[value] = (count, total)
    first = periodo.start or min(per_day, default=None)
    last = periodo.end or max(per_day, default=None)
    periodos: list[dict[str, Any]] = []
    if first is not None and last is not None:
        # Each bucket's start and the next one's (its end + 1 day): 366 a year by day.
        buckets: dict[date, list] = {}
        start = bucket_start(first, agrupamento)
        while start <= last:
            following = next_bucket(start, agrupamento)
            buckets[start] = [0, 0, following]
            start = following
        for value, (count, total) in per_day.items():
            bucket = buckets.get(bucket_start(value, agrupamento))
            if bucket is not None:
                bucket[0] += count
                bucket[1] += total
        previous_count: int | None = None
        previous_total: int | None = None
        one_day = timedelta(days=1)
        for start, (count, total, following) in buckets.items():
            periodos.append(
                {
                    "periodo": bucket_label(start, agrupamento),
                    "inicio": max(start, first).isoformat(),
                    "fim": min(following - one_day, last).isoformat(),
                    "total_pedidos": count,
                    "valor_total": format_money(total),
                    "ticket_medio": format_money(_average(total, count)),
                    "variacao_pedidos": _change(count, previous_count),
                    "variacao_valor": _change(total, previous_total),
                }
            )
            previous_count, previous_total = count, total
    return {"agrupamento": agrupamento, "total_periodos": len(periodos), "periodos": periodos, **filtros(periodo)}
