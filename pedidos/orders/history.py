"""History rows and realtime events, written in the change's own transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from auth.models import User
from database.base import utcnow
from database.prepared import Prepared
from pedidos.orders.models import PedidoHistorico
from pedidos.realtime.events import record_event


def _jsonable(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def rows(
    *,
    pedido_id: int,
    acao: str,
    user: User | None,
    changes: dict[str, tuple[Any, Any]] | None = None,
    before: Any = None,
    after: Any = None,
) -> list[dict[str, Any]]:
    """One row per changed field (`changes`: field → (old, new)), or one row for the whole order."""
    base = {
        "pedido_id": pedido_id,
        "acao": acao,
        "user_id": user.id if user else None,
        "username": user.username if user else None,
        "created_at": utcnow(),
    }
    if changes is None:
        return [{**base, "campo": None, "valor_anterior": before, "valor_novo": after}]
    return [
        {**base, "campo": field, "valor_anterior": _jsonable(old), "valor_novo": _jsonable(new)}
        for field, (old, new) in changes.items()
    ]


def write(session: Session, **change: Any) -> None:
    """The history rows of one change (rows' arguments), in its transaction."""
    write_rows(session, rows(**change))


def write_rows(session: Session, history_rows: list[dict[str, Any]]) -> None:
    # Prepared Core inserts: written on every order change, where the ORM's unit of work (or even
    # SQLAlchemy's execution of one statement) costs more than the rows. Many rows: one executemany.
    _INSERT_HISTORY.run(session, history_rows)


_INSERT_HISTORY = Prepared(insert(PedidoHistorico.__table__))


def _life(session: Session, pedido_id: int, *, exists: bool) -> tuple[int, int | None]:
    """(after, up to) history ids of one life of `pedido_id`: the current order's (`exists`), else the
    last deleted one's. A deleted order's rows end with its "delete" row, and its id can be handed to
    a new order (SQLite gives max(id) + 1; both after reset-ids): that order's history starts after it."""
    marks = list(
        session.execute(
            select(PedidoHistorico.id)
            .where(PedidoHistorico.pedido_id == pedido_id, PedidoHistorico.acao == "delete")
            .order_by(PedidoHistorico.id.desc())
            .limit(2)
        ).scalars()
    )
    if exists:
        return (marks[0] if marks else 0), None
    if not marks:
        return 0, None  # gone without a delete row (not through the API): all it left
    return (marks[1] if len(marks) > 1 else 0), marks[0]


def list_for(session: Session, pedido_id: int, *, exists: bool = True) -> list[dict[str, Any]]:
    """The history of the order `pedido_id` (`exists`), or of the last order deleted under that id."""
    after, up_to = _life(session, pedido_id, exists=exists)
    query = select(PedidoHistorico).where(PedidoHistorico.pedido_id == pedido_id, PedidoHistorico.id > after)
    if up_to is not None:
        query = query.where(PedidoHistorico.id <= up_to)
    rows = session.execute(query.order_by(PedidoHistorico.created_at, PedidoHistorico.id)).scalars()
    return [
        {
            "id": row.id,
            "pedido_id": row.pedido_id,
            "acao": row.acao,
            "campo": row.campo,
            "valor_anterior": row.valor_anterior,
            "valor_novo": row.valor_novo,
            "user_id": row.user_id,
            "username": row.username,
            "created_at": row.created_at.isoformat(),
        }
        for row in rows
    ]


def forget_current(session: Session, pedido_id: int) -> None:
    """Remove the history of the current life of `pedido_id` (a deleted draft's: it was never an order)."""
    after, _up_to = _life(session, pedido_id, exists=False)
    session.execute(delete(PedidoHistorico).where(PedidoHistorico.pedido_id == pedido_id, PedidoHistorico.id > after))


def order_message(*, type: str, order: dict[str, Any], user: User | None) -> dict[str, Any] | None:
    """The original's WebSocket message: the order with user fields, plus order_id/user_id/username;
    None for a draft, which is its author's alone (nobody else hears of it; its author has the response)."""
    if order.get("rascunho"):
        return None
    user_id = user.id if user else None
    username = user.username if user else None
    return {
        "type": type,
        "order": {**order, "user_id": user_id, "username": username},
        "order_id": order["id"],
        "user_id": user_id,
        "username": username,
    }


def order_event(session: Session, *, type: str, order: dict[str, Any], user: User | None) -> None:
    message = order_message(type=type, order=order, user=user)
    if message is not None:
        record_event(
            session,
            type=type,
            order_id=order["id"],
            message=message,
            user_id=message["user_id"],
            username=message["username"],
        )


def deleted_event(session: Session, *, pedido_id: int | None, user: User | None) -> None:
    message: dict[str, Any] = {"type": "order_deleted"}
    if pedido_id is not None:
        message["order_id"] = pedido_id
    record_event(
        session,
        type="order_deleted",
        order_id=pedido_id,
        message=message,
        user_id=user.id if user else None,
        username=user.username if user else None,
    )
