"""One order's JSON by id, for GET /pedidos/{id}: from the version cache or the stored snapshot when
they hold it, else built from its row and items (committed data only: the read path)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, select

from auth.models import User
from errors import NotFound
from pedidos.orders import drafts
from pedidos.orders.models import Pedido, PedidoItem
from pedidos.orders.service import NOT_FOUND
from pedidos.read_side import snapshots
from pedidos.read_side.serialize import order_entry

# Built once: constructing a select per request costs more than running it.
_ORDER_BY_ID = select(*Pedido.__table__.c).where(Pedido.__table__.c.id == bindparam("pedido_id"))
_ITEMS_OF_ORDER = (
    select(*PedidoItem.__table__.c)
    .where(PedidoItem.__table__.c.pedido_id == bindparam("pedido_id"))
    .order_by(PedidoItem.__table__.c.item_index)
)


def get_bytes(connection: Connection, pedido_id: int, user: User) -> bytes:
    """The order's JSON for `user`, from the version cache when possible (read path: committed data only)."""
    stored = connection.execute(snapshots.STORED_BY_ID, {"pedido_id": pedido_id}).first()
    if stored is None:
        raise NotFound(NOT_FOUND)
    drafts.check_visible(stored, user)
    entry = snapshots.known_entry(stored)
    if entry is None:
        row = connection.execute(_ORDER_BY_ID, {"pedido_id": pedido_id}).one()
        entry = order_entry(row, connection.execute(_ITEMS_OF_ORDER, {"pedido_id": pedido_id}).all())
    return entry[0]


def stored_bytes(driver: Any, pedido_id: int, user: User) -> bytes | None:
    """get_bytes on SQLite's driver (database.reads.read_on_driver); None when it must be built from its items."""
    found, entry = snapshots.read_driver(driver, pedido_id)
    if found is None:
        raise NotFound(NOT_FOUND)
    drafts.check_visible(found, user)
    return entry[0] if entry is not None else None
