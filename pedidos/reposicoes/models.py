"""Reposições: re-work requested for an order (the original's fields and statuses)."""

from __future__ import annotations

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import Text
from sqlmodel import Field

from database.base import SQLModel, utcnow
from pedidos.orders.stage_flags import StageFlags


class Reposicao(SQLModel, StageFlags, table=True):
    __tablename__ = "reposicoes"

    id: int | None = Field(default=None, primary_key=True)
    numero: str = Field(default="", max_length=32, index=True)  # "REP-{id}"
    order_id: int = Field(foreign_key="pedidos.id", ondelete="CASCADE", index=True)
    motivo: str | None = Field(default=None, sa_type=Text)
    descricao: str | None = Field(default=None, sa_type=Text)
    data_solicitacao: date | None = None
    data_entrega_prevista: date | None = None
    prioridade: str = Field(default="NORMAL", max_length=10)
    status: str = Field(default="Pendente", max_length=30, index=True)
    observacao: str | None = Field(default=None, sa_type=Text)
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    updated_at: NaiveDatetime = Field(default_factory=utcnow)
