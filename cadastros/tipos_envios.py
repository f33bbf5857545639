"""Shipping types: orders carry the id in `forma_envio_id` and the name in `forma_envio`."""

from __future__ import annotations

from sqlalchemy import BigInteger, Text
from sqlmodel import Field

from cadastros.crud import CrudSpec
from cadastros.schemas import lookup_schemas
from database.base import SQLModel
from database.types import MoneyNumber


class TipoEnvioBase(SQLModel):
    nome: str = Field(min_length=1, max_length=255)
    valor: MoneyNumber | None = Field(default=None, ge=0, sa_type=BigInteger)  # cents
    prazo_dias: int = Field(default=0, ge=0)
    ativo: bool = True
    observacao: str | None = Field(default=None, sa_type=Text)


class TipoEnvio(TipoEnvioBase, table=True):
    __tablename__ = "tipos_envios"

    id: int | None = Field(default=None, primary_key=True)
    nome_key: str = Field(max_length=255, unique=True)


spec = CrudSpec(
    table="tipos_envios",
    model=TipoEnvio,
    **lookup_schemas(TipoEnvioBase, TipoEnvio),
    prefix="/tipos-envios",
    label="tipo de envio",
    plural="tipos de envio",
    has_ativos=True,
    aliases=("/envios",),
)
