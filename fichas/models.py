"""Ficha templates (the app's mm layouts) and the standalone fichas of the original CRUD."""

from __future__ import annotations

from typing import Any

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column, Text
from sqlmodel import Field

from database.base import SQLModel, utcnow


class FichaTemplate(SQLModel, table=True):
    """One saved layout per template type (geral, resumo); absent rows mean the defaults apply."""

    __tablename__ = "ficha_templates"

    id: int | None = Field(default=None, primary_key=True)
    template_type: str = Field(max_length=20, unique=True)
    title: str = Field(default="", max_length=255)
    width: float
    height: float
    margin_top: float = 0
    margin_bottom: float = 0
    margin_left: float = 0
    margin_right: float = 0
    fields: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    updated_at: NaiveDatetime = Field(default_factory=utcnow)


class Ficha(SQLModel, table=True):
    __tablename__ = "fichas"

    id: int | None = Field(default=None, primary_key=True)
    client_id: int | None = Field(default=None, index=True)
    nome: str = Field(max_length=255)
    descricao: str | None = Field(default=None, sa_type=Text)
    imagem_path: str | None = Field(default=None, max_length=512)  # relative to MEDIA_ROOT
    # Optional link to an order item, so the ficha's PDF can show that item's production data.
    pedido_id: int | None = Field(default=None, foreign_key="pedidos.id", ondelete="SET NULL", index=True)
    item_index: int | None = None
    data_criacao: NaiveDatetime = Field(default_factory=utcnow)
    ultima_atualizacao: NaiveDatetime = Field(default_factory=utcnow)
