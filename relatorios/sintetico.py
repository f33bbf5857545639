"""Sintético reports: one line per group, computed by GROUP BY in the database."""

from __future__ import annotations

import re

from sqlalchemy import BigInteger, case, cast, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from pedidos.orders.models import Pedido, PedidoItem
from relatorios import itens
from relatorios.filters import Periodo
from relatorios.labels import label, money, slugify
from relatorios.queries import discount, item_filters, items_in_range, name_or_null

# Dimensions of the order itself: every item of an order falls in the same group.
ORDER_LEVEL = {"cliente", "entrega", "data", "data_entrada", "data_entrega"}
# The item columns an item-level dimension groups by.
ITEM_COLUMNS = {
    "designer": ("designer",),
    "vendedor": ("vendedor",),
    "tipo": ("tipo_producao",),
    "vendedor_designer": ("vendedor", "designer"),
}


def _int(expression):
    # PostgreSQL's SUM(bigint) is numeric; both databases hand back ints after the cast.
    return cast(func.coalesce(expression, 0), BigInteger)


def _keys(dimension: str, periodo: Periodo, source=None) -> list:
    """The GROUP BY expressions of a dimension, over the base tables or over the items subquery."""
    if source is not None:
        columns = {
            "data": source.c.data_ref,
            "data_entrada": source.c.data_entrada,
            "data_entrega": source.c.data_entrega,
        }
        names = {
            "designer": [source.c.designer],
            "vendedor": [source.c.vendedor],
            "cliente": [source.c.cliente],
            "tipo": [source.c.tipo_producao],
            "entrega": [source.c.forma_envio],
            "vendedor_designer": [source.c.vendedor, source.c.designer],
        }
    else:
        columns = {
            "data": periodo.reference_date(),
            "data_entrada": Pedido.data_entrada,
            "data_entrega": Pedido.data_entrega,
        }
        names = {
            "designer": [PedidoItem.designer],
            "vendedor": [PedidoItem.vendedor],
            "cliente": [Pedido.cliente],
            "tipo": [PedidoItem.tipo_producao],
            "entrega": [Pedido.forma_envio],
            "vendedor_designer": [PedidoItem.vendedor, PedidoItem.designer],
        }
    if dimension in columns:
        return [columns[dimension]]
    return [name_or_null(column) for column in names[dimension]]


def line(pedidos: int, n_itens: int, subtotal: dict) -> dict:
    """A group's one row, as the original writes it: the counts go in "ficha"."""
    return {"ficha": f"Pedidos: {pedidos} · Itens: {n_itens}", "descricao": "Subtotal", **subtotal}


_COUNTS = re.compile(r"Pedidos: (\d+) · Itens: (\d+)")


def counts(row: dict) -> tuple[int, int]:
    """(orders, items) of a group's row (for the CSV and PDF, which give them columns of their own)."""
    found = _COUNTS.fullmatch(row["ficha"])
    return (int(found[1]), int(found[2])) if found else (0, 0)


def _shape(dimension: str, rows) -> list[dict]:
    groups = []
    for row in rows:
        *values, pedidos, n_itens, servico, frete = row
        text, sort = label(dimension, tuple(values))
        subtotal = {"valor_frete": money(int(frete)), "valor_servico": money(int(servico))}
        row = line(pedidos, n_itens, subtotal)
        groups.append(((sort, text), {"key": slugify(text), "label": text, "rows": [row], "subtotal": subtotal}))
    # Labels equal but for case ("Bruno", "bruno") sort the same: the label itself breaks the tie.
    groups.sort(key=lambda pair: pair[0])
    return [group for _sort, group in groups]


