"""What the API accepts for orders and items (the original's fields, defaults and validation)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator, model_validator

from database.base import utcnow
from database.types import Money, OptionalDate, parse_date, parse_money, search_key
from pedidos.orders.stage_flags import StageFlags, StageFlagsPatch

# Database ids are 32-bit integers on PostgreSQL: larger values are 422, never a driver error.
MAX_ID = 2_147_483_647
RowId = Annotated[int, Field(ge=0, le=MAX_ID)]

# Strings the database columns can hold (PostgreSQL refuses longer ones with an error).
Str32 = Annotated[str, Field(max_length=32)]
Str64 = Annotated[str, Field(max_length=64)]
Str255 = Annotated[str, Field(max_length=255)]
Str512 = Annotated[str, Field(max_length=512)]


STATUSES = ("pendente", "em_producao", "pronto", "entregue", "cancelado")
Status = Literal["pendente", "em_producao", "pronto", "entregue", "cancelado"]
Prioridade = Literal["NORMAL", "ALTA"]
# Documented as an enum; GET /pedidos/status/{status} answers the original's 400 for another value.
StatusPath = Annotated[str, WithJsonSchema({"type": "string", "enum": list(STATUSES)})]

_LENIENT_STATUS = {
    "pendente": "pendente",
    "em_producao": "em_producao",
    "em producao": "em_producao",
    "em processamento": "em_producao",
    "pronto": "pronto",
    "entregue": "entregue",
    "concluido": "entregue",
    "concluida": "entregue",
    "cancelado": "cancelado",
}


def has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_nul(v) for v in value)
    return False


class NoNulModel(BaseModel):
    """Refuses NUL characters anywhere in the body: PostgreSQL cannot store them in text."""

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        if has_nul(data):
            raise ValueError("caractere NUL (\\u0000) não é permitido")
        return data


def lenient_status(value: Any) -> str:
    """The original's create-time parsing: "Em produção" → em_producao, concluido → entregue, unknown → pendente."""
    if not isinstance(value, str):
        return "pendente"
    return _LENIENT_STATUS.get(search_key(value), "pendente")


# A create takes any status leniently (lenient_status); the docs still list the five it can become.
LenientStatus = Annotated[
    str,
    BeforeValidator(lenient_status),
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(STATUSES),
            "description": "Na criação também aceita 'Em produção', 'concluido'...; desconhecido vira pendente.",
        }
    ),
]


def _entry_date(value: Any) -> date:
    # The original turns an empty data_entrada into today (UTC).
    if value is None or value == "":
        return utcnow().date()
    return parse_date(value)


EntryDate = Annotated[date, BeforeValidator(_entry_date)]


class Acabamento(BaseModel):
    model_config = ConfigDict(extra="allow")

    overloque: bool = False
    elastico: bool = False
    ilhos: bool = False


class ItemFinishing(BaseModel):
    """The fields an item's finishing ends with, in the original's order; the designers' panel shows them too.

    A model puts them after its own by naming this class first among its bases: pydantic orders the
    fields from the last base to the first, and the order is the order of the JSON.
    """

    tipo_adesivo: str | None = None
    acabamento_lona: str | None = Field(default=None, description="O app envia refilar ou nao_refilar")
    acabamento_totem: str | None = Field(default=None, description="O app envia com_pe, sem_pe ou outro")
    acabamento_totem_outro: str | None = None
    terceirizado: bool | None = None
    ziper: bool | None = None
    cordinha_extra: bool | None = None
    alcinha: bool | None = None
    toalha_pronta: bool | None = None


