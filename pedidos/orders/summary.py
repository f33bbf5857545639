"""GET /pedidos/summary: the dashboard's figures, as the original 1.4 defines them, in SQL aggregates.

Drafts (rascunho) are left out of every figure. Where the original's definition is unsound this
module does the sound thing (each noted where it is computed):
- efficiency_rate: the original divides the on-time count by every concluded order, including those
  without a delivery date (which can never be on time); here only concluded orders with a date count.
- hoje: the original compares with the UTC date; here "today" is the shop's (the server's local) date.
- shipping_methods: the original's percentages are of every order, cancelled included; kept (the app
  shows them as shares of all orders), but of non-draft orders only.
- avg_production_time uses ultima_atualizacao as the completion time, as the original does (the
  last change of a concluded order is, in practice, its move to pronto/entregue).
- avg_production_time and avg_delay_time count calendar days (the original subtracted a date from
  the current clock, so the same order's delay changed from 4 to 5 days at noon UTC).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import orjson
from sqlalchemy import BigInteger, Connection, and_, bindparam, cast, func, or_, select
from sqlalchemy.types import Date

from pedidos.orders.drafts import NOT_DRAFT
from pedidos.orders.models import Pedido, PedidoResumo, PedidoResumoEnvio
from pedidos.orders.schemas import STATUSES
from pedidos.orders.stage_flags import FLAGS
from pedidos.read_side.serialize import order_public
from pedidos.read_side.snapshots import STORED_COLUMNS, items_by_order, known_entry

LISTED_ORDERS = 5
SHIPPING_METHODS = 5
STAGES = FLAGS
DONE = ("pronto", "entregue")
CLOSED = ("pronto", "entregue", "cancelado")
NO_SHIPPING = "Não especificado"


# The figures' sums per (status, prioridade, delivery day of an open order), kept by migration 1500's
# triggers: the few rows that hold every count and average the dashboard shows.
_resumo = PedidoResumo.__table__.c
SEM_DIA = -99_999_999  # dia_entrega of a closed order, or of one without a delivery date
EPOCH = date(1970, 1, 1)
_SUMS = ("pedidos", *STAGES, "com_prazo", "no_prazo", "finalizados", "dias_producao")
_BY_STATUS = select(
    _resumo.status, _resumo.prioridade, *(func.sum(_resumo[name]).label(name) for name in _SUMS)
).group_by(_resumo.status, _resumo.prioridade)
# Open orders late today, and their delivery days summed (the average delay's numerator).
_LATE = select(
    func.coalesce(func.sum(_resumo.pedidos), 0).label("n"),
    func.coalesce(func.sum(cast(_resumo.pedidos, BigInteger) * _resumo.dia_entrega), 0).label("dias"),
).where(_resumo.dia_entrega > SEM_DIA, _resumo.dia_entrega < bindparam("today_day"))
_envio = PedidoResumoEnvio.__table__.c
_SHIPPING = (
    select(_envio.forma_envio, _envio.pedidos.label("n"))
    .where(_envio.pedidos > 0)
    .order_by(_envio.pedidos.desc(), _envio.forma_envio)
    .limit(SHIPPING_METHODS)
)

# Drafts left out by id (drafts.NOT_DRAFT): `rascunho = false` made SQLite's planner read every order
# through the drafts' index for each of these three (~1.8 s at 100k orders under load).
_real = NOT_DRAFT
_active = Pedido.status.not_in(CLOSED)
# Entered today, or created today (local day, as naive UTC): an index range each.
_TODAY = select(func.count()).where(
    _real,
    or_(
        Pedido.data_entrada == bindparam("today", type_=Date),
        and_(Pedido.data_criacao >= bindparam("day_start"), Pedido.data_criacao < bindparam("day_end")),
    ),
)
_RECENT = (
    select(Pedido.id)
    .where(_real, Pedido.status != "cancelado")
    .order_by(Pedido.data_criacao.desc(), Pedido.id.desc())
    .limit(LISTED_ORDERS)
)
_URGENT = (
    select(Pedido.id)
    .where(_real, _active, Pedido.prioridade == "ALTA")
    .order_by(Pedido.data_entrega.asc(), Pedido.id.asc())
    .limit(LISTED_ORDERS)
)


def _percent(part: int, whole: int) -> int:
    return int(part * 100 / whole) if whole else 0


def _orders(connection: Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The orders' JSON, from the version cache or their stored snapshots (built from their items only
    when a snapshot is stale): reading the rows and their items took ~15 ms on PostgreSQL."""
    if not ids:
        return {}
    found: dict[int, dict[str, Any]] = {}
    for row in connection.execute(select(*STORED_COLUMNS).where(Pedido.id.in_(ids))):
        entry = known_entry(row)
        if entry is not None:
            found[row.id] = orjson.loads(entry[0])
    stale = [pedido_id for pedido_id in ids if pedido_id not in found]
    if stale:
        table = Pedido.__table__
        rows = connection.execute(select(*table.c).where(table.c.id.in_(stale))).all()
        items = items_by_order(connection, stale)
        found.update({row.id: order_public(row, items.get(row.id, [])) for row in rows})
    return found


