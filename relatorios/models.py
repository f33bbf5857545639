"""Saved report filter sets (the app's report-template screen)."""

from __future__ import annotations

from typing import Any

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column, Index, func
from sqlmodel import Field

from database.base import SQLModel, utcnow
from pedidos.orders.models import Pedido, PedidoItem


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
# without visiting the wide table rows (numero and descricao for the analítico rows, tipo_pagamento
# and the workflow flags for the financial closing).
_orders = Pedido.__table__
_items = PedidoItem.__table__
_ORDER_COLUMNS = [
    "status",
    "valor_frete",
    "valor_total",
    "valor_itens",
    "cliente",
    "forma_envio",
    "numero",
    "tipo_pagamento",
    "financeiro",
    "conferencia",
    "sublimacao",
    "costura",
    "expedicao",
]
_ITEM_COLUMNS = [
    "pedido_id",
    "item_index",
    "valor_calculado",
    "vendedor",
    "designer",
    "tipo_producao",
    "quantidade",
    "area_cm2",
    "descricao",
]
Index(
    "ix_pedidos_periodo_entrada",
    _orders.c.rascunho,
    _orders.c.data_entrada,
    *(_orders.c[n] for n in _ORDER_COLUMNS),
    _orders.c.data_entrega,
)
Index(
    "ix_pedidos_periodo_entrega",
    _orders.c.rascunho,
    _orders.c.data_entrega,
    *(_orders.c[n] for n in _ORDER_COLUMNS),
    _orders.c.data_entrada,
)
Index("ix_pedido_itens_periodo", *(_items.c[n] for n in _ITEM_COLUMNS))
# The closing reports' default period: data_entrega, else data_entrada (migration 0700).
Index(
    "ix_pedidos_periodo_referencia",
    _orders.c.rascunho,
    func.coalesce(_orders.c.data_entrega, _orders.c.data_entrada),
    *(_orders.c[n] for n in _ORDER_COLUMNS),
    _orders.c.data_entrada,
    _orders.c.data_entrega,
)
