"""GET /pedidos/: filters, order, pages; one query for orders, one for the items of those not cached."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection, and_, exists, func, or_, select
from sqlmodel import Session

from database.pagination import Page, SearchField
from database.types import parse_date, search_key
from errors import BadRequest
from pedidos.orders.drafts import NOT_DRAFT, count_orders
from pedidos.orders.models import Pedido, PedidoItem
from pedidos.orders.schemas import Prioridade, Status
from pedidos.read_side.serialize import Entry, cached, order_entry, order_public
from pedidos.read_side.snapshots import STORED_COLUMNS, chunks, items_by_order, known_entry

ORDERINGS = {
    "data_criacao": Pedido.data_criacao,
    "data_entrada": Pedido.data_entrada,
    "data_entrega": Pedido.data_entrega,
    "numero": Pedido.numero,
    "cliente": Pedido.cliente_busca,
    "id": Pedido.id,
}


class Filters(BaseModel):
    """GET /pedidos/'s filters: its query parameters, validated as one model (one validation instead of
    one per parameter), and part of the page cache's key (frozen, so hashable)."""

    model_config = ConfigDict(frozen=True)

    status: tuple[Status, ...] = ()
    cliente: SearchField = None
    data_inicio: str | None = None
    data_fim: str | None = None
    date_mode: str = Field(
        default="entrada",
        description="entrada (data_entrada), qualquer (entrada ou entrega); outro valor: data_entrega",
    )
    prioridade: Prioridade | None = None
    q: SearchField = None
    vendedor: SearchField = None
    designer: SearchField = None
    ordenar: str | None = Field(
        default=None,
        description="data_criacao, data_entrada, data_entrega, numero, cliente ou id; prefixo - para decrescente",
    )
    # The original 1.4's filters the app sends (orders.ts fetchOrdersPaginated).
    is_pronto: bool | None = None
    tipo_producao: SearchField = None


def _date(value: str | None, name: str) -> date | None:
    try:
        return parse_date(value)
    except ValueError:
        raise BadRequest(f"{name} inválida: use o formato AAAA-MM-DD.")


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _between(column, start: date | None, end: date | None):
    conditions = [column.is_not(None)]
    if start:
        conditions.append(column >= start)
    if end:
        conditions.append(column <= end)
    return and_(*conditions)


def _clean(text: str | None) -> str | None:
    # PostgreSQL refuses NUL in parameters; nothing stored can contain one anyway.
    return text.replace("\x00", "") if text else text


def conditions(filters: Filters) -> list:
    """The filters' WHERE, drafts left out (they are listed only by GET /pedidos/rascunhos)."""
    return [NOT_DRAFT, *filter_conditions(filters)]


def filter_conditions(filters: Filters) -> list:
    filters = filters.model_copy(
        update={
            name: _clean(getattr(filters, name)) for name in ("cliente", "q", "vendedor", "designer", "tipo_producao")
        }
    )
    where = []
    if filters.status:
        where.append(Pedido.status.in_(filters.status))
    if filters.prioridade:
        where.append(Pedido.prioridade == filters.prioridade)
    if filters.cliente and search_key(filters.cliente):
        where.append(Pedido.cliente_busca.like(_like(search_key(filters.cliente)), escape="\\"))
    if filters.q and filters.q.strip():
        term = filters.q.strip()
        where.append(
            or_(
                Pedido.numero.like(_like(term), escape="\\"),
                Pedido.cliente_busca.like(_like(search_key(term)), escape="\\"),
            )
        )
    if filters.is_pronto is not None:
        where.append(Pedido.pronto == filters.is_pronto)
    for field in ("vendedor", "designer", "tipo_producao"):
        value = getattr(filters, field)
        if value and value.strip():
            column = getattr(PedidoItem, field)
            where.append(exists().where(PedidoItem.pedido_id == Pedido.id, func.lower(column) == value.strip().lower()))
    start = _date(filters.data_inicio, "data_inicio")
    end = _date(filters.data_fim, "data_fim")
    if start and end and start > end:
        raise BadRequest("data_inicio não pode ser posterior a data_fim.")
    if start or end:
        mode = (filters.date_mode or "entrada").lower()
        if mode == "entrada":
            where.append(_between(Pedido.data_entrada, start, end))
        elif mode == "qualquer":
            where.append(or_(_between(Pedido.data_entrada, start, end), _between(Pedido.data_entrega, start, end)))
        else:  # the original: anything else filters on data_entrega
            where.append(_between(Pedido.data_entrega, start, end))
    return where


