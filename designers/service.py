"""The designers' art panel: a designer's items of active orders, their art status and comments.

The list is one indexed query over pedido_itens JOIN pedidos (designer_busca = search_key(nome));
the two writes change one item's server-owned field and keep the order's version, snapshot,
history and realtime event as every other order write does (pedidos.orders.service).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select, bindparam, false, func, select, true
from sqlmodel import Session

from auth.models import User
from database.base import utcnow
from database.types import search_key
from errors import NotFound
from pedidos.orders.item_writes import find_item
from pedidos.orders.items import DESCRIPTION_COLUMNS
from pedidos.orders.models import Pedido, PedidoItem
from pedidos.orders.service import claim_version, public, record_update

MAX_LIMIT = 200
CLOSED_STATUSES = ("cancelado", "entregue")
# Panel fields kept in the item's `extras` JSON (as the app sent them).
EXTRA_TEXT = (
    "observacao",
    "composicao_tecidos",
    "emenda",
    "emenda_qtd",
    "quantidade_paineis",
    "quantidade_totem",
    "quantidade_lona",
    "quantidade_adesivo",
    "tipo_acabamento",
    "quantidade_ilhos",
    "espaco_ilhos",
    "quantidade_cordinha",
    "espaco_cordinha",
    "tipo_adesivo",
    "acabamento_lona",
    "acabamento_totem",
    "acabamento_totem_outro",
)
EXTRA_FLAGS = ("terceirizado", "ziper", "cordinha_extra", "alcinha", "toalha_pronta")

_items = PedidoItem.__table__
_orders = Pedido.__table__
_ITEM_COLUMNS = (
    "pedido_id",
    "item_index",
    *DESCRIPTION_COLUMNS,
    "tecido",
    "imagem",
    "status_arte",
    "comentarios",
    "extras",
)


def _panel(items: Any) -> Select:
    """The panel's columns of `items` (the table, or a designer's items) joined to active orders."""
    return (
        select(
            items.c.id.label("item_id"),
            items.c.pedido_id.label("order_id"),
            *(items.c[name] for name in _ITEM_COLUMNS[1:]),
            _orders.c.numero,
            _orders.c.cliente,
            _orders.c.data_entrega,
            _orders.c.status,
            _orders.c.prioridade,
        )
        .select_from(items.join(_orders, _orders.c.id == items.c.pedido_id))
        .where(_orders.c.status.not_in(CLOSED_STATUSES))
    )


_PANEL = _panel(_items).where(_orders.c.rascunho == false())


def _not_found(item_id: int) -> NotFound:
    return NotFound(f"Item {item_id} não encontrado em nenhum pedido ativo.")


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return str(value)


def _comment_public(comment: Any) -> dict[str, str]:
    comment = comment if isinstance(comment, dict) else {}
    return {key: _text(comment.get(key)) or "" for key in ("id", "autor", "texto", "data")}


def panel_row(row: Any) -> dict[str, Any]:
    """A DesignerArteItemResponse from one _PANEL row."""
    extras = row.extras or {}
    acabamento = extras.get("acabamento")
    entrega = row.data_entrega
    out = {
        "item_id": row.item_id,
        "order_id": row.order_id,
        "numero_pedido": row.numero or str(row.order_id),
        "cliente": row.cliente,
        "data_entrega": entrega.isoformat() if isinstance(entrega, date) else entrega,
        "tipo_producao": row.tipo_producao,
        "descricao": row.descricao,
        "largura": row.largura,
        "altura": row.altura,
        "metro_quadrado": row.metro_quadrado,
        "imagem": row.imagem,
        "status_pedido": row.status,
        "prioridade": row.prioridade,
        "status_arte": row.status_arte if row.status_arte == "liberado" else "aguardando",
        "tecido": row.tecido,
        "acabamento": acabamento if isinstance(acabamento, dict) else None,
        "vendedor": row.vendedor,
        "comentarios": [_comment_public(c) for c in row.comentarios or []],
    }
    out.update({key: _text(extras.get(key)) for key in EXTRA_TEXT})
    out.update({key: extras[key] if isinstance(extras.get(key), bool) else None for key in EXTRA_FLAGS})
    return out


# Without statistics (SQLite never gathers them unless ANALYZE runs) a planner guesses, and both
# guesses lose somewhere: starting from the designer's index, a busy designer's ~50k items were
# joined and sorted (70 ms at 100k orders); walking the orders newest first, a quiet designer's
# few items were looked for in every order (170 ms on PostgreSQL). So the designer's item count,
# capped, chooses: a quiet designer's items are read first (a MATERIALIZED CTE, on both databases)
# and sorted; a busy designer's are found walking the orders by data_entrada and stop at the page's
# end (SQLite: its indexes hidden from the planner; PostgreSQL chooses so from its statistics, and
# forcing it there made 30-day pages slower).
BUSY_DESIGNER_ITEMS = 2000
# Counts up to BUSY_DESIGNER_ITEMS + 1 index entries, no further.
_BUSY = select(func.count()).select_from(
    select(_items.c.id).where(_items.c.designer_busca == bindparam("key")).limit(BUSY_DESIGNER_ITEMS + 1).subquery()
)


def _listing(session: Session, key: str, start: date | None, end: date | None) -> Select:
    if session.execute(_BUSY, {"key": key}).scalar_one() <= BUSY_DESIGNER_ITEMS:
        columns = (_items.c.id, *(_items.c[name] for name in _ITEM_COLUMNS))
        items = select(*columns).where(_items.c.designer_busca == key).cte("designer_items")
        statement = _panel(items.prefix_with("MATERIALIZED")).where(_orders.c.rascunho == false())
    elif session.get_bind().dialect.name == "sqlite":
        # `|| ''` and coalesce hide the designer and draft indexes: only data_entrada's is left.
        items = _items
        hidden = (_items.c.designer_busca + "" == key, func.coalesce(_orders.c.rascunho, true()) == false())
        statement = _panel(_items).where(*hidden)
    else:
        items = _items
        statement = _PANEL.where(_items.c.designer_busca == key)
    if start is not None:
        statement = statement.where(_orders.c.data_entrada >= start)
    if end is not None:
        statement = statement.where(_orders.c.data_entrada <= end)
    return statement.order_by(_orders.c.data_entrada.desc(), _orders.c.id.desc(), items.c.item_index)


def list_items(
    session: Session, *, nome: str, start: date | None, end: date | None, limit: int, offset: int
) -> list[dict[str, Any]]:
    """The designer's items of active, non-draft orders, newest data_entrada first."""
    key = search_key(nome)
    if not key:
        return []  # a blank name would match every item without a designer
    statement = _listing(session, key, start, end).limit(min(max(limit, 1), MAX_LIMIT)).offset(max(offset, 0))
    return [panel_row(row) for row in session.execute(statement)]


