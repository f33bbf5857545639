"""The item-level SQL every closing report starts from: items of the orders in range, with freight shares."""

from __future__ import annotations

from sqlalchemy import BigInteger, ColumnElement, Integer, case, cast, func, literal, select
from sqlalchemy.sql import Subquery

from pedidos.orders.models import Pedido, PedidoItem
from relatorios.filters import Periodo


def _int_sum(column, **over):
    # PostgreSQL's SUM(bigint) is numeric; cast back so the divisions below stay integer divisions.
    return cast(func.sum(column).over(**over), BigInteger)


def items_in_range(
    periodo: Periodo, *, vendedores: list[str] | None = None, designers: list[str] | None = None
) -> Subquery:
    """One row per item (after the vendedor/designer filters) of the orders the period selects.

    `frete_parte` splits each order's freight over ALL its items by value, by cumulative rounding
    (floor(frete·cum/total) − floor(frete·prev/total)), so an order's shares add up to its freight
    exactly, in cents, and the split does not depend on which items a filter keeps.
    """
    # One partition and one order for every window (only the frames differ), so the database sorts once.
    by_order = {"partition_by": PedidoItem.pedido_id, "order_by": PedidoItem.item_index}
    whole = {**by_order, "rows": (None, None)}
    order_items = _int_sum(PedidoItem.valor_calculado, **whole)
    cumulative = _int_sum(PedidoItem.valor_calculado, **by_order, rows=(None, 0))
    position = func.row_number().over(**by_order)
    count = func.count().over(**whole)
    all_items = (
        select(
            PedidoItem.pedido_id,
            PedidoItem.item_index,
            PedidoItem.tipo_producao,
            PedidoItem.vendedor,
            PedidoItem.designer,
            PedidoItem.valor_calculado.label("valor"),
            Pedido.cliente,
            Pedido.forma_envio,
            Pedido.data_entrada,
            Pedido.data_entrega,
            periodo.reference_date().label("data_ref"),
            Pedido.valor_frete.label("frete"),
            Pedido.valor_total,
            order_items.label("itens_pedido"),
            cumulative.label("acumulado"),
            position.label("posicao"),
            count.label("n_itens"),
        )
        .join(Pedido, Pedido.id == PedidoItem.pedido_id)
        .where(*periodo.conditions())
        .subquery("todos_itens")
    )
    c = all_items.c
    share = case(
        (
            c.itens_pedido > 0,
            (c.frete * c.acumulado) // c.itens_pedido - (c.frete * (c.acumulado - c.valor)) // c.itens_pedido,
        ),
        else_=(c.frete * c.posicao) // c.n_itens - (c.frete * (c.posicao - 1)) // c.n_itens,
    )
    kept = select(all_items, cast(share, BigInteger).label("frete_parte"))
    # None: no filter; a list (maybe empty) of the names that matched.
    if vendedores is not None:
        kept = kept.where(c.vendedor.in_(vendedores))
    if designers is not None:
        kept = kept.where(c.designer.in_(designers))
    return kept.subquery("itens")


def item_filters(vendedores: list[str] | None, designers: list[str] | None, items=PedidoItem) -> list:
    """The seller/designer filters on an item table (or an alias of it); None means no filter."""
    found = []
    if vendedores is not None:
        found.append(items.vendedor.in_(vendedores))
    if designers is not None:
        found.append(items.designer.in_(designers))
    return found


def discount(items_total, frete, valor_total) -> ColumnElement[int]:
    """max(0, items + freight − order total), per order."""
    gap = items_total + frete - valor_total
    return case((gap > 0, gap), else_=literal(0, Integer))


def name_or_null(column) -> ColumnElement[str]:
    """Blank names group with missing ones (both become the report's fallback label)."""
    return func.nullif(func.trim(column), "")
