"""Where orders point at lookup records: the one map used by in-use checks and remove_duplicates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, union, update
from sqlmodel import Session

from database.types import search_key
from maquinas.models import PrintLog
from pedidos.orders.models import Pedido, PedidoItem


@dataclass(frozen=True)
class Reference:
    """`table.column` holds `value(record)` when an order uses `record` (orders store names/ids, not FKs)."""

    table: type
    column: str
    value: Callable[[Any], Any]
    # Columns rewritten alongside when re-pointing, e.g. the display name kept beside a key.
    also: Callable[[Any], dict[str, Any]] = field(default=lambda _record: {})

    @property
    def pedido_column(self):
        return self.table.id if self.table is Pedido else self.table.pedido_id


def _nome(record: Any) -> str:
    return record.nome


def _id(record: Any) -> int:
    return record.id


REFERENCES: dict[str, tuple[Reference, ...]] = {
    "clientes": (Reference(Pedido, "cliente_busca", lambda r: search_key(r.nome), lambda r: {"cliente": r.nome}),),
    "vendedores": (Reference(PedidoItem, "vendedor", _nome),),
    "designers": (Reference(PedidoItem, "designer", _nome),),
    "materiais": (Reference(PedidoItem, "tecido", _nome),),
    "tipos_pagamentos": (Reference(Pedido, "tipo_pagamento", lambda r: str(r.id)),),
    "tipos_envios": (Reference(Pedido, "forma_envio_id", _id, lambda r: {"forma_envio": r.nome}),),
    "producoes": (Reference(PedidoItem, "tipo_producao", lambda r: r.name.lower()),),
    "maquinas": (Reference(PedidoItem, "machine_id", _id), Reference(PrintLog, "printer_id", _id)),
}


def _pedidos_using(table: str, record: Any):
    selects = [
        select(ref.pedido_column.label("pedido_id")).where(getattr(ref.table, ref.column) == ref.value(record))
        for ref in REFERENCES.get(table, ())
    ]
    if not selects:
        return None
    return (selects[0].distinct() if len(selects) == 1 else union(*selects)).subquery()


def usage_count(session: Session, table: str, record: Any) -> int:
    """How many distinct orders use the record."""
    pedidos = _pedidos_using(table, record)
    if pedidos is None:
        return 0
    return session.execute(select(func.count()).select_from(pedidos)).scalar_one()


def usage_examples(session: Session, table: str, record: Any, limit: int = 5) -> list[str]:
    """Numbers of the first orders that use the record, to tell staff where."""
    pedidos = _pedidos_using(table, record)
    if pedidos is None:
        return []
    statement = select(Pedido.numero).where(Pedido.id.in_(select(pedidos.c.pedido_id))).order_by(Pedido.id)
    return list(session.execute(statement.limit(limit)).scalars())


def repoint(session: Session, table: str, duplicate: Any, kept: Any) -> int:
    """Make every order row that uses `duplicate` use `kept`; returns the number of rows changed."""
    changed = 0
    for ref in REFERENCES.get(table, ()):
        column = getattr(ref.table, ref.column)
        values = {ref.column: ref.value(kept), **ref.also(kept)}
        result = session.execute(
            update(ref.table)
            .where(column == ref.value(duplicate))
            .values(values)
            .execution_options(synchronize_session=False)
        )
        changed += result.rowcount or 0
    return changed
