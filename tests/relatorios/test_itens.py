"""relatorio_itens (both databases): every write path leaves it equal to a rebuild from the base tables."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from database import engine as engines
from pedidos.orders.models import Pedido, PedidoItem
from tests.conftest import IS_POSTGRES

_MIGRATION = next(Path("database/migrations/versions").glob("*_1300_relatorio_itens_both.py"))


def _migration():
    spec = importlib.util.spec_from_file_location("migration_1300", _MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def table_rows(connection) -> list[tuple]:
    return connection.execute(text("SELECT * FROM relatorio_itens ORDER BY pedido_id, item_index")).all()


def rebuilt_rows(connection) -> list[tuple]:
    migration = _migration()
    rows = connection.execute(text(f"SELECT * FROM ({migration.rows_of('', IS_POSTGRES)}) AS r ORDER BY 2, 3")).all()
    return rows


def assert_in_step() -> int:
    with engines.engine.connect() as connection:
        kept, rebuilt = table_rows(connection), rebuilt_rows(connection)
    assert kept == rebuilt
    return len(kept)


def item(**fields):
    return {"tipo_producao": "painel", "descricao": "Painel", "valor_unitario": "10.00", **fields}


async def test_api_writes_keep_the_table_in_step(client, admin_headers):
    body = {
        "data_entrada": "2026-01-05",
        "data_entrega": "2026-01-10",
        "cliente": " Loja Azul ",
        "valor_total": "100.00",
        "valor_frete": "10.00",
        "items": [
            item(vendedor="Carla", designer="Ana", valor_unitario="33.33"),
            item(vendedor=" Carla", designer="", descricao="", valor_unitario="0"),
            item(vendedor=None, designer="Ana ", tipo_producao="totem", valor_unitario="66.67"),
        ],
    }
    created = (await client.post("/pedidos", json=body, headers=admin_headers)).json()
    zero = {**body, "items": [item(valor_unitario="0"), item(valor_unitario="0")], "valor_frete": "0.07"}
    other = (await client.post("/pedidos", json=zero, headers=admin_headers)).json()
    assert assert_in_step() == 5

    changes = {"data_entrega": "2026-02-01", "cliente": "Loja Verde", "valor_frete": "12.00", "status": "pronto"}
    response = await client.patch(f"/pedidos/{created['id']}", json=changes, headers=admin_headers)
    assert response.status_code == 200, response.text
    assert assert_in_step() == 5

    items = response.json()["items"][:2] + [item(designer="Bruno", valor_unitario="5.00")] * 2
    response = await client.patch(f"/pedidos/{created['id']}", json={"items": items}, headers=admin_headers)
    assert response.status_code == 200, response.text
    assert assert_in_step() == 6

    first = response.json()["items"][0]["id"]
    response = await client.patch(
        f"/pedidos/pedido-itens/{first}", json={"valor_unitario": "40.00", "designer": "Davi"}, headers=admin_headers
    )
    assert response.status_code == 200, response.text
    assert assert_in_step() == 6

    # A status alone sets the rows' status (migration 1530); nothing else of them changes.
    response = await client.patch(f"/pedidos/{other['id']}", json={"status": "em_producao"}, headers=admin_headers)
    assert response.status_code == 200, response.text
    assert assert_in_step() == 6
    batch = {"id_pedidos": [other["id"], created["id"]], "status": "cancelado"}
    assert (await client.post("/pedidos/batch-status", json=batch, headers=admin_headers)).status_code == 200
    assert assert_in_step() == 6

    assert (await client.delete(f"/pedidos/{other['id']}", headers=admin_headers)).status_code in (200, 204)
    assert assert_in_step() == 4
    assert (await client.delete("/pedidos/all?confirm=true", headers=admin_headers)).status_code == 200
    assert assert_in_step() == 0


def test_direct_model_writes_keep_the_table_in_step(session):
    pedido = Pedido(numero="", cliente="X", data_entrada=date_("2026-03-01"), valor_frete=1000, valor_total=500)
    session.add(pedido)
    session.flush()
    session.add_all(
        PedidoItem(pedido_id=pedido.id, item_index=index, valor_calculado=value, designer=name)
        for index, (value, name) in enumerate([(-300, "Ana"), (700, None), (100, "Ana")])
    )
    session.commit()
    assert assert_in_step() == 3
    pedido.data_entrega = date_("2026-03-09")
    session.commit()
    assert assert_in_step() == 3
    session.delete(pedido)
    session.commit()
    assert assert_in_step() == 0


def date_(value: str):
    from datetime import date

    return date.fromisoformat(value)


async def test_the_seeds_bulk_path_keeps_the_table_in_step_and_its_triggers(client, admin_headers):
    from datetime import date

    from scripts.seed_pedidos import seed

    seed(amount=120, start=date(2026, 1, 1), end=date(2026, 3, 31), image_path=None, batch=50, seed=3)
    items = assert_in_step()
    assert items >= 120
    test_every_trigger_survives_the_migrations()  # suspended for the insert only
    body = {"data_entrada": "2026-02-01", "cliente": "Depois", "valor_total": "10.00", "items": [item(), item()]}
    assert (await client.post("/pedidos", json=body, headers=admin_headers)).status_code == 200
    assert assert_in_step() == items + 2


def test_every_trigger_survives_the_migrations():
    # A later batch migration of pedidos or pedido_itens recreates the table on SQLite, and drops
    # its triggers with it: such a migration must create them again (migration 1300's TRIGGERS).
    names = "SELECT tgname FROM pg_trigger" if IS_POSTGRES else "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    with engines.engine.connect() as connection:
        found = connection.execute(text(names)).scalars().all()
    migration = _migration()
    assert set(migration.PG_TRIGGERS if IS_POSTGRES else migration.TRIGGERS) <= set(found)


def test_drafts_have_no_rows_until_promoted(session):
    pedido = Pedido(numero="7", cliente="Rascunho", data_entrada=date_("2026-03-01"), valor_total=900, rascunho=True)
    session.add(pedido)
    session.flush()
    session.add_all(PedidoItem(pedido_id=pedido.id, item_index=i, valor_calculado=300) for i in range(3))
    session.commit()
    assert assert_in_step() == 0
    pedido.rascunho = False
    session.commit()
    assert assert_in_step() == 3
    pedido.rascunho = True
    session.commit()
    assert assert_in_step() == 0


# PostgreSQL's text holds no NUL character.
_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")) if IS_POSTGRES else st.text()


@settings(max_examples=300, deadline=None)
@given(ficha=_TEXT, descricao=_TEXT, frete=st.integers(-(10**15), 10**15), valor=st.integers(-(10**15), 10**15))
def test_rows_are_the_bytes_orjson_writes(ficha, descricao, frete, valor):
    # The JSON report sends the kept rows as they are (relatorios/itens.py, orjson.Fragment).
    migration = _migration()
    sql = migration.row_json(":pedido_id", ":item_index", ":ficha", ":descricao", ":frete", ":valor", IS_POSTGRES)
    parameters = {"pedido_id": 12, "item_index": 3, "ficha": ficha, "descricao": descricao}
    with engines.engine.connect() as connection:
        kept = connection.execute(text(f"SELECT {sql}"), {**parameters, "frete": frete, "valor": valor}).scalar_one()
        share = connection.execute(
            text(f"SELECT {migration.money_text(':frete', IS_POSTGRES)}"), {"frete": frete}
        ).scalar_one()
    row = {"ficha": ficha, "descricao": descricao, "valor_frete": frete / 100, "valor_servico": valor / 100}
    assert kept == "000000000000012000000003" + orjson.dumps(row).decode()
    assert share == orjson.dumps(frete / 100).decode()
