"""Saved report filter sets (the app's report-template screen)."""

from __future__ import annotations

from typing import Any

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column, Index, func
from sqlmodel import Field

from database.base import SQLModel, utcnow
from pedidos.orders.models import Pedido, PedidoItem
from pedidos.orders.status import FLAGS


class RelatorioTemplate(SQLModel, table=True):
    """One row per scope ("global"): the JSON the app PUT, stored and returned as sent."""

    __tablename__ = "relatorio_templates"

    id: int | None = Field(default=None, primary_key=True)
    escopo: str = Field(default="global", max_length=64, unique=True)
    conteudo: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    updated_by: str | None = Field(default=None, max_length=100)
    updated_at: NaiveDatetime = Field(default_factory=utcnow)


# Covering indexes the reports need (migrations 0600, which widened 0400's, and 0700; 1300 put
# rascunho first: every report leaves drafts out), declared here so the metadata matches the schema
# without touching the shared models. A year of orders or items is then one index range read
# without visiting the wide table rows.
_orders = Pedido.__table__
_items = PedidoItem.__table__
# What every order index carries after its period: the figures the summaries sum, the names the
# analítico rows and groups show, and the stage flags the financial closing counts by.
_ORDER_COVER = [
    *("status", "valor_frete", "valor_total", "valor_itens"),
    *("cliente", "forma_envio", "numero", "tipo_pagamento"),
    *FLAGS,
]
# And for each item: its order and value, the names the summaries group by, and its quantity, area
# and descricao (the analítico rows).
_ITEM_COVER = [
    *("pedido_id", "item_index", "valor_calculado"),
    *("vendedor", "designer", "tipo_producao"),
    *("quantidade", "area_cm2", "descricao"),
]


def _order_index(name: str, period: Any, *tail: str) -> Index:
    """Drafts out first, then the period the report ranges over, then everything it reads."""
    return Index(name, _orders.c.rascunho, period, *(_orders.c[column] for column in (*_ORDER_COVER, *tail)))


_order_index("ix_pedidos_periodo_entrada", _orders.c.data_entrada, "data_entrega")
_order_index("ix_pedidos_periodo_entrega", _orders.c.data_entrega, "data_entrada")
# The closing reports' default period: data_entrega, else data_entrada (migration 0700).
_reference = func.coalesce(_orders.c.data_entrega, _orders.c.data_entrada)
_order_index("ix_pedidos_periodo_referencia", _reference, "data_entrada", "data_entrega")
Index("ix_pedido_itens_periodo", *(_items.c[column] for column in _ITEM_COVER))