def por_pedido(
    session: Session, periodo: Periodo, dimension: str, vendedores: list[str] | None, designers: list[str] | None
) -> tuple[list[dict], dict[str, int]]:
    """Freight counted once per order and group.

    SQLite sorts for every GROUP BY, so it gets the shapes with the fewest sorted rows; PostgreSQL
    hashes, and there two GROUP BYs (per group and order, then per group) beat per-row lookups.
    """
    unfiltered = vendedores is None and designers is None
    where = [*periodo.conditions(), *item_filters(vendedores, designers)]
    joined = lambda *columns: select(*columns).join(Pedido, Pedido.id == PedidoItem.pedido_id).where(*where)  # noqa: E731
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite and dimension in ORDER_LEVEL and unfiltered:
        return _by_order(session, periodo, dimension)
    if dimension in itens.SINTETICO and itens.covers(session, periodo, filtered=not unfiltered):
        rows, totals = itens.sintetico(session, periodo, dimension)
        return _shape(dimension, rows), totals
    if sqlite:
        groups = _shape(dimension, session.execute(_by_first_item(joined, dimension, periodo, vendedores, designers)))
    else:
        keys = _keys(dimension, periodo)
        c = _per_order_and_group(joined, keys).c
        group_keys = [c[f"k{i}"] for i in range(len(keys))]
        sums = [func.count(), _int(func.sum(c.n)), _int(func.sum(c.v)), _int(func.sum(c.f))]
        if dimension in ORDER_LEVEL and unfiltered:
            # Each order falls in exactly one group: the totals are the groups' sums, in the same query.
            rows = session.execute(
                select(*group_keys, *sums, _int(func.sum(discount(c.v, c.f, c.t)))).group_by(*group_keys)
            ).all()
            return _shape(dimension, [row[:-1] for row in rows]), _sum_totals(rows)
        groups = _shape(dimension, session.execute(select(*group_keys, *sums).group_by(*group_keys)))
    if unfiltered:
        return groups, all_order_totals(session, periodo)
    return groups, _filtered_order_totals(session, joined)


def _sum_totals(rows) -> dict[str, int]:
    """Totals from group rows ending in servico, frete, desconto."""
    return {
        "servico": sum(row[-3] for row in rows),
        "frete": sum(row[-2] for row in rows),
        "desconto": sum(row[-1] for row in rows),
    }


def _by_order(session: Session, periodo: Periodo, dimension: str) -> tuple[list[dict], dict[str, int]]:
    """An order-level dimension, unfiltered: each order is in one group, with all its items.

    So the groups are a GROUP BY over the orders in range (~50k a year), each with its items counted
    and summed by a correlated lookup on the covering item index, rather than two GROUP BYs over
    the items joined to their orders (~125k). The totals are the groups' sums.
    """
    (key,) = _keys(dimension, periodo)
    items = select(PedidoItem.id).where(PedidoItem.pedido_id == Pedido.id)
    per_order = (
        select(
            key.label("k"),
            Pedido.valor_frete.label("f"),
            Pedido.valor_total.label("t"),
            items.with_only_columns(func.count()).scalar_subquery().label("n"),
            items.with_only_columns(func.sum(PedidoItem.valor_calculado)).scalar_subquery().label("v"),
        )
        .where(*periodo.conditions())
        .offset(0)  # not flattened: each lookup runs once per order, not once per mention below
        .subquery()
    )
    o = per_order.c
    rows = session.execute(
        select(o.k, func.count(), _int(func.sum(o.n)), _int(func.sum(o.v)), _int(func.sum(o.f)))
        .add_columns(_int(func.sum(discount(o.v, o.f, o.t))))
        .where(o.n > 0)  # an order without items is in no group
        .group_by(o.k)
    ).all()
    return _shape(dimension, [row[:-1] for row in rows]), _sum_totals(rows)


def _by_first_item(joined, dimension: str, periodo: Periodo, vendedores, designers):
    """One GROUP BY over the items: an order's freight (and its count) rides on its first item in the group.

    "First" is a correlated lookup of an earlier kept item of the same order with the same names,
    on the covering item index (the order's 2–3 entries, just read): on SQLite that costs less than
    the second sort a GROUP BY per (group, order) needs.
    """
    keys = _keys(dimension, periodo)
    earlier = aliased(PedidoItem)
    same_group = [
        name_or_null(getattr(earlier, name)).is_not_distinct_from(name_or_null(getattr(PedidoItem, name)))
        for name in ITEM_COLUMNS.get(dimension, ())
    ]
    first = ~(
        select(earlier.id)
        .where(
            earlier.pedido_id == PedidoItem.pedido_id,
            earlier.item_index < PedidoItem.item_index,
            *same_group,
            *item_filters(vendedores, designers, earlier),
        )
        .exists()
    )
    per_item = (
        joined(
            *[key.label(f"k{i}") for i, key in enumerate(keys)],
            case((first, Pedido.valor_frete)).label("ff"),
            PedidoItem.valor_calculado.label("v"),
        )
        .offset(0)  # not flattened: the lookup runs once per item, not once per mention of "ff"
        .subquery()
    )
    c = per_item.c
    group_keys = [c[f"k{i}"] for i in range(len(keys))]
    sums = [func.count(c.ff), func.count(), _int(func.sum(c.v)), _int(func.sum(c.ff))]
    return select(*group_keys, *sums).group_by(*group_keys)


