"""Small factories for orders as the pedidos service stores them (used by cadastros, máquinas, notificações)."""

from __future__ import annotations

import itertools
from datetime import date

from database.types import search_key
from pedidos.orders.models import Pedido, PedidoItem

_numbers = itertools.count(1)


def make_pedido(session, *, items: list[dict] | None = None, **overrides) -> Pedido:
    """A committed order (and its items) with sensible defaults."""
    values = {
        "numero": f"{next(_numbers):06d}",
        "data_entrada": date(2026, 11, 1),
        "data_entrega": date(2026, 11, 10),
        "cliente": "Cliente Teste",
        "status": "pendente",
    }
    values.update(overrides)
    values.setdefault("cliente_busca", search_key(values["cliente"]))
    pedido = Pedido(**values)
    session.add(pedido)
    session.flush()
    for index, item in enumerate(items or []):
        session.add(PedidoItem(pedido_id=pedido.id, item_index=index, **item))
    session.commit()
    return pedido


def items_of(session, pedido: Pedido) -> list[PedidoItem]:
    from sqlalchemy import select

    return list(
        session.execute(
            select(PedidoItem).where(PedidoItem.pedido_id == pedido.id).order_by(PedidoItem.item_index)
        ).scalars()
    )
