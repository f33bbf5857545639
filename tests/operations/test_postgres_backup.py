"""backup_database and restore_database on PostgreSQL, through pg_dump -Fc and pg_restore."""

from __future__ import annotations

import uuid
from datetime import date

import psycopg
import pytest
from sqlmodel import Session

from config import settings
from database.engine import build_engine
from database.migrate import migrate
from pedidos.orders.models import Pedido
from scripts import backup_database, db_maintenance, restore_database
from scripts._common import libpq_url, run
from tests.conftest import IS_POSTGRES, _pg_admin, _pg_url
from tests.live import free_port
from tests.operations.conftest import on_a_terminal

pytestmark = pytest.mark.skipif(not IS_POSTGRES, reason="PostgreSQL only (TEST_DATABASE=postgresql)")


@pytest.fixture(scope="module")
def pg_database():
    """One migrated database for the module: creating and dropping databases is slow on PostgreSQL."""
    name = f"sgp_ops_{uuid.uuid4().hex[:10]}"
    _pg_admin(f'CREATE DATABASE "{name}"')
    url = _pg_url(name).replace("postgresql://", "postgresql+psycopg://", 1)
    migrate(url)
    yield url
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def scratch_pg(pg_database):
    with psycopg.connect(libpq_url(pg_database), autocommit=True) as connection:
        connection.execute("TRUNCATE pedidos RESTART IDENTITY CASCADE")
    return pg_database


def add_orders(url: str, numeros: list[str]) -> None:
    engine = build_engine(url)
    with Session(engine) as session:
        session.add_all(Pedido(numero=n, data_entrada=date(2026, 1, 2), cliente="Cliente") for n in numeros)
        session.commit()
    engine.dispose()


def order_numbers(url: str) -> set[str]:
    with psycopg.connect(libpq_url(url)) as connection:
        return {row[0] for row in connection.execute("SELECT numero FROM pedidos")}


def test_pg_dump_backup_restores_the_orders_and_keeps_the_replaced_database(scratch_pg, tmp_path):
    add_orders(scratch_pg, ["A1", "A2"])
    dest = tmp_path / "backups"
    assert run(backup_database.main, ["--dest", str(dest), "--retention", "2", "--database-url", scratch_pg]) == 0
    [dump] = dest.glob("sgp-db-*.pgdump")
    add_orders(scratch_pg, ["A3"])

    code = run(restore_database.main, ["--from", str(dump), "--database-url", scratch_pg, "--port", str(free_port())])

    assert code == 0
    assert order_numbers(scratch_pg) == {"A1", "A2"}
    replaced = list(settings.backup_dir.glob("sgp-db-replaced-*.pgdump"))
    assert replaced


def test_restore_of_a_file_that_is_not_a_dump_changes_nothing(scratch_pg, tmp_path, capsys):
    add_orders(scratch_pg, ["A1"])
    bogus = tmp_path / "bogus.pgdump"
    bogus.write_bytes(b"not a dump")

    code = run(restore_database.main, ["--from", str(bogus), "--database-url", scratch_pg, "--port", str(free_port())])

    assert code != 0
    assert "pg_dump" in capsys.readouterr().err
    assert order_numbers(scratch_pg) == {"A1"}


def test_maintenance_vacuums_postgres(scratch_pg, capsys):
    add_orders(scratch_pg, ["A1"])
    assert run(db_maintenance.main, ["--analyze", "--database-url", scratch_pg]) == 0
    assert "Manutenção OK" in capsys.readouterr().out


def test_pg_backup_with_media_restores_both_and_shows_progress_on_a_terminal(scratch_pg, tmp_path, capsys):
    from storage import build

    local = build("local")
    local.put("pedidos/1/arte.png", b"png" * 100)
    local.put("fichas/f.jpg", b"jpg")
    add_orders(scratch_pg, ["A1"])
    dest = tmp_path / "backups"
    args = ["scripts.backup_database", "--dest", str(dest), "--database-url", scratch_pg, "--include-media"]
    drawn = on_a_terminal(args)
    assert "pg_dump" in drawn and "tabela" in drawn and "verificando mídia" in drawn
    [dump] = dest.glob("sgp-db-*.pgdump")
    assert len(list(dest.glob("sgp-media-*.tar.gz"))) == 1
    add_orders(scratch_pg, ["A2"])
    local.delete_prefix("")

    args = ["--from", str(dump), "--database-url", scratch_pg, "--port", str(free_port()), "--media", "--quiet"]
    assert run(restore_database.main, args) == 0

    assert order_numbers(scratch_pg) == {"A1"}
    assert local.get("pedidos/1/arte.png") == b"png" * 100 and local.get("fichas/f.jpg") == b"jpg"
    assert "Mídia restaurada: 2 arquivos" in capsys.readouterr().out