def _per_order_and_group(joined, keys: list):
    """One row per (group, order): its items counted and summed, its freight and total."""
    return (
        joined(
            *[key.label(f"k{i}") for i, key in enumerate(keys)],
            PedidoItem.pedido_id,
            func.count(PedidoItem.id).label("n"),
            func.sum(PedidoItem.valor_calculado).label("v"),
            func.max(Pedido.valor_frete).label("f"),
            func.max(Pedido.valor_total).label("t"),
        )
        .group_by(*keys, PedidoItem.pedido_id)
        .subquery()
    )


def all_order_totals(session: Session, periodo: Periodo) -> dict[str, int]:
    """Σ items, Σ freight, Σ discount over the orders in range that have items.

    One row per order with its items summed by a correlated lookup on the covering item index: no
    GROUP BY over the join (a temporary B-tree of a year's orders). MATERIALIZED, or SQLite would
    inline it and repeat the lookup for every mention of "v".
    """
    items_sum = select(func.sum(PedidoItem.valor_calculado)).where(PedidoItem.pedido_id == Pedido.id)
    per_order = (
        select(Pedido.valor_total.label("t"), Pedido.valor_frete.label("f"), items_sum.scalar_subquery().label("v"))
        .where(*periodo.conditions())
        .cte("por_pedido")
        .prefix_with("MATERIALIZED")
    )
    o = per_order.c
    servico, frete, desconto = session.execute(
        select(_int(func.sum(o.v)), _int(func.sum(o.f)), _int(func.sum(discount(o.v, o.f, o.t)))).where(
            o.v.is_not(None)  # an order without items is in no group
        )
    ).one()
    return {"servico": servico, "frete": frete, "desconto": desconto}


def _filtered_order_totals(session: Session, joined) -> dict[str, int]:
    """Σ kept items, Σ freight once per order, Σ discount, over the orders that kept an item."""
    per_order = (
        joined(
            PedidoItem.pedido_id,
            func.sum(PedidoItem.valor_calculado).label("v"),
            func.max(Pedido.valor_frete).label("f"),
            func.max(Pedido.valor_total).label("t"),
        )
        .group_by(PedidoItem.pedido_id)
        .subquery()
    )
    o = per_order.c
    # The discount is the order's: over all its items, also those the filter hides.
    other = aliased(PedidoItem)
    all_items = select(func.sum(other.valor_calculado)).where(other.pedido_id == o.pedido_id).scalar_subquery()
    servico, frete, desconto = session.execute(
        select(_int(func.sum(o.v)), _int(func.sum(o.f)), _int(func.sum(discount(all_items, o.f, o.t))))
    ).one()
    return {"servico": servico, "frete": frete, "desconto": desconto}


def proporcional(
    session: Session, periodo: Periodo, dimension: str, vendedores: list[str] | None, designers: list[str] | None
) -> tuple[list[dict], dict[str, int]]:
    """Freight split by item value (window functions give each item its exact share)."""
    if dimension in ORDER_LEVEL and vendedores is None and designers is None:
        # Every item of an order is in the order's one group and the shares add up to its freight
        # exactly, so each group gets whole freights: the same figures as por_pedido, without the
        # window functions (a year: ~1.5 s → ~0.2 s on the 100k-order benchmark).
        return por_pedido(session, periodo, dimension, vendedores, designers)
    itens = items_in_range(periodo, vendedores=vendedores, designers=designers)
    keys = _keys(dimension, periodo, itens)
    statement = select(
        *keys,
        func.count(func.distinct(itens.c.pedido_id)),
        func.count(),
        _int(func.sum(itens.c.valor)),
        _int(func.sum(itens.c.frete_parte)),
    ).group_by(*keys)
    groups = _shape(dimension, session.execute(statement))
    per_order = (
        select(
            func.sum(itens.c.valor).label("v"),
            func.sum(itens.c.frete_parte).label("f"),
            func.max(itens.c.itens_pedido).label("todos"),
            func.max(itens.c.frete).label("frete"),
            func.max(itens.c.valor_total).label("t"),
        )
        .group_by(itens.c.pedido_id)
        .subquery()
    )
    o = per_order.c
    servico, frete, desconto = session.execute(
        select(_int(func.sum(o.v)), _int(func.sum(o.f)), _int(func.sum(discount(o.todos, o.frete, o.t))))
    ).one()
    return groups, {"servico": servico, "frete": frete, "desconto": desconto}
