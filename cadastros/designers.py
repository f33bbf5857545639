"""Designers: the names order items carry in `designer`."""

from __future__ import annotations

from sqlalchemy import Text
from sqlmodel import Field

from cadastros.crud import CrudSpec
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


class DesignerCreate(DesignerBase):
    pass


class DesignerUpdate(SQLModel):
    nome: str | None = Field(default=None, min_length=1, max_length=255)
    email: str | None = None
    telefone: str | None = None
    ativo: bool | None = None
    observacao: str | None = None


class DesignerPublic(DesignerBase):
    id: int


spec = CrudSpec(
    table="designers",
    model=Designer,
    create_schema=DesignerCreate,
    update_schema=DesignerUpdate,
    public_schema=DesignerPublic,
    prefix="/designers",
    label="designer",
)
