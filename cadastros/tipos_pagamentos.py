"""Payment types: orders carry the id as a string in `tipo_pagamento`."""

from __future__ import annotations

from sqlalchemy import Text
from sqlmodel import Field

from cadastros.crud import CrudSpec
from cadastros.schemas import lookup_schemas
from database.base import SQLModel


class TipoPagamentoBase(SQLModel):
    nome: str = Field(min_length=1, max_length=255)
    parcelas_max: int = Field(default=1, ge=1)
    taxa_percentual: float = Field(default=0.0, ge=0, le=100)
    ativo: bool = True
    observacao: str | None = Field(default=None, sa_type=Text)


class TipoPagamento(TipoPagamentoBase, table=True):
    __tablename__ = "tipos_pagamentos"

    id: int | None = Field(default=None, primary_key=True)
    nome_key: str = Field(max_length=255, unique=True)


spec = CrudSpec(
    table="tipos_pagamentos",
    model=TipoPagamento,
    **lookup_schemas(TipoPagamentoBase, TipoPagamento),
    prefix="/tipos-pagamentos",
    label="tipo de pagamento",
    plural="tipos de pagamento",
    has_ativos=True,
    aliases=("/pagamentos",),
)
