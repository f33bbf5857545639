"""Realtime fixtures: real server processes (two workers or two servers) sharing the test database."""

from __future__ import annotations

import shutil
from contextlib import ExitStack

import pytest

from config import settings
from tests.conftest import IS_POSTGRES, make_user, wipe_database
from tests.realtime.support import start_cluster

KEEP_TABLES = frozenset({"order_events"})


@pytest.fixture(autouse=True)
def _clean_state():
    """Empty every table but the event log between tests.

    The servers here outlive a test; their dispatchers track the log's last id, so the log keeps
    growing (as in production) instead of restarting its ids under them.
    """
    yield
    wipe_database(keep=KEEP_TABLES)
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
