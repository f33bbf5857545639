"""Writing to the event log; the realtime dispatcher reads it."""

from __future__ import annotations

from typing import Any

import orjson
from sqlmodel import Session

from pedidos.models import OrderEvent


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
) -> OrderEvent:
    """Append one event in the caller's transaction; it is delivered only if that commits."""
    event = OrderEvent(
        type=type,
        order_id=order_id,
        user_id=user_id,
        username=username,
        payload=orjson.dumps(message, default=str).decode(),
        target_user_id=target_user_id,
        origin=origin,
    )
    session.add(event)
    session.flush()
    return event
