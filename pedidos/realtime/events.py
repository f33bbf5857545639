"""Writing to the event log; the realtime dispatcher reads it."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import insert, text
from sqlmodel import Session

from database.base import utcnow
from database.prepared import Prepared
from pedidos.orders.models import OrderEvent

# PostgreSQL: the channel that wakes every server's dispatcher, and the advisory lock that makes
# event ids commit in id order (a dispatcher reading "id > last" could otherwise skip an id that
# a slower transaction commits later).
NOTIFY_CHANNEL = "sgp_order_events"
EVENT_LOCK_KEY = 0x5347504F45  # "SGPOE"
_INSERT_EVENT = Prepared(insert(OrderEvent.__table__).returning(OrderEvent.__table__.c.id))


def record_event(
    session: Session,
    *,
    type: str,
    order_id: int | None,
    message: dict[str, Any],
    user_id: int | None = None,
    username: str | None = None,
    target_user_id: int | None = None,
    origin: str | None = None,
) -> int:
    """Append one event in the caller's transaction (returns its id); it is delivered only if that commits.

    On PostgreSQL this holds a transaction-level lock until commit: call it as the last write
    of the use case, so the lock is held briefly and never taken before row locks.
    """
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": EVENT_LOCK_KEY})
    values = {
        "type": type,
        "order_id": order_id,
        "user_id": user_id,
        "username": username,
        "payload": orjson.dumps(message, default=str).decode(),
        "target_user_id": target_user_id,
        "origin": origin,
        "created_at": utcnow(),
    }
    # A prepared Core insert, not session.add + flush: every order write records an event, and the
    # ORM's unit of work costs several times the INSERT itself.
    # Its id, not an OrderEvent: building the model object cost as much as the INSERT.
    event_id = _INSERT_EVENT.fetch(session, values)[0].id
    if postgres:
        # Delivered at commit only, so a woken dispatcher always finds the row.
        session.execute(text("SELECT pg_notify(:channel, :id)"), {"channel": NOTIFY_CHANNEL, "id": str(event_id)})
    return event_id


_INSERT_EVENTS = Prepared(insert(OrderEvent.__table__))


def record_events(session: Session, events: list[dict[str, Any]]) -> None:
    """record_event for many events (each: type, order_id, message, user_id, username) in one
    insert, one lock and one notification: the dispatcher reads every id above its last anyway."""
    if not events:
        return
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": EVENT_LOCK_KEY})
    now = utcnow()
    rows = [
        {
            "type": event["type"],
            "order_id": event["order_id"],
            "user_id": event["user_id"],
            "username": event["username"],
            "payload": orjson.dumps(event["message"], default=str).decode(),
            "target_user_id": None,
            "origin": None,
            "created_at": now,
        }
        for event in events
    ]
    _INSERT_EVENTS.run(session, rows)
    if postgres:
        session.execute(text("SELECT pg_notify(:channel, :id)"), {"channel": NOTIFY_CHANNEL, "id": str(len(rows))})
