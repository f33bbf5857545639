"""The event log's queries: tailing (dispatcher), replay (`?since=`), pruning, relayed client messages.

Synchronous: the realtime code runs them in threads so the event loop never waits on the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, or_, select

from auth import service as auth_service
from auth.models import User
from config import settings
from database.base import utcnow
from database.session import session_scope
from pedidos.orders.models import OrderEvent
from pedidos.realtime.events import record_event

_INT32_MAX = 2**31 - 1


@dataclass(frozen=True, slots=True)
class LoggedEvent:
    id: int
    payload: str
    target_user_id: int | None
    origin: str | None

    def render(self) -> str:
        """The WebSocket text: the stored message plus its event_id, as the message's last key.

        String work, not a JSON round trip: the payload is always a compact JSON object written by
        record_event (and relayed messages never carry their own event_id), and replay renders
        once per socket, so a reconnect storm must stay cheap.
        """
        payload = self.payload.rstrip()
        separator = "" if payload == "{}" else ","
        return f'{payload[:-1]}{separator}"event_id":{self.id}}}'


_COLUMNS = (OrderEvent.id, OrderEvent.payload, OrderEvent.target_user_id, OrderEvent.origin)


def events_after(connection: Connection, *, after_id: int, limit: int) -> list[LoggedEvent]:
    """The next events for the whole worker: one indexed range read on the primary key."""
    statement = select(*_COLUMNS).where(OrderEvent.id > after_id).order_by(OrderEvent.id).limit(limit)
    return [LoggedEvent(*row) for row in connection.execute(statement)]


def latest_event_id(connection: Connection) -> int | None:
    return connection.execute(select(func.max(OrderEvent.id))).scalar()


def events_for_user(*, user_id: int, after_id: int, limit: int) -> list[LoggedEvent]:
    """What a reconnecting user missed: broadcasts plus events targeted at them, in order."""
    statement = (
        select(*_COLUMNS)
        .where(
            OrderEvent.id > after_id,
            or_(OrderEvent.target_user_id.is_(None), OrderEvent.target_user_id == user_id),
        )
        .order_by(OrderEvent.id)
        .limit(limit)
    )
    with session_scope(write=False) as session:
        return [LoggedEvent(*row) for row in session.execute(statement)]


def prune_events(*, now: datetime | None = None) -> int:
    """Delete events older than EVENT_RETENTION_HOURS, always keeping the newest one.

    Keeping the newest row matters on SQLite: without AUTOINCREMENT an emptied table would hand
    out ids from 1 again, behind every dispatcher's position.
    """
    cutoff = (now or utcnow()) - timedelta(hours=settings.EVENT_RETENTION_HOURS)
    newest = select(func.max(OrderEvent.id)).scalar_subquery()
    with session_scope() as session:
        result = session.execute(
            delete(OrderEvent).where(OrderEvent.created_at < cutoff, OrderEvent.id < newest),
            execution_options={"synchronize_session": False},
        )
        return result.rowcount or 0


def authenticate(token: str | None) -> tuple[User, int] | None:
    """The active user behind a valid, unrevoked token, and the log position the socket starts at."""
    if not token:
        return None
    with session_scope(write=False) as session:
        found = auth_service.user_for_token(session, token)
        if found is None:
            return None
        return found[0], latest_event_id(session.connection()) or 0


def relay_message(message: dict[str, Any], *, user_id: int, username: str) -> dict[str, Any]:
    """A client's broadcast as others receive it: no `broadcast` key, the sender from its token."""
    # event_id is the log's to give (render appends it); a client's own would be a duplicate key.
    relayed = {key: value for key, value in message.items() if key not in ("broadcast", "event_id")}
    relayed["user_id"] = user_id
    relayed["username"] = username
    order = relayed.get("order")
    if isinstance(order, dict):
        # The app also reads the author from the nested order: it must not be spoofable there either.
        relayed["order"] = {**order, "user_id": user_id, "username": username}
    return relayed


def _order_id(message: dict[str, Any]) -> int | None:
    order_id = message.get("order_id")
    if isinstance(order_id, int) and not isinstance(order_id, bool) and -_INT32_MAX <= order_id <= _INT32_MAX:
        return order_id
    return None


def publish(
    message: dict[str, Any],
    *,
    target_user_id: int | None = None,
    origin: str | None = None,
    user_id: int | None = None,
    username: str | None = None,
) -> int:
    """Write one message to the log in its own transaction (every socket, every worker); returns its id."""
    with session_scope() as session:
        return record_event(
            session,
            type=str(message.get("type") or "broadcast")[:40],
            order_id=_order_id(message),
            message=message,
            user_id=user_id,
            username=username,
            target_user_id=target_user_id,
            origin=origin,
        )
