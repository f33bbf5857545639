"""What /reposicoes accepts and returns."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, WithJsonSchema

from database.types import OptionalDate
from errors import BadRequest
from pedidos.orders.schemas import NoNulModel, Prioridade, RowId
from pedidos.orders.stage_flags import StageFlags, StageFlagsPatch

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


class ReposicaoCreate(ReposicaoBase, StageFlags):
    order_id: RowId
    prioridade: Prioridade = "NORMAL"
    status: ReposicaoStatus = "Pendente"


class ReposicaoUpdate(ReposicaoBase, StageFlagsPatch):
    order_id: RowId | None = None
    prioridade: Prioridade | None = None
    status: ReposicaoStatus | None = None


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
