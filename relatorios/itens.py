"""The closing reports over relatorio_itens: one row per item, kept by triggers (migrations 1100, 1300).

Each row has what the reports read, already computed: the reference date (the primary key's first
column, so a period is one range of it), the trimmed names the groups use, the item's freight
share, the order's discount, "first item of its order with these names" flags, and the item's
JSON row, after its order id and item index (fixed width: sorting the strings sorts the rows).

So a report is one GROUP BY over one range, no join and no per-row lookup: freight once per order
and group is the sum of the freight of the rows flagged first; an analítico cell's rows come back
as one string of JSON rows, put in order and parsed in C. Both databases keep the same rows (drafts
have none). Covers the reports' default period (data_entrega, else data_entrada) without
seller/designer/client filters; the others read the base tables (analitico.py, sintetico.py).
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy import BigInteger, Column, Connection, Date, Integer, MetaData, String, Table, Text, cast, func, select
from sqlmodel import Session

from relatorios.filters import Periodo, _between
from relatorios.grupos import bucket, by_label, shape
from relatorios.labels import label

relatorio_itens = Table(
    "relatorio_itens",
    MetaData(),  # not the app's metadata: created by migrations 1100 (SQLite) and 1300 (PostgreSQL)
    Column("data_ref", Date, primary_key=True),
    Column("pedido_id", Integer, primary_key=True),
    Column("item_index", Integer, primary_key=True),
    Column("status", String(20)),
    *(Column(name, String(255)) for name in ("vendedor", "designer", "tipo", "cliente", "entrega")),
    *(Column(name, BigInteger) for name in ("valor", "frete", "antes", "posicao", "frete_parte", "desconto")),
    *(
        Column(name, Integer)
        for name in (
            "primeiro",
            "primeiro_designer",
            "primeiro_vendedor",
            "primeiro_tipo",
            "primeiro_designer_tipo",
            "primeiro_vendedor_designer",
        )
    ),
    *(Column(name, Text) for name in ("linha", "linha_proporcional")),
)
_t = relatorio_itens.c


# Migration 1300's per-item insert triggers (the others keep an order's rows when the order itself changes).
_ITEM_TRIGGERS = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'pedido_itens'"
    " AND name IN ('tr_relatorio_itens_item_append', 'tr_relatorio_itens_item_insert')"
)
# Fires tr_relatorio_itens_pedido_update, which builds all of an order's rows in one statement.
_REBUILD_ORDERS = "UPDATE pedidos SET status = status WHERE id BETWEEN ? AND ?"
# PostgreSQL: the item insert trigger stands aside for this transaction (migration 1300).
_DEFER = "SELECT set_config('sgp.relatorio_itens_adiado', %s, true)"


def insert_new_orders_items(connection: Connection, statement: Any, rows: list[dict[str, Any]]) -> None:
    """The items of orders created in this transaction (with ids newer than any other), in one executemany.

    The per-item triggers would rebuild an order's report rows once per item (PostgreSQL's driver
    runs an executemany as one statement per row): they stand aside for this insert, and each
    order's rows are then built once, in one statement. On SQLite they are dropped and created
    again before the transaction ends (DDL is transactional: no other connection ever sees them
    missing), and the order trigger builds the rows (the seed: 20,000 orders in 12.0 s instead of
    14.3 s); on PostgreSQL a transaction-local setting tells the trigger to skip.
    """
    if not rows:
        return
    ids = sorted({row["pedido_id"] for row in rows})
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(_DEFER, ("on",))
        connection.execute(statement, rows)
        connection.exec_driver_sql(_DEFER, ("off",))
        connection.exec_driver_sql("SELECT relatorio_itens_rebuild(%s::integer[])", (ids,))
        return
    triggers = connection.exec_driver_sql(_ITEM_TRIGGERS).all()
    for name, _sql in triggers:
        connection.exec_driver_sql(f"DROP TRIGGER {name}")
    connection.execute(statement, rows)
    for _name, sql in triggers:
        connection.exec_driver_sql(sql)
    connection.exec_driver_sql(_REBUILD_ORDERS, (ids[0], ids[-1]))


def include_name(name: str | None, type_: str, _parents: dict) -> bool:
    """Alembic: relatorio_itens is migrations 1100's and 1300's, outside the models; autogenerate leaves it alone."""
    return not (type_ == "table" and name == relatorio_itens.name)


# Report dimension → the table's column(s).
_NAMES = {"designer": "designer", "vendedor": "vendedor", "tipo": "tipo", "cliente": "cliente", "entrega": "entrega"}
# The item-level names of a group → the flag of an order's first item among those with the same names.
_FIRST = {
    (): _t.primeiro,
    ("designer",): _t.primeiro_designer,
    ("vendedor",): _t.primeiro_vendedor,
    ("tipo",): _t.primeiro_tipo,
    ("designer", "tipo"): _t.primeiro_designer_tipo,
    ("designer", "vendedor"): _t.primeiro_vendedor_designer,
}
_ITEM_NAMES = {"designer", "vendedor", "tipo"}
SINTETICO = {"designer": ("designer",), "vendedor": ("vendedor",), "tipo": ("tipo",)}
SINTETICO["vendedor_designer"] = ("vendedor", "designer")

_SEPARATOR = "\x1e"  # never inside a row: JSON escapes control characters
_WIDTH = 24  # printf('%015d%09d', pedido_id, item_index)
_UNPREFIXED = itemgetter(slice(_WIDTH, None))


def covers(session: Session, periodo: Periodo, *, filtered: bool) -> bool:
    """Whether the table answers this report (else the base tables do)."""
    return not filtered and periodo.date_mode is None and not (periodo.cliente and periodo.cliente.strip())


def _conditions(periodo: Periodo) -> list:
    where = [_between(_t.data_ref, periodo.start, periodo.end)]
    if periodo.statuses is not None:
        where.append(_t.status.in_(periodo.statuses))
    elif not periodo.incluir_cancelados:
        where.append(_t.status != "cancelado")
    return where


def _first(*dims: str) -> Column:
    return _FIRST[tuple(sorted({_NAMES[dim] for dim in dims} & _ITEM_NAMES))]


def _totals(rows: list[Any]) -> dict[str, int]:
    """Rows with Σ valor, Σ freight of each order's first item, Σ the orders' discounts."""
    return {
        "servico": sum(row.servico for row in rows),
        "frete": sum(row.frete_pedidos for row in rows),
        "desconto": sum(row.descontos for row in rows),
    }


def _order_sums() -> list:
    return [
        _sum(_t.valor).label("servico"),
        _sum(_t.frete * _t.primeiro).label("frete_pedidos"),
        _sum(_t.desconto).label("descontos"),  # kept on each order's first row only
    ]


def _sum(expression):
    # PostgreSQL's SUM(bigint) is numeric: back to an integer, as SQLite's.
    return cast(func.sum(expression), BigInteger)


def analitico(
    session: Session, periodo: Periodo, group_dim: str, subgroup_dim: str, proporcional: bool, *, as_json: bool
) -> tuple[list[dict], dict[str, int]] | None:
    """analitico.analitico's groups and totals; None when two names share a label (the base tables merge them).

    as_json: each subgroup's rows as their JSON (an orjson.Fragment, written out as is), not dicts.
    """
    keys = [_t[_NAMES[group_dim]], _t[_NAMES[subgroup_dim]]]
    linha = _t.linha_proporcional if proporcional else _t.linha
    freight = (
        [_sum(_t.frete_parte), _sum(_t.frete)]
        if proporcional
        else [
            _sum(_t.frete * _first(group_dim, subgroup_dim)),
            _sum(_t.frete * _first(group_dim)),
        ]
    )
    statement = (
        select(
            *keys,
            func.aggregate_strings(linha, _SEPARATOR),
            *[sum_.label(name) for sum_, name in zip(freight, ("frete_celula", "frete_grupo"), strict=True)],
            *_order_sums(),
        )
        .where(*_conditions(periodo))
        .group_by(*keys)
    )
    rows = session.execute(statement).all()
    labels: list[dict[Any, tuple[str, tuple]]] = [{}, {}]
    for position, dim in enumerate((group_dim, subgroup_dim)):
        found = labels[position]
        for row in rows:
            if row[position] not in found:
                found[row[position]] = label(dim, (row[position],))
        if len({text for text, _sort in found.values()}) < len(found):
            return None
    groups: dict[Any, dict] = {}
    for row in rows:
        group = groups.get(row[0])
        if group is None:
            group = groups[row[0]] = bucket(*labels[0][row[0]], subs={})
        sub = bucket(*labels[1][row[1]], rows=_json_rows(row[2], as_json))
        sub["servico"], sub["frete"] = row.servico, row.frete_celula
        group["subs"][sub["label"]] = sub
        if not proporcional:
            group["frete"] += row.frete_grupo
    shaped = [shape(group, proporcional) for group in sorted(groups.values(), key=by_label)]
    return shaped, _totals(rows)


def _json_rows(text: str, as_json: bool) -> list[dict] | orjson.Fragment:
    """A cell's rows: sorted by their order-and-position prefix, which is then cut (all in C)."""
    parts = text.split(_SEPARATOR)
    parts.sort()
    rows = "[" + ",".join(map(_UNPREFIXED, parts)) + "]"
    return orjson.Fragment(rows) if as_json else orjson.loads(rows)


def sintetico(session: Session, periodo: Periodo, dimension: str) -> tuple[list[tuple], dict[str, int]]:
    """(group rows as sintetico._shape reads them, totals) for an item-level dimension, freight once per order."""
    keys = [_t[name] for name in SINTETICO[dimension]]
    first = _first(*SINTETICO[dimension])
    rows = session.execute(
        select(*keys, func.sum(first), func.count(), *_order_sums(), _sum(_t.frete * first).label("frete"))
        .where(*_conditions(periodo))
        .group_by(*keys)
    ).all()
    n = len(keys)
    groups = [(*row[:n], row[n], row[n + 1], row.servico, row.frete) for row in rows]
    return groups, _totals(rows)
