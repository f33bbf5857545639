"""Prepared statements (database/prepared.py) give what SQLAlchemy's own execution gives, on both databases."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import bindparam, insert, select, text, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from database.prepared import Prepared
from database.session import session_scope
from pedidos.orders.models import Pedido, PedidoItem

PEDIDOS = Pedido.__table__
ITEMS = PedidoItem.__table__
INSERT_ORDER = Prepared(insert(PEDIDOS).returning(*PEDIDOS.c))
INSERT_ITEM = Prepared(insert(ITEMS).returning(*ITEMS.c, sort_by_parameter_order=True))
BUMP_VERSION = Prepared(
    update(PEDIDOS).where(PEDIDOS.c.id == bindparam("pedido_id")).values(version=PEDIDOS.c.version + 1)
)
NUMEROS = Prepared(text("SELECT numero, version FROM pedidos ORDER BY numero"))
BY_NUMERO = Prepared(select(PEDIDOS.c.id, PEDIDOS.c.cliente).where(PEDIDOS.c.numero == bindparam("numero")))

ORDER = {"numero": "0000000001", "data_entrada": date(2026, 5, 1), "cliente": "Gráfica Ação", "valor_total": 1050}


def test_an_insert_returns_the_row_sqlalchemy_returns():
    with session_scope() as session:
        prepared = INSERT_ORDER.fetch(session, ORDER)[0]
        plain = session.execute(insert(PEDIDOS).returning(*PEDIDOS.c), {**ORDER, "numero": "0000000002"}).one()
    skip = {"id", "numero", "data_criacao", "ultima_atualizacao"}
    assert {k: v for k, v in prepared._asdict().items() if k not in skip} == {
        k: v for k, v in plain._asdict().items() if k not in skip
    }
    for name in ("id", "numero", "data_criacao", "ultima_atualizacao"):
        assert type(getattr(prepared, name)) is type(getattr(plain, name))
    # Column defaults the caller left out are filled in as SQLAlchemy fills them.
    assert prepared.prioridade == "NORMAL" and prepared.status == "pendente" and prepared.version == 1
    assert isinstance(prepared.data_criacao, datetime) and prepared.data_entrada == date(2026, 5, 1)


def test_json_columns_and_callable_defaults_round_trip():
    with session_scope() as session:
        order = INSERT_ORDER.fetch(session, ORDER)[0]
        extras = {"tipo_acabamento": "ilhós", "lista": [1, 2.5, None], "aninhado": {"a": True}}
        with_extras = INSERT_ITEM.fetch(session, {"pedido_id": order.id, "item_index": 0, "extras": extras})[0]
        defaulted = INSERT_ITEM.fetch(session, {"pedido_id": order.id, "item_index": 1, "extras": {}})[0]
    with session_scope() as session:
        stored = session.get(PedidoItem, with_extras.id)
        assert stored.extras == extras == with_extras.extras
    assert defaulted.extras == {} and defaulted.quantidade == 1 and defaulted.valor_calculado == 0


def test_a_list_of_parameter_sets_gives_the_rows_in_order():
    with session_scope() as session:
        order = INSERT_ORDER.fetch(session, ORDER)[0]
        rows = INSERT_ITEM.fetch(
            session, [{"pedido_id": order.id, "item_index": index, "extras": {"n": index}} for index in (2, 0, 1)]
        )
        assert INSERT_ITEM.fetch(session, []) == []
    assert [(row.item_index, row.extras) for row in rows] == [(2, {"n": 2}), (0, {"n": 0}), (1, {"n": 1})]
    assert len({row.id for row in rows}) == 3


def test_a_list_without_rows_back_changes_every_set():
    with session_scope() as session:
        ids = [INSERT_ORDER.fetch(session, {**ORDER, "numero": numero})[0].id for numero in ("1", "2", "3")]
        assert BUMP_VERSION.run(session, [{"pedido_id": ids[0]}, {"pedido_id": ids[2]}, {"pedido_id": 10**9}]) == 2
        assert BUMP_VERSION.run(session, []) == 0
        assert [tuple(row) for row in NUMEROS.fetch(session)] == [("1", 2), ("2", 1), ("3", 2)]


def test_a_duplicate_raises_sqlalchemys_integrity_error_and_writes_nothing():
    with session_scope() as session:
        INSERT_ORDER.fetch(session, ORDER)
    with pytest.raises(IntegrityError), session_scope() as session:
        INSERT_ORDER.fetch(session, {**ORDER, "numero": "0000000009"})
        INSERT_ORDER.fetch(session, ORDER)
    with session_scope() as session:
        assert [row[0] for row in NUMEROS.fetch(session)] == ["0000000001"]


def test_pending_orm_changes_are_flushed_first_and_literals_kept():
    with session_scope() as session:
        session.add(Pedido(**ORDER))
        found = BY_NUMERO.fetch(session, {"numero": ORDER["numero"]})
        assert [row.cliente for row in found] == ["Gráfica Ação"]
        assert BUMP_VERSION.run(session, {"pedido_id": found[0].id}) == 1
        assert BUMP_VERSION.run(session, {"pedido_id": found[0].id + 1000}) == 0
        # text() declares no columns: the driver's tuples.
        assert [tuple(row) for row in NUMEROS.fetch(session)] == [("0000000001", 2)]


def test_a_missing_parameter_is_refused():
    with session_scope() as session, pytest.raises(SQLAlchemyError) as raised:
        BY_NUMERO.fetch(session, {})
    assert "numero" in str(raised.value)
