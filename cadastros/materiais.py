"""Materiais (fabrics, filament): order items carry the name in `tecido`."""

from __future__ import annotations

from sqlalchemy import BigInteger, Text
from sqlmodel import Field

from cadastros.crud import CrudSpec
from cadastros.schemas import lookup_schemas
from database.base import SQLModel
from database.types import MoneyNumber


class MaterialBase(SQLModel):
    nome: str = Field(min_length=1, max_length=255)
    tipo: str = Field(max_length=64)  # the app filters "tecido" / "filamento"
    valor_metro: MoneyNumber = Field(default=0, ge=0, sa_type=BigInteger)  # cents; the original defaults 0.0
    estoque_metros: float = Field(default=0.0, ge=0)
    ativo: bool = True
    observacao: str | None = Field(default=None, sa_type=Text)


class Material(MaterialBase, table=True):
    __tablename__ = "materiais"

    id: int | None = Field(default=None, primary_key=True)
    nome_key: str = Field(max_length=255, unique=True)


spec = CrudSpec(
    table="materiais",
    model=Material,
    **lookup_schemas(MaterialBase, Material),
    prefix="/materiais",
    label="material",
    plural="materiais",
)
