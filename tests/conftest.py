"""Shared fixtures. The database is chosen by TEST_DATABASE=sqlite|postgresql (default sqlite).

The environment is set before the app is imported: every test session gets its own API_ROOT
(media, logs) and its own database (a SQLite file, or a PostgreSQL database created and dropped
here). Each test starts from empty tables; the schema is built once, by the migrations.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from typing import Any

TEST_DATABASE = os.environ.get("TEST_DATABASE", "sqlite")
PG_ADMIN_URL = os.environ.get("TEST_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/test")
_API_ROOT = tempfile.mkdtemp(prefix="sgp-test-")
_PG_NAME = f"sgp_test_{uuid.uuid4().hex[:12]}"

os.environ.update(
    API_ROOT=_API_ROOT,
    ENVIRONMENT="test",
    SECRET_KEY="test-secret-key-that-is-long-enough-1234567890",
    BCRYPT_ROUNDS="4",
    FIRST_ADMIN_PASSWORD="admin-senha-123",
    LOG_LEVEL="WARNING",
)
os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)


def _pg_url(name: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(sql)


if TEST_DATABASE == "postgresql":
    _pg_admin(f'CREATE DATABASE "{_PG_NAME}"')
    os.environ["DATABASE_URL"] = _pg_url(_PG_NAME)
else:
    os.environ["DATABASE_URL"] = f"sqlite:///{_API_ROOT}/shared/db/test.db"

import httpx  # noqa: E402
import pytest  # noqa: E402
from sqlalchemy import text  # noqa: E402

from auth.models import User  # noqa: E402
from auth.security import create_access_token, hash_password  # noqa: E402
from config import settings  # noqa: E402
from database import engine as engines  # noqa: E402
from database.base import SQLModel  # noqa: E402
from database.migrate import migrate  # noqa: E402
from database.session import open_session  # noqa: E402
from main import app  # noqa: E402

IS_POSTGRES = TEST_DATABASE == "postgresql"


def pytest_report_header(config):
    return f"database: {TEST_DATABASE} ({settings.database_url.split('@')[-1]})"


def pytest_sessionfinish(session, exitstatus):
    engines.engine.dispose()
    if IS_POSTGRES:
        try:
            _pg_admin(f'DROP DATABASE IF EXISTS "{_PG_NAME}" WITH (FORCE)')
        except Exception as exc:  # never hide the test result behind clean-up
            print(f"could not drop {_PG_NAME}: {exc}")
    shutil.rmtree(_API_ROOT, ignore_errors=True)


def wipe_database(keep: frozenset[str] = frozenset()) -> None:
    """Empty every table but those in `keep`."""
    # auth_epoch is a counter kept by triggers, like a sequence: emptied, it would stop counting.
    kept = keep | {"auth_epoch"}
    tables = [t.name for t in reversed(SQLModel.metadata.sorted_tables) if t.name not in kept]
    with engines.write_engine.begin() as connection:
        if IS_POSTGRES:
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(text(f"DELETE FROM {table}"))


@pytest.fixture(scope="session", autouse=True)
def _schema():
    migrate()
    # Collection may have run the app's lifespan (schemathesis loads the schema through it).
    wipe_database()
    yield


@pytest.fixture(autouse=True)
def _clean_state():
    """Every test starts with empty tables and an empty media folder."""
    yield
    wipe_database()
    shutil.rmtree(settings.media_root, ignore_errors=True)


@pytest.fixture
def session():
    """A session for arranging data and checking results.

    Deferred BEGIN, so it never holds SQLite's write lock while the API works: commit what the
    API must see, and commit (or expire_all) before reading what the API wrote.
    """
    with open_session(write=False) as db:
        yield db


def make_user(session, *, username: str | None = None, password: str = "senha-forte-1", **overrides) -> User:
    user = User(
        username=username or f"user-{uuid.uuid4().hex[:8]}",
        hashed_password=hash_password(password),
        **overrides,
    )
    session.add(user)
    session.commit()
    return user


def bearer(user: User) -> dict[str, str]:
    token, _claims = create_access_token(username=user.username, user_id=user.id)
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def admin(session) -> User:
    return make_user(session, username="admin", password="admin-senha-123", is_admin=True)


@pytest.fixture
def seller(session) -> User:
    return make_user(session, username="vendedora", password="senha-vendas-1")


@pytest.fixture
def admin_headers(admin) -> dict[str, str]:
    return bearer(admin)


@pytest.fixture
def user_headers(seller) -> dict[str, str]:
    return bearer(seller)


@pytest.fixture
def make_pedido(client, admin_headers):
    """POST an order through the API (tests.pedidos.conftest.pedido_body with `overrides`); its body."""
    from tests.pedidos.conftest import pedido_body  # that module imports this one

    async def _make(headers=None, **overrides: Any) -> dict[str, Any]:
        response = await client.post("/pedidos/", json=pedido_body(**overrides), headers=headers or admin_headers)
        assert response.status_code == 200, response.text
        return response.json()

    return _make


@pytest.fixture
async def client():
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http
