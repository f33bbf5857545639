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

from sqlalchemy import Connection, and_, bindparam, case, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.types import Date, Float

from pedidos.listing import items_by_order
from pedidos.models import Pedido
from pedidos.schemas import STATUSES
from pedidos.serialize import order_public

LISTED_ORDERS = 5
SHIPPING_METHODS = 5
STAGES = ("financeiro", "conferencia", "sublimacao", "costura", "expedicao")
DONE = ("pronto", "entregue")
CLOSED = ("pronto", "entregue", "cancelado")
NO_SHIPPING = "Não especificado"


# The two date operations SQL spells differently (SQLite keeps dates as ISO text): one place each.
class _Days(ColumnElement):
    """Days (fractional) from `earlier` to `later`."""

    type = Float()
    inherit_cache = True

    def __init__(self, later: Any, earlier: Any) -> None:
        self.later, self.earlier = later, earlier


class _DayOf(ColumnElement):
    """The calendar date of a timestamp."""

    type = Date()
    inherit_cache = True

    def __init__(self, moment: Any) -> None:
        self.moment = moment


@compiles(_Days, "sqlite")
def _days_sqlite(element: _Days, compiler: Any, **kw: Any) -> str:
    later, earlier = compiler.process(element.later, **kw), compiler.process(element.earlier, **kw)
    return f"(julianday({later}) - julianday({earlier}))"


@compiles(_Days)
def _days_postgresql(element: _Days, compiler: Any, **kw: Any) -> str:
    later, earlier = compiler.process(element.later, **kw), compiler.process(element.earlier, **kw)
    return f"(EXTRACT(EPOCH FROM (CAST({later} AS TIMESTAMP) - CAST({earlier} AS TIMESTAMP))) / 86400.0)"


@compiles(_DayOf, "sqlite")
def _day_of_sqlite(element: _DayOf, compiler: Any, **kw: Any) -> str:
    return f"date({compiler.process(element.moment, **kw)})"


@compiles(_DayOf)
def _day_of_postgresql(element: _DayOf, compiler: Any, **kw: Any) -> str:
    return f"CAST({compiler.process(element.moment, **kw)} AS DATE)"


def _count(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


_real = Pedido.rascunho.is_(False)
_active = Pedido.status.not_in(CLOSED)
_done = Pedido.status.in_(DONE)
_finished = and_(_done, Pedido.ultima_atualizacao.is_not(None))
_dated_done = and_(_done, Pedido.data_entrega.is_not(None))
_late = and_(_active, Pedido.data_entrega.is_not(None), Pedido.data_entrega < bindparam("today", type_=Date))

# One scan for every count and average.
_FIGURES = select(
    func.count().label("total"),
    *(_count(Pedido.status == status).label(status) for status in STATUSES),
    _count(_late).label("atrasados"),
    _count(and_(_active, Pedido.prioridade == "ALTA")).label("urgentes"),
    _count(
        or_(
            Pedido.data_entrada == bindparam("today", type_=Date),
            and_(Pedido.data_criacao >= bindparam("day_start"), Pedido.data_criacao < bindparam("day_end")),
        )
    ).label("hoje"),
    _count(_dated_done).label("concluidos_com_prazo"),
    _count(and_(_dated_done, _DayOf(Pedido.ultima_atualizacao) <= Pedido.data_entrega)).label("no_prazo"),
    func.avg(
        case((_finished, _Days(_DayOf(Pedido.ultima_atualizacao), Pedido.data_entrada))),
    ).label("producao"),
    func.avg(case((_late, _Days(bindparam("today", type_=Date), Pedido.data_entrega)))).label("atraso"),
    *(_count(and_(Pedido.status != "cancelado", getattr(Pedido, stage).is_(True))).label(stage) for stage in STAGES),
).where(_real)

_SHIPPING = (
    select(Pedido.forma_envio, func.count().label("n"))
    .where(_real)
    .group_by(Pedido.forma_envio)
    .order_by(func.count().desc(), Pedido.forma_envio)
    .limit(SHIPPING_METHODS)
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
    if not ids:
        return {}
    table = Pedido.__table__
    rows = connection.execute(select(*table.c).where(table.c.id.in_(ids))).all()
    items = items_by_order(connection, [row.id for row in rows])
    return {row.id: order_public(row, items.get(row.id, [])) for row in rows}


# (data version, today, figures) of the last summary; PostgreSQL has no data version (database/data_version.py).
_last: tuple[Any, date, dict[str, Any]] | None = None


def summary(connection: Connection, version: Any) -> dict[str, Any]:
    """The dashboard's figures, computed again only when the database (or the date) has changed.

    Its queries scan the orders table (the stage flags have no index), ~0.4 s at 100k orders on
    SQLite: the app's dashboard polls it, and between two changes the answer is the same.
    `version` is the data version read before `connection`'s transaction began (pedidos.reads.summary).
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
    """The dashboard's figures over every order that is not a draft."""
    # Local midnight as naive UTC, the format data_criacao is stored in.
    day_start_utc = datetime.combine(today, time()).astimezone().astimezone(UTC).replace(tzinfo=None)
    figures = connection.execute(
        _FIGURES,
        {
            "today": today,
            "day_start": day_start_utc,
            "day_end": day_start_utc + timedelta(days=1),
        },
    ).one()
    counts = {status: int(getattr(figures, status)) for status in STATUSES}
    total = int(figures.total)
    active = total - counts["cancelado"]
    recent_ids = list(connection.execute(_RECENT).scalars())
    urgent_ids = list(connection.execute(_URGENT).scalars())
    orders = _orders(connection, list(dict.fromkeys(recent_ids + urgent_ids)))
    return {
        "total": total,
        "pendentes": counts["pendente"],
        "em_producao": counts["em_producao"],
        "concluidos": counts["pronto"] + counts["entregue"],
        "atrasados": int(figures.atrasados),
        "urgentes": int(figures.urgentes),
        "hoje": int(figures.hoje),
        "efficiency_rate": _percent(int(figures.no_prazo), int(figures.concluidos_com_prazo)),
        "avg_production_time": round(figures.producao or 0),
        "avg_delay_time": round(figures.atraso or 0),
        "production_efficiency": {stage: _percent(int(getattr(figures, stage)), active) for stage in STAGES},
        "shipping_methods": [
            {"name": row.forma_envio or NO_SHIPPING, "count": row.n, "percentage": _percent(row.n, total)}
            for row in connection.execute(_SHIPPING)
        ],
        "status_counts": counts,
        "recent_orders": [orders[pedido_id] for pedido_id in recent_ids if pedido_id in orders],
        "urgent_orders": [orders[pedido_id] for pedido_id in urgent_ids if pedido_id in orders],
    }
