"""Vendedores (sellers): the names order items carry in `vendedor`."""

from __future__ import annotations

from sqlalchemy import Text
from sqlmodel import Field

from cadastros.crud import CrudSpec
from cadastros.schemas import lookup_schemas
from database.base import SQLModel


class VendedorBase(SQLModel):
    nome: str = Field(min_length=1, max_length=255)
    email: str | None = Field(default=None, max_length=255)
    telefone: str | None = Field(default=None, max_length=64)
    comissao_percentual: float = Field(default=0.0, ge=0, le=100)
    ativo: bool = True
    observacao: str | None = Field(default=None, sa_type=Text)


class Vendedor(VendedorBase, table=True):
    __tablename__ = "vendedores"

    id: int | None = Field(default=None, primary_key=True)
    nome_key: str = Field(max_length=255, unique=True)


spec = CrudSpec(
    table="vendedores",
    model=Vendedor,
    **lookup_schemas(VendedorBase, Vendedor),
    prefix="/vendedores",
    label="vendedor",
    plural="vendedores",
    has_ativos=True,
)