# (data version, today, figures) of the last summary; PostgreSQL has no data version (database/data_version.py).
_last: tuple[Any, date, dict[str, Any]] | None = None


def summary(connection: Connection, version: Any) -> dict[str, Any]:
    """The dashboard's figures, computed again only when the database (or the date) has changed.

    The app's dashboard polls it, and between two changes the answer is the same.
    `version` is the data version read before `connection`'s transaction began (pedidos.orders.reads.summary).
    """
    global _last
    today = date.today()
    found = _last
    if version is not None and found is not None and found[:2] == (version, today):
        return found[2]
    figures = compute(connection, today)
    if version is not None:
        _last = (version, today, figures)
    return figures


def compute(connection: Connection, today: date) -> dict[str, Any]:
    """The dashboard's figures over every order that is not a draft, from pedido_resumo's sums."""
    # Local midnight as naive UTC, the format data_criacao is stored in.
    day_start_utc = datetime.combine(today, time()).astimezone().astimezone(UTC).replace(tzinfo=None)
    groups = connection.execute(_BY_STATUS).all()
    counts = dict.fromkeys(STATUSES, 0)
    sums = dict.fromkeys(_SUMS, 0)
    stages = dict.fromkeys(STAGES, 0)
    urgent = 0
    for group in groups:
        if group.status in counts:
            counts[group.status] += int(group.pedidos)
        for name in _SUMS:
            sums[name] += int(getattr(group, name))
        if group.status != "cancelado":
            for stage in STAGES:
                stages[stage] += int(getattr(group, stage))
        if group.status not in CLOSED and group.prioridade == "ALTA":
            urgent += int(group.pedidos)
    today_day = (today - EPOCH).days
    late = connection.execute(_LATE, {"today_day": today_day}).one()
    late_count = int(late.n)
    hoje = connection.execute(
        _TODAY, {"today": today, "day_start": day_start_utc, "day_end": day_start_utc + timedelta(days=1)}
    ).scalar_one()
    total = sums["pedidos"]
    active = total - counts["cancelado"]
    recent_ids = list(connection.execute(_RECENT).scalars())
    urgent_ids = list(connection.execute(_URGENT).scalars())
    orders = _orders(connection, list(dict.fromkeys(recent_ids + urgent_ids)))
    return {
        "total": total,
        "pendentes": counts["pendente"],
        "em_producao": counts["em_producao"],
        "concluidos": counts["pronto"] + counts["entregue"],
        "atrasados": late_count,
        "urgentes": urgent,
        "hoje": int(hoje),
        "efficiency_rate": _percent(sums["no_prazo"], sums["com_prazo"]),
        # Averages of whole days: the exact quotient, rounded as round() rounds the SQL average.
        "avg_production_time": _average(sums["dias_producao"], sums["finalizados"]),
        "avg_delay_time": _average(today_day * late_count - int(late.dias), late_count),
        "production_efficiency": {stage: _percent(stages[stage], active) for stage in STAGES},
        "shipping_methods": [
            {"name": row.forma_envio or NO_SHIPPING, "count": row.n, "percentage": _percent(row.n, total)}
            for row in connection.execute(_SHIPPING)
        ],
        "status_counts": counts,
        "recent_orders": [orders[pedido_id] for pedido_id in recent_ids if pedido_id in orders],
        "urgent_orders": [orders[pedido_id] for pedido_id in urgent_ids if pedido_id in orders],
    }


def _average(total: int, count: int) -> int:
    return round(total / count) if count else 0
