"""seed_pedidos as an operator runs it: never into a shop's real orders, one image copy, any database."""

from __future__ import annotations

import subprocess
import sys
import uuid

import pytest
from sqlalchemy import func, select

from database import engine as engines
from database.engine import build_engine
from pedidos.orders.models import Pedido, PedidoImagem, PedidoItem
from scripts import seed_pedidos
from scripts._common import run
from storage import media
from tests.conftest import IS_POSTGRES, _pg_admin, _pg_url
from tests.live import PROJECT_DIR
from tests.pedidos.conftest import png_bytes

ARGS = ["--start-date", "2026-01-01", "--end-date", "2026-01-31", "--seed", "5", "--quiet"]


def count(engine, table=Pedido) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.fixture
def other_database(tmp_path):
    """A second, empty database of the suite's dialect: where an operator would point --database-url."""
    if not IS_POSTGRES:
        yield f"sqlite:///{tmp_path / 'outro.db'}"
        return
    name = f"sgp_seed_{uuid.uuid4().hex[:10]}"
    _pg_admin(f'CREATE DATABASE "{name}"')
    yield _pg_url(name).replace("postgresql://", "postgresql+psycopg://", 1)
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def test_a_database_with_real_orders_is_refused_unless_forced(client, admin_headers, capsys):
    body = {"cliente": "Cliente de verdade", "data_entrada": "2026-01-05", "items": [{"descricao": "Painel"}]}
    assert (await client.post("/pedidos", json=body, headers=admin_headers)).status_code == 200

    assert run(seed_pedidos.main, ["--amount", "5", *ARGS]) == 1
    err = capsys.readouterr().err
    assert "já tem 1 pedido(s) que não foram criados por este script" in err and "--force" in err
    assert count(engines.engine) == 1  # nothing written

    assert run(seed_pedidos.main, ["--amount", "5", "--force", *ARGS]) == 0
    assert count(engines.engine) == 6
    listed = (await client.get("/pedidos", headers=admin_headers)).json()
    assert len(listed) == 6 and "Cliente de verdade" in {o["cliente"] for o in listed}


def test_seeding_again_into_its_own_orders_needs_no_force(capsys):
    assert run(seed_pedidos.main, ["--amount", "4", *ARGS]) == 0
    assert run(seed_pedidos.main, ["--amount", "3", *ARGS]) == 0
    assert count(engines.engine) == 7
    assert "3 pedidos criados." in capsys.readouterr().out


async def test_the_image_is_stored_once_and_every_order_shows_it(client, admin_headers, tmp_path):
    image = tmp_path / "arte.png"
    image.write_bytes(png_bytes())
    assert run(seed_pedidos.main, ["--amount", "40", "--batch", "15", "--image-path", str(image), *ARGS]) == 0

    keys = [info.key for info in media().list("")]
    assert len(keys) == 1 and keys[0].startswith("pedidos/seed/")  # one copy, not one per order
    orders = (await client.get("/pedidos", headers=admin_headers)).json()
    paths = {order["items"][0]["imagem_path"] for order in orders}
    assert len(orders) == 40 and len(paths) == 1
    served = await client.get(f"/pedidos/media/{paths.pop()}", headers=admin_headers)
    assert served.status_code == 200 and served.content == image.read_bytes()
    # Deleting one seeded order keeps the image the other 39 share.
    assert (await client.delete(f"/pedidos/{orders[0]['id']}", headers=admin_headers)).status_code == 200
    assert len(list(media().list("pedidos/seed/"))) == 1
    assert count(engines.engine, PedidoImagem) == 0


def test_a_file_that_is_not_an_image_is_refused_before_anything_is_written(tmp_path, capsys):
    bogus = tmp_path / "nota.txt"
    bogus.write_text("não é imagem")
    assert run(seed_pedidos.main, ["--amount", "3", "--image-path", str(bogus), *ARGS]) == 1
    assert "nota.txt" in capsys.readouterr().err
    assert count(engines.engine) == 0


def test_database_url_seeds_that_database_and_leaves_the_configured_one_alone(other_database, capsys):
    assert run(seed_pedidos.main, ["--amount", "12", "--database-url", other_database, *ARGS]) == 0
    other = build_engine(other_database)
    try:
        assert count(other) == 12 and count(other, PedidoItem) >= 12
    finally:
        other.dispose()
    assert count(engines.engine) == 0
    assert "12 pedidos criados." in capsys.readouterr().out


def test_every_option_has_help():
    parser = seed_pedidos.build_parser()
    options = [action for action in parser._actions if action.option_strings and action.dest != "help"]
    assert {"--amount", "--start-date", "--end-date", "--image-path", "--database-url", "--force"} <= {
        option for action in options for option in action.option_strings
    }
    assert all(action.help and len(action.help) > 10 for action in options)
    result = subprocess.run([sys.executable, "-m", "scripts.seed_pedidos", "--help"], cwd=PROJECT_DIR,
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0 and "--database-url" in result.stdout and "--force" in result.stdout