def _order_by(ordenar: str | None) -> list:
    if not ordenar:
        return [Pedido.data_criacao.desc(), Pedido.id.desc()]
    descending = ordenar.startswith("-")
    key = ordenar.lstrip("-+").strip()
    if key.endswith("_desc"):
        key, descending = key[: -len("_desc")], True
    elif key.endswith("_asc"):
        key = key[: -len("_asc")]
    column = ORDERINGS.get(key)
    if column is None:
        raise BadRequest(f"ordenar inválido: use {', '.join(ORDERINGS)} (prefixo '-' para decrescente).")
    return [column.desc() if descending else column.asc(), Pedido.id.desc() if descending else Pedido.id.asc()]


def list_entries(
    session: Session | Connection, filters: Filters, page: Page, *, inflate: bool = True
) -> tuple[list[Entry], int]:
    """The page's cached order entries (see serialize) and the total matching orders.

    First the page's keys (id, version, data_criacao) from the indexes; full rows and items are
    read only for orders whose current version is not cached yet. Not `inflate`: the page will be
    gzipped, so stored snapshots are not inflated (the app's first "all orders" call: ~0.5 s less).
    """
    matching = filter_conditions(filters)
    where = [NOT_DRAFT, *matching]
    order_by = _order_by(filters.ordenar)
    keys_query = select(Pedido.id, Pedido.version, Pedido.data_criacao)
    if page.limit is None and not page.skip:
        keys_query = keys_query.where(*where)
    else:
        # The page's ids come from the covering (date, data_criacao, id) indexes alone.
        ids = select(Pedido.id).where(*where).order_by(*order_by).offset(page.skip or None).limit(page.limit)
        keys_query = keys_query.where(Pedido.id.in_(ids.scalar_subquery()))
    keys = session.execute(keys_query.order_by(*order_by)).all()
    if page.limit is None and (not page.skip or keys):
        total = (page.skip or 0) + len(keys)
    else:
        total = session.execute(count_orders(*matching)).scalar_one()
    found = {key.id: cached(key) for key in keys}
    missing = [pedido_id for pedido_id, entry in found.items() if entry is None]
    if missing:
        table = Pedido.__table__
        unbuilt = []
        for chunk in chunks(missing):
            for stored in session.execute(select(*STORED_COLUMNS).where(table.c.id.in_(chunk))):
                found[stored.id] = known_entry(stored, inflate=inflate)
                if found[stored.id] is None:
                    unbuilt.append(stored.id)
        rows = [
            row for chunk in chunks(unbuilt) for row in session.execute(select(*table.c).where(table.c.id.in_(chunk)))
        ]
        # Rows before items: under READ COMMITTED an item newer than its row could otherwise be
        # cached under the row's (older) version for good.
        items = items_by_order(session, [row.id for row in rows])
        for row in rows:
            found[row.id] = order_entry(row, items.get(row.id, []))
    return [found[key.id] for key in keys if found.get(key.id) is not None], total


def all_orders(session: Session) -> list[dict[str, Any]]:
    """Every order as dicts (for delete-all's history)."""
    rows = session.execute(select(*Pedido.__table__.c).order_by(Pedido.id)).all()
    items = items_by_order(session, [row.id for row in rows])
    return [order_public(row, items.get(row.id, [])) for row in rows]
