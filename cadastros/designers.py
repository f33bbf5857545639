"""Designers: the names order items carry in `designer`."""

from __future__ import annotations

from sqlalchemy import Text
from sqlmodel import Field

from cadastros.crud import CrudSpec
from cadastros.schemas import lookup_schemas
from database.base import SQLModel


class DesignerBase(SQLModel):
    nome: str = Field(min_length=1, max_length=255)
    email: str | None = Field(default=None, max_length=255)
    telefone: str | None = Field(default=None, max_length=64)
    ativo: bool = True
    observacao: str | None = Field(default=None, sa_type=Text)


class Designer(DesignerBase, table=True):
    __tablename__ = "designers"

    id: int | None = Field(default=None, primary_key=True)
    nome_key: str = Field(max_length=255, unique=True)


spec = CrudSpec(
    table="designers",
    model=Designer,
    **lookup_schemas(DesignerBase, Designer),
    prefix="/designers",
    label="designer",
)