def _active_item(session: Session, item_id: int) -> PedidoItem:
    try:
        row = find_item(session, item_id, None)
    except NotFound:
        raise _not_found(item_id)
    pedido = session.get(Pedido, row.pedido_id)
    if pedido is None or pedido.rascunho or pedido.status in CLOSED_STATUSES:
        raise _not_found(item_id)
    return row


def _item_row(session: Session, item_id: int) -> dict[str, Any]:
    return panel_row(session.execute(_PANEL.where(_items.c.id == item_id)).one())


def _save(session: Session, row: PedidoItem, field: str, old: Any, new: Any, *, user: User) -> dict[str, Any]:
    """Write the item's change as an order write: version, snapshot, history row, order_updated."""
    pedido = claim_version(session, row.pedido_id, None)
    setattr(row, field, new)
    pedido.ultima_atualizacao = utcnow()
    session.flush()
    order = public(session, pedido)
    changes = {f"items[{row.item_index}].{field}": (old, new)}
    record_update(session, order, acao="item_update", user=user, changes=changes)
    session.flush()
    return _item_row(session, row.id)


def set_status_arte(session: Session, item_id: int, status_arte: str, *, user: User) -> dict[str, Any]:
    """Release the art (or put it back to wait); nothing else of the item or order changes."""
    row = _active_item(session, item_id)
    if row.status_arte == status_arte:
        return _item_row(session, row.id)  # nothing changed: no new version, history or event
    return _save(session, row, "status_arte", row.status_arte, status_arte, user=user)


def add_comment(session: Session, item_id: int, texto: str, *, user: User) -> dict[str, Any]:
    """Append a comment by the token's user, timed by the server."""
    row = _active_item(session, item_id)
    comment = {
        "id": str(uuid.uuid4()),
        "autor": user.username,
        "user_id": user.id,
        "texto": texto,
        "data": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    old = list(row.comentarios or [])
    return _save(session, row, "comentarios", old, [*old, comment], user=user)
