"""The material statistics' covering index on pedido_itens (migration 1510), declared for autogenerate.

Every statistic (materiais/stats, materiais/uso, automacao) joins a period's orders to their items
by pedido_id and reads only these columns: the year's items come from the index alone, in order
runs per order, without a table row each.
"""

from __future__ import annotations

from sqlalchemy import Index

from pedidos.orders.models import PedidoItem

COLUMNS = (
    "pedido_id",
    "tecido",
    "tipo_producao",
    "area_total_cm2",
    "quantidade",
    "valor_calculado",
    "tem_overloque",
    "tem_elastico",
    "tem_ilhos",
    "tem_emenda",
    "total_ilhos",
)
_items = PedidoItem.__table__
materiais = Index("ix_pedido_itens_materiais", *(_items.c[name] for name in COLUMNS))
