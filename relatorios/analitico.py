"""Analítico reports: one row per item, folded into groups in one pass over one query's rows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import BigInteger, cast, func, null, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from pedidos.orders.models import Pedido, PedidoItem
from relatorios import itens
from relatorios.filters import Periodo
from relatorios.grupos import bucket, by_label, shape
from relatorios.labels import DIMENSIONS, label
from relatorios.queries import item_filters, name_or_null
from relatorios.sintetico import all_order_totals

# What a row reads, by name. The row's text, as the original: descrição, else tipo, else "Item".
_COLUMNS = {
    "pedido_id": PedidoItem.pedido_id,
    "item_index": PedidoItem.item_index,
    "numero": Pedido.numero,
    "descricao": func.coalesce(
        func.nullif(PedidoItem.descricao, ""), func.nullif(PedidoItem.tipo_producao, ""), "Item"
    ),
    "valor": PedidoItem.valor_calculado,
    "frete": Pedido.valor_frete,
    "valor_total": Pedido.valor_total,
    "tipo_producao": PedidoItem.tipo_producao,
    "vendedor": PedidoItem.vendedor,
    "designer": PedidoItem.designer,
    "cliente": Pedido.cliente,
    "forma_envio": Pedido.forma_envio,
}


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
    as_json: bool = False,
) -> tuple[list[dict], dict[str, int]]:
    """Groups with subgroups of item rows, and the totals (cents), from the items of the orders in range.

    as_json: the rows may come as orjson.Fragment (relatorio_itens keeps them as JSON), for a JSON response.

    One query: the database filters by seller/designer, sorts the rows by order and item (on SQLite
    first cell by cell, so each subgroup's rows arrive in one run) and hands each row what needs
    the order's other items: their whole value (the discount, when a filter hides some; the shares)
    and the value of those before it (its share).
    """
    filtered = vendedores is not None or designers is not None
    if itens.covers(session, periodo, filtered=filtered):
        found = itens.analitico(session, periodo, group_dim, subgroup_dim, proporcional, as_json=as_json)
        if found is not None:
            return found
    names = [column for dim in (group_dim, subgroup_dim) for column in DIMENSIONS[dim][1]]
    sqlite = session.get_bind().dialect.name == "sqlite"
    statement = _rows(
        periodo, names, proporcional=proporcional, vendedores=vendedores, designers=designers, sqlite=sqlite
    )
    rows = driver_rows(session, statement)
    if proporcional and not filtered and not sqlite:
        rows = _with_order_sums(rows)
    groups, totals = _fold(session, rows, group_dim, subgroup_dim, proporcional, filtered)
    if totals is None:
        # Every item of every order in range is a row: the per-order SQL aggregate is cheaper than
        # tracking each order here (and an order's shares add up to its freight).
        totals = all_order_totals(session, periodo)
    return groups, totals


def _rows(
    periodo: Periodo,
    names: list[str],
    *,
    proporcional: bool,
    vendedores: list[str] | None,
    designers: list[str] | None,
    sqlite: bool,
):
    """The report's rows (the _fold layout): by cell (names as labelled) on SQLite, then by order and item.

    The order's whole item value and the value of its items before each one, when needed, over all
    its items (before the seller/designer filter): on SQLite, correlated sums on the covering item
    index (its window functions cost a sort and co-routines per row: ~1.5× the query); elsewhere,
    window functions when a filter hides items, else _with_order_sums adds them as the rows stream
    by (PostgreSQL's window functions doubled the query, and a correlated sum per row tripled it).
    """
    filtered = vendedores is not None or designers is not None
    columns: Any = _COLUMNS
    items: Any = PedidoItem  # what the seller/designer filters apply to
    whole = before = null()
    joined = select().join_from(PedidoItem, Pedido, Pedido.id == PedidoItem.pedido_id)
    where = list(periodo.conditions())
    if (proporcional or filtered) and sqlite:
        other = aliased(PedidoItem)
        order_items = select(func.sum(other.valor_calculado)).where(other.pedido_id == PedidoItem.pedido_id)
        whole = order_items.scalar_subquery()
        if proporcional:
            before = order_items.where(other.item_index < PedidoItem.item_index).scalar_subquery()
    elif filtered:
        subquery = _with_window_sums(joined, where, proporcional)
        columns = items = subquery.c
        whole = subquery.c.whole
        before = subquery.c.before if proporcional else null()
        joined, where = select().select_from(subquery), []
    keys = [name_or_null(columns[name]).label(f"k{i}") for i, name in enumerate(names)]
    # Rows reach each cell in order and item order either way. SQLite sorts them cell by cell too
    # (by the selected labels: names trimmed once per row), so they are appended in runs (~15%
    # faster overall); PostgreSQL's join already yields order and item order, and its sort of a
    # year's rows by name spilled to disk and cost more than the scattered appends.
    order = [*keys] if sqlite else []
    return (
        joined.add_columns(
            columns["pedido_id"],
            columns["numero"],
            columns["descricao"],
            columns["valor"],
            columns["frete"],
            columns["valor_total"] if filtered else null(),
            whole,
            before,
            *keys,
            columns["item_index"],
        )
        .where(*where, *item_filters(vendedores, designers, items))
        .order_by(*order, columns["pedido_id"], columns["item_index"])
    )


def _with_window_sums(joined: Any, where: list, proporcional: bool) -> Any:
    """The items with their order's whole item value (and the value before each), by window functions."""
    by_order = {"partition_by": PedidoItem.pedido_id}
    earlier = {**by_order, "order_by": PedidoItem.item_index, "rows": (None, -1)}
    # cast: PostgreSQL's SUM(bigint) is numeric; ints, as from SQLite.
    sums = [cast(func.sum(PedidoItem.valor_calculado).over(**by_order), BigInteger).label("whole")]
    if proporcional:
        sums.append(cast(func.sum(PedidoItem.valor_calculado).over(**earlier), BigInteger).label("before"))
    columns = (column.label(name) for name, column in _COLUMNS.items())
    return joined.add_columns(*columns, *sums).where(*where).subquery("itens")


def _with_order_sums(rows: Iterator[tuple]) -> Iterator[tuple]:
    """Rows in order and item order, all of each order's items: add its whole value and the value before each."""
    items: list[tuple] = []
    for row in rows:
        if items and row[0] != items[0][0]:
            yield from _summed(items)
            items = []
        items.append(row)
    yield from _summed(items)


def _summed(items: list[tuple]) -> Iterator[tuple]:
    whole, before = sum(row[3] for row in items), 0
    for row in items:
        yield (*row[:6], whole, before, *row[8:])
        before += row[3]


def _fold(
    session: Session, rows: Iterator[tuple], group_dim: str, subgroup_dim: str, proporcional: bool, filtered: bool
) -> tuple[list[dict], dict[str, int] | None]:
    """The sorted rows → shaped groups, and the totals when a filter hides items (else None).

    A row: pedido_id, numero, descrição, value, freight, order total, the order's whole item value
    (None unless needed), the value of its earlier items (None unless needed), the two keys, item_index.
    The row loop stays in one piece on purpose: its state lives in locals over up to a year's rows
    (~250k); split into helpers it would pay a call per row on the closing report's hottest loop.
    """
    groups: dict[str, dict] = {}
    cells: dict[tuple, tuple[dict, dict]] = {}
    # pedido_id → (whole item value, freight, order total): filtered reports' totals need them.
    orders: dict[int, tuple] | None = {} if filtered else None
    equal_splits: dict[int, dict[int, int]] = {}
    shares = 0
    last_key, last_order, cell_order, append, group_orders, sub_orders, sub = None, None, None, None, {}, {}, None
    ficha, frete, row_frete = "", 0, 0.0
    for row in rows:
        pedido_id, valor = row[0], row[3]
        if pedido_id != last_order:
            last_order, frete = pedido_id, row[4]
            ficha, row_frete = row[1] or str(pedido_id), frete / 100
            if orders is not None:
                orders[pedido_id] = (row[6], frete, row[5])
        key = (row[8], row[9])
        if key != last_key:
            cell = cells.get(key)
            if cell is None:
                cell = cells[key] = _cell(groups, group_dim, subgroup_dim, key)
            group, sub = cell
            last_key, cell_order, append = key, None, sub["rows"].append
            group_orders, sub_orders = group["orders"], sub["orders"]
        if pedido_id != cell_order:  # the order's first row in this run of the cell
            cell_order = pedido_id
            group_orders[pedido_id] = sub_orders[pedido_id] = frete
        if proporcional:
            whole, earlier = row[6], row[7] or 0
            if whole:  # cumulative rounding, as freight_shares
                share = frete * (earlier + valor) // whole - frete * earlier // whole
            else:
                split = equal_splits.get(pedido_id)
                if split is None:
                    split = equal_splits[pedido_id] = _equal_split(session, pedido_id, frete)
                share = split[row[10]]
            sub["frete"] += share
            shares += share
            append({"ficha": ficha, "descricao": row[2], "valor_frete": share / 100, "valor_servico": valor / 100})
        else:
            append({"ficha": ficha, "descricao": row[2], "valor_frete": row_frete, "valor_servico": valor / 100})
        sub["servico"] += valor
    if not proporcional:
        _whole_freights(groups)
    shaped = [shape(group, proporcional) for group in sorted(groups.values(), key=by_label)]
    return shaped, None if orders is None else _filtered_totals(groups, orders, shares, proporcional)


def _whole_freights(groups: dict[str, dict]) -> None:
    """Without the split, each order's whole freight counts once in each subgroup and group it has items in."""
    for group in groups.values():
        group["frete"] = sum(group["orders"].values())
        for each in group["subs"].values():
            each["frete"] = sum(each["orders"].values())


def _filtered_totals(groups: dict, orders: dict[int, tuple], shares: int, proporcional: bool) -> dict[str, int]:
    """Σ kept items, freight (kept shares, or once per order that kept an item), Σ whole-order discounts."""
    return {
        "servico": sum(group["servico"] for group in groups.values()),
        "frete": shares if proporcional else sum(frete for _whole, frete, _total in orders.values()),
        "desconto": sum(max(0, whole + frete - total) for whole, frete, total in orders.values()),
    }


def _equal_split(session: Session, pedido_id: int, frete: int) -> dict[int, int]:
    """item_index → share, for an order whose items add up to zero (rare: one small query each)."""
    items = select(PedidoItem.item_index, PedidoItem.valor_calculado).where(PedidoItem.pedido_id == pedido_id)
    indexes, values = zip(*session.execute(items.order_by(PedidoItem.item_index)), strict=True)
    return dict(zip(indexes, freight_shares(frete, list(values)), strict=True))


def _cell(groups: dict, group_dim: str, subgroup_dim: str, key: tuple) -> tuple[dict, dict]:
    g_label, g_sort = label(group_dim, (key[0],))
    s_label, s_sort = label(subgroup_dim, (key[1],))
    group = groups.get(g_label)
    if group is None:
        group = groups[g_label] = bucket(g_label, g_sort, subs={})
    sub = group["subs"].get(s_label)
    if sub is None:
        sub = group["subs"][s_label] = bucket(s_label, s_sort, rows=[])
    return group, sub


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
