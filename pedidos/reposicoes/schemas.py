"""What /reposicoes accepts and returns."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, WithJsonSchema

from database.types import OptionalDate
from errors import BadRequest
from pedidos.orders.schemas import NoNulModel, Prioridade, RowId

STATUSES = ("Pendente", "Em Processamento", "Concluída", "Cancelada")
# Documented as an enum, checked by check_status: an unknown status is the original's 400, not a 422.
ReposicaoStatus = Annotated[str, WithJsonSchema({"type": "string", "enum": list(STATUSES)})]


def check_status(value: str | None) -> str | None:
    # The original answers 400 (not 422) for an unknown status.
    if value is not None and value not in STATUSES:
        raise BadRequest(f"Status inválido: use {', '.join(STATUSES)}.")
    return value


class ReposicaoBase(NoNulModel):
    model_config = ConfigDict(extra="ignore")

    motivo: str | None = None
    descricao: str | None = None
    data_solicitacao: OptionalDate = None
    data_entrega_prevista: OptionalDate = None
    observacao: str | None = None


class ReposicaoCreate(ReposicaoBase):
    order_id: RowId
    prioridade: Prioridade = "NORMAL"
    status: ReposicaoStatus = "Pendente"
    financeiro: bool = False
    conferencia: bool = False
    sublimacao: bool = False
    costura: bool = False
    expedicao: bool = False
    pronto: bool = False


class ReposicaoUpdate(ReposicaoBase):
    order_id: RowId | None = None
    prioridade: Prioridade | None = None
    status: ReposicaoStatus | None = None
    financeiro: bool | None = None
    conferencia: bool | None = None
    sublimacao: bool | None = None
    costura: bool | None = None
    expedicao: bool | None = None
    pronto: bool | None = None


class ReposicaoPublic(BaseModel):
    id: int
    numero: str
    order_id: int
    motivo: str | None
    descricao: str | None
    data_solicitacao: date | None
    data_entrega_prevista: date | None
    prioridade: str
    status: str
    observacao: str | None
    financeiro: bool
    conferencia: bool
    sublimacao: bool
    costura: bool
    expedicao: bool
    pronto: bool
    created_at: datetime
    updated_at: datetime
