"""Saved report filter sets (the app's report-template screen)."""

from __future__ import annotations

from typing import Any

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column, Index
from sqlmodel import Field

from database.base import SQLModel, utcnow
from pedidos.models import Pedido


class RelatorioTemplate(SQLModel, table=True):
    """One row per scope ("global"): the JSON the app PUT, stored and returned as sent."""

    __tablename__ = "relatorio_templates"

    id: int | None = Field(default=None, primary_key=True)
    escopo: str = Field(default="global", max_length=64, unique=True)
    conteudo: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    updated_by: str | None = Field(default=None, max_length=100)
    updated_at: NaiveDatetime = Field(default_factory=utcnow)


# Indexes the reports need on the orders table (created by migration 0400), declared here so the
# metadata matches the schema without touching the shared pedidos model.
_orders = Pedido.__table__
Index("ix_pedidos_entrada_status", _orders.c.data_entrada, _orders.c.status)
Index("ix_pedidos_entrega_status", _orders.c.data_entrega, _orders.c.status)
