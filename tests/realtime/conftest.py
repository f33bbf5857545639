"""Realtime fixtures: real server processes (two workers or two servers) sharing the test database."""

from __future__ import annotations

import shutil
from contextlib import ExitStack

import pytest
from sqlalchemy import text

from config import settings
from database import engine as engines
from database.base import SQLModel
from tests.conftest import IS_POSTGRES, make_user
from tests.realtime.support import start_cluster

KEEP_TABLES = {"order_events"}


@pytest.fixture(autouse=True)
def _clean_state():
    """Empty every table but the event log between tests.

    The servers here outlive a test; their dispatchers track the log's last id, so the log keeps
    growing (as in production) instead of restarting its ids under them.
    """
    yield
    tables = [t.name for t in reversed(SQLModel.metadata.sorted_tables) if t.name not in KEEP_TABLES]
    with engines.write_engine.begin() as connection:
        if IS_POSTGRES:
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(text(f"DELETE FROM {table}"))
    shutil.rmtree(settings.media_root, ignore_errors=True)


@pytest.fixture(scope="package")
def cluster():
    with ExitStack() as stack:
        if IS_POSTGRES:
            yield start_cluster(stack, servers=2, workers=1, env={})
        else:
            yield start_cluster(stack, servers=1, workers=2, env={})


@pytest.fixture
def user(session):
    return make_user(session, username="ana")


@pytest.fixture
def other_user(session):
    return make_user(session, username="bruno")