class _ItemFields(NoNulModel):
    """ItemIn's fields before the finishing ones."""

    model_config = ConfigDict(extra="allow")

    id: Annotated[int, Field(ge=0, le=MAX_ID * 1000 + 999)] | None = None
    tipo_producao: Str64 | None = None
    descricao: str | None = None
    largura: Str32 | None = None
    altura: Str32 | None = None
    metro_quadrado: Str32 | None = None
    vendedor: Str255 | None = None
    designer: Str255 | None = None
    tecido: Str255 | None = None
    acabamento: Acabamento | None = None
    emenda: str | None = Field(default=None, description="O app envia sem-emenda ou com-emenda")
    emenda_qtd: str | None = None
    observacao: str | None = None
    valor_unitario: str | int | float | None = None
    tipo_acabamento: str | None = Field(default=None, description="O app envia nenhum, ilhos ou cordinha")
    quantidade_ilhos: str | None = None
    espaco_ilhos: str | None = None
    valor_ilhos: str | None = None
    ilhos_qtd: str | None = None
    ilhos_valor_unitario: str | None = None
    ilhos_distancia: str | None = None
    quantidade_cordinha: str | None = None
    espaco_cordinha: str | None = None
    valor_cordinha: str | None = None
    imagem: str | None = None
    imagem_path: Str512 | None = None
    composicao_tecidos: str | None = None
    machine_id: RowId | None = None
    rip_maquina: str | None = None
    data_impressao: OptionalDate = None
    perfil_cor: str | None = None
    tecido_fornecedor: str | None = None
    quantidade_paineis: str | None = None
    quantidade_totem: str | None = None
    quantidade_lona: str | None = None
    quantidade_adesivo: str | None = None
    valor_totem: str | None = None
    outros_valores_totem: str | None = None
    valor_lona: str | None = None
    outros_valores_lona: str | None = None
    valor_adesivo: str | None = None
    outros_valores_adesivo: str | None = None
    outros_valores: str | None = None


class ItemIn(ItemFinishing, _ItemFields):
    """An item as the app sends it: declared fields typed, every other key kept as sent."""

    model_config = ConfigDict(extra="allow")

    @field_validator("valor_unitario")
    @classmethod
    def _money(cls, value: Any) -> Any:
        parse_money(value)  # refuse what cannot be money; the raw value is converted to cents on save
        return value

    def stored(self) -> dict[str, Any]:
        """Only non-null keys are stored (as the original); dates as ISO strings."""
        data = self.model_dump(exclude_none=True)
        if isinstance(data.get("data_impressao"), date):
            data["data_impressao"] = data["data_impressao"].isoformat()
        return data


class PedidoCreate(NoNulModel, StageFlags):
    model_config = ConfigDict(extra="ignore")

    numero: Str32 | None = None
    data_entrada: EntryDate
    data_entrega: OptionalDate = None
    prioridade: Prioridade = "NORMAL"
    status: LenientStatus = "pendente"
    cliente: str = Field(min_length=1, max_length=255)
    telefone_cliente: Str64 | None = None
    cidade_cliente: Str255 | None = None
    estado_cliente: Str64 | None = None
    observacao: str | None = None
    obs_pagamento: str | None = None
    valor_total: Money = 0
    valor_frete: Money = 0
    valor_itens: Money = 0
    tipo_pagamento: Str64 = ""
    forma_envio: Str255 = ""
    forma_envio_id: RowId = 0
    sublimacao_maquina: Str255 | None = None
    sublimacao_data_impressao: OptionalDate = None
    items: list[ItemIn] = Field(default_factory=list)


class PedidoUpdate(NoNulModel, StageFlagsPatch):
    """Any subset of the order; `items` replaces the whole array."""

    model_config = ConfigDict(extra="ignore")

    numero: Str32 | None = None
    data_entrada: EntryDate | None = None
    data_entrega: OptionalDate = None
    prioridade: Prioridade | None = None
    status: Status | None = None
    cliente: str | None = Field(default=None, min_length=1, max_length=255)
    telefone_cliente: Str64 | None = None
    cidade_cliente: Str255 | None = None
    estado_cliente: Str64 | None = None
    observacao: str | None = None
    obs_pagamento: str | None = None
    valor_total: Money | None = None
    valor_frete: Money | None = None
    valor_itens: Money | None = None
    tipo_pagamento: Str64 | None = None
    forma_envio: Str255 | None = None
    forma_envio_id: RowId | None = None
    sublimacao_maquina: Str255 | None = None
    sublimacao_data_impressao: OptionalDate = None
    items: list[ItemIn] | None = None
    version: int | None = None


PathId = Annotated[int, Path(ge=0, le=MAX_ID)]
