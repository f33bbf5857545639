"""POST /pedidos/reset-ids: new orders count from id 1 again, allowed only once every order is gone."""

from __future__ import annotations

from sqlalchemy import exists, select, text
from sqlmodel import Session

from errors import Conflict
from pedidos.orders.models import Pedido, PedidoItem


def reset_ids(session: Session) -> None:
    """Restart the order and item id sequences; 409 while any order (or draft) exists."""
    if session.execute(select(exists().where(Pedido.id.is_not(None)))).scalar():
        raise Conflict("Ainda existem pedidos: exclua todos os pedidos antes de reiniciar a numeração")
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite (no AUTOINCREMENT) already hands out max(id) + 1 = 1 on an empty table
    for table in (Pedido.__tablename__, PedidoItem.__tablename__):
        session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 1, false)"))
