"""The event log stays small (old events pruned) and a reset log does not silence the dispatcher."""

from __future__ import annotations

from contextlib import ExitStack
from datetime import timedelta

import pytest
from sqlalchemy import select, text, update

from config import settings
from database import engine as engines
from database.base import utcnow
from database.session import session_scope
from pedidos.orders.models import OrderEvent
from pedidos.realtime.event_log import prune_events
from tests.conftest import IS_POSTGRES
from tests.realtime.support import next_message, open_socket, start_cluster, write_event


def deleted(order_id: int) -> dict:
    return {"type": "order_deleted", "order_id": order_id}


def test_events_older_than_the_retention_are_pruned_but_the_newest_is_kept(monkeypatch):
    monkeypatch.setattr(settings, "EVENT_RETENTION_HOURS", 2)
    old = [write_event(deleted(n)) for n in range(3)]
    recent = write_event(deleted(3))
    with session_scope() as session:
        session.execute(
            update(OrderEvent).where(OrderEvent.id.in_(old)).values(created_at=utcnow() - timedelta(hours=3))
        )
    assert prune_events() >= len(old)
    with session_scope(write=False) as session:
        left = set(session.execute(select(OrderEvent.id)).scalars())
    assert recent in left and not left & set(old)

    # An all-old log keeps its newest row, so SQLite never hands out an id it already used.
    prune_events(now=utcnow() + timedelta(hours=10))
    with session_scope(write=False) as session:
        assert list(session.execute(select(OrderEvent.id)).scalars()) == [recent]
    assert write_event(deleted(4)) > recent


@pytest.fixture(scope="module")
def own_server():
    with ExitStack() as stack:
        yield start_cluster(stack, servers=1, workers=1, env={})


async def test_a_wiped_log_is_followed_from_its_new_start(own_server, user):
    write_event(deleted(1))
    with engines.write_engine.begin() as connection:
        if IS_POSTGRES:
            connection.execute(text("TRUNCATE order_events RESTART IDENTITY"))
        else:
            connection.execute(text("DELETE FROM order_events"))
    async with await open_socket(own_server.url, user) as ws:
        event_id = write_event(deleted(2))
        assert event_id == 1
        assert await next_message(ws, timeout=5) == {**deleted(2), "event_id": 1}
