"""Analítico reports: one row per item, grouped in one pass over a single plain join."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import func, null, select
from sqlmodel import Session

from pedidos.models import Pedido, PedidoItem
from relatorios.filters import Periodo
from relatorios.labels import DIMENSIONS, label, money, slugify
from relatorios.queries import name_or_null
from relatorios.sintetico import all_order_totals

# The fetched row: a column a report does not need is selected as NULL (same positions, no value to
# build: ~125k rows a year, and every string read from SQLite is a new Python object).
_DESCRICAO = func.coalesce(func.nullif(PedidoItem.descricao, ""), func.nullif(PedidoItem.tipo_producao, ""), "Item")
_COLUMNS = (
    ("pedido_id", PedidoItem.pedido_id),
    ("item_index", PedidoItem.item_index),
    ("numero", Pedido.numero),
    ("descricao", _DESCRICAO),  # the row's text, as the original: descrição, else tipo, else "Item"
    ("tipo_producao", PedidoItem.tipo_producao),
    ("vendedor", PedidoItem.vendedor),
    ("designer", PedidoItem.designer),
    ("valor_calculado", PedidoItem.valor_calculado),
    ("cliente", Pedido.cliente),
    ("forma_envio", Pedido.forma_envio),
    ("valor_frete", Pedido.valor_frete),
    ("valor_total", Pedido.valor_total),
)
_ALWAYS = {"pedido_id", "numero", "descricao", "valor_calculado", "valor_frete", "valor_total"}
_POSITION = {"tipo_producao": 4, "vendedor": 5, "designer": 6, "cliente": 8, "forma_envio": 9}


def freight_shares(frete: int, values: list[int]) -> list[int]:
    """Split an order's freight by item value, by cumulative rounding: the shares add up exactly."""
    total, shares, cumulative = sum(values), [], 0
    for position, value in enumerate(values):
        if total:
            shares.append(frete * (cumulative + value) // total - frete * cumulative // total)
        else:
            shares.append(frete * (position + 1) // len(values) - frete * position // len(values))
        cumulative += value
    return shares


def analitico(
    session: Session,
    periodo: Periodo,
    *,
    group_dim: str,
    subgroup_dim: str,
    proporcional: bool,
    vendedores: list[str] | None,
    designers: list[str] | None,
) -> tuple[list[dict], dict[str, int]]:
    """Groups with subgroups of item rows, and the totals (cents), from the items of the orders in range.

    The rows are the report itself, so they are fetched once; freight shares and discounts need
    every item of an order (even those a seller/designer filter hides), so filtering happens here.
    """
    if not proporcional and vendedores is None and designers is None:
        return _by_cell(session, periodo, group_dim, subgroup_dim)
    vendedor_set = None if vendedores is None else set(vendedores)
    designer_set = None if designers is None else set(designers)
    group_value = itemgetter(*(_POSITION[c] for c in DIMENSIONS[group_dim][1]))
    sub_value = itemgetter(*(_POSITION[c] for c in DIMENSIONS[subgroup_dim][1]))
    groups: dict[str, dict] = {}
    # (group value, subgroup value) → its two buckets: labels are worked out once per pair.
    cells: dict[tuple, tuple[dict, dict]] = {}
    totals = {"servico": 0, "frete": 0, "desconto": 0}
    needed = {*_ALWAYS, *DIMENSIONS[group_dim][1], *DIMENSIONS[subgroup_dim][1]}
    needed |= {name for name, chosen in (("vendedor", vendedor_set), ("designer", designer_set)) if chosen is not None}
    for items in _orders(session, periodo, needed):
        first = items[0]
        pedido_id, frete, valor_total = first[0], first[10], first[11]
        values = [r[7] for r in items]
        shares = freight_shares(frete, values) if proporcional else None
        kept, kept_shares, kept_value = False, 0, 0
        for position, row in enumerate(items):
            if (vendedor_set is not None and row[5] not in vendedor_set) or (
                designer_set is not None and row[6] not in designer_set
            ):
                continue
            kept = True
            key = (group_value(row), sub_value(row))
            cell = cells.get(key)
            if cell is None:
                cell = cells[key] = _cell(groups, group_dim, subgroup_dim, key)
            group, sub = cell
            valor = row[7]
            row_frete = shares[position] if proporcional else frete
            sub["rows"].append(
                {
                    "ficha": row[2] or str(pedido_id),
                    "descricao": row[3],
                    "valor_frete": row_frete / 100,
                    "valor_servico": valor / 100,
                }
            )
            sub["servico"] += valor
            kept_value += valor
            kept_shares += row_frete
            if proporcional:
                sub["frete"] += row_frete
            else:  # once per order in each subgroup and group; an order's rows arrive together
                if sub["last"] != pedido_id:
                    sub["last"] = pedido_id
                    sub["frete"] += frete
                if group["last"] != pedido_id:
                    group["last"] = pedido_id
                    group["frete"] += frete
        if kept:
            totals["servico"] += kept_value
            totals["frete"] += kept_shares if proporcional else frete
            totals["desconto"] += max(0, sum(values) + frete - valor_total)
    shaped = [_shape(group, proporcional) for group in sorted(groups.values(), key=lambda g: g["sort"])]
    return shaped, totals


def _by_cell(session: Session, periodo: Periodo, group_dim: str, subgroup_dim: str) -> tuple[list[dict], dict]:
    """The common case (freight per order, no seller/designer filter), with less work per row.

    The database sorts the rows subgroup by subgroup (by the names as labelled: trimmed, blank as
    missing), then by order, so each subgroup's rows are appended in one run, in order: appending
    each row to one of thousands of scattered lists cost more than building it. Freight is counted
    once per order per subgroup and group; the totals (and the discount, which needs whole orders)
    come from one per-order aggregate query.
    """
    columns = dict(_COLUMNS)
    names = (*DIMENSIONS[group_dim][1], *DIMENSIONS[subgroup_dim][1])
    cell_key = itemgetter(*(_POSITION[name] for name in names))
    statement = (
        select(*(column if name in {*_ALWAYS, *names} else null() for name, column in _COLUMNS))
        .join(Pedido, Pedido.id == PedidoItem.pedido_id)
        .where(*periodo.conditions())
        .order_by(*(name_or_null(columns[name]) for name in names), PedidoItem.pedido_id, PedidoItem.item_index)
    )
    groups: dict[str, dict] = {}
    cells: dict[tuple, tuple[dict, dict]] = {}
    last_key, last_order, append, group_orders, sub_orders = None, None, None, {}, {}
    for row in driver_rows(session, statement):
        key = cell_key(row)
        if key != last_key:
            cell = cells.get(key)
            if cell is None:
                cell = cells[key] = _cell(groups, group_dim, subgroup_dim, key)
            group, sub = cell
            last_key, last_order, append = key, None, sub["rows"].append
            group_orders, sub_orders = group["orders"], sub["orders"]
        pedido_id, frete, valor = row[0], row[10], row[7]
        if pedido_id != last_order:
            group_orders[pedido_id] = sub_orders[pedido_id] = frete
            last_order = pedido_id
            ficha, row_frete = row[2] or str(pedido_id), frete / 100
        append({"ficha": ficha, "descricao": row[3], "valor_frete": row_frete, "valor_servico": valor / 100})
        sub["servico"] += valor
    for group in groups.values():
        group["frete"] = sum(group["orders"].values())
        for sub in group["subs"].values():
            sub["frete"] = sum(sub["orders"].values())
    shaped = [_shape(group, False) for group in sorted(groups.values(), key=lambda g: g["sort"])]
    return shaped, all_order_totals(session, periodo)


def _cell(groups: dict, group_dim: str, subgroup_dim: str, key: tuple) -> tuple[dict, dict]:
    def values(value) -> tuple:
        return value if isinstance(value, tuple) else (value,)

    g_label, g_sort = label(group_dim, values(key[0]))
    s_label, s_sort = label(subgroup_dim, values(key[1]))
    group = groups.get(g_label)
    if group is None:
        group = groups[g_label] = _bucket(g_label, g_sort, subs={})
    sub = group["subs"].get(s_label)
    if sub is None:
        sub = group["subs"][s_label] = _bucket(s_label, s_sort, rows=[])
    return group, sub


def _orders(session: Session, periodo: Periodo, needed: set[str]) -> Iterator[list]:
    """The items of each order in range, order by order (sorted by the database, streamed)."""
    statement = (
        select(*(column if name in needed else null() for name, column in _COLUMNS))
        .join(Pedido, Pedido.id == PedidoItem.pedido_id)
        .where(*periodo.conditions())
        .order_by(PedidoItem.pedido_id, PedidoItem.item_index)
    )
    items: list = []
    for row in driver_rows(session, statement):
        if items and row[0] != items[0][0]:
            yield items
            items = []
        items.append(row)
    if items:
        yield items


def driver_rows(session: Session, statement) -> Iterator[tuple]:
    """Plain tuples straight from the driver's cursor, in the session's transaction.

    A year of item rows is ~125k rows; SQLAlchemy's Row objects cost a third more CPU than the
    query itself. The columns read here are ints and strings, which need no result processing.
    """
    connection = session.connection()
    sql, params = driver_sql(connection.dialect, statement)
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql, params)
        yield from cursor
    finally:
        cursor.close()


def driver_sql(dialect, statement) -> tuple[str, Any]:
    """The statement's SQL text and parameters in the driver's own parameter style."""
    compiled = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    if dialect.name == "sqlite":  # what SQLAlchemy's Date bind processor does for SQLite
        params = {name: value.isoformat() if isinstance(value, date) else value for name, value in params.items()}
    if compiled.positional:
        return str(compiled), tuple(params[name] for name in compiled.positiontup)
    return str(compiled), params


def _bucket(text: str, sort: tuple, **extra: Any) -> dict:
    return {"label": text, "sort": sort, "servico": 0, "frete": 0, "last": None, "orders": {}, **extra}


def _subtotal(bucket: dict) -> dict:
    return {"valor_frete": money(bucket["frete"]), "valor_servico": money(bucket["servico"])}


def _shape(group: dict, proporcional: bool) -> dict:
    subs = sorted(group["subs"].values(), key=lambda s: s["sort"])
    group["servico"] = sum(sub["servico"] for sub in subs)
    if proporcional:
        group["frete"] = sum(sub["frete"] for sub in subs)
    subgroups = [
        {"key": slugify(sub["label"]), "label": sub["label"], "rows": sub["rows"], "subtotal": _subtotal(sub)}
        for sub in subs
    ]
    return {
        "key": slugify(group["label"]),
        "label": group["label"],
        "rows": [],
        "subgroups": subgroups,
        "subtotal": _subtotal(group),
    }
