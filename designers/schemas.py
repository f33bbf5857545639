"""What the designers' art panel sends and receives (the original 1.4's DesignerArteItemResponse)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pedidos.orders.schemas import ItemFinishing, NoNulModel

StatusArte = Literal["aguardando", "liberado"]
MAX_COMENTARIO = 2000


class ComentarioPublic(BaseModel):
    id: str
    autor: str
    texto: str
    data: str


class _PanelFields(BaseModel):
    """DesignerArteItem's fields before the item's finishing ones."""

    item_id: int
    order_id: int
    numero_pedido: str
    cliente: str
    data_entrega: str | None = None
    tipo_producao: str | None = None
    descricao: str | None = None
    largura: str | None = None
    altura: str | None = None
    metro_quadrado: str | None = None
    imagem: str | None = None
    observacao: str | None = None
    status_pedido: str
    prioridade: str | None = None
    status_arte: StatusArte = "aguardando"
    tecido: str | None = None
    composicao_tecidos: str | None = None
    acabamento: dict | None = None
    vendedor: str | None = None
    emenda: str | None = None
    emenda_qtd: str | None = None
    quantidade_paineis: str | None = None
    quantidade_totem: str | None = None
    quantidade_lona: str | None = None
    quantidade_adesivo: str | None = None
    tipo_acabamento: str | None = None
    quantidade_ilhos: str | None = None
    espaco_ilhos: str | None = None
    quantidade_cordinha: str | None = None
    espaco_cordinha: str | None = None


class DesignerArteItem(ItemFinishing, _PanelFields):
    """One item of the panel: what a designer needs to make the art, and no prices."""

    comentarios: list[ComentarioPublic] = Field(default_factory=list)


class StatusArteIn(NoNulModel):
    model_config = ConfigDict(extra="ignore")

    status_arte: StatusArte


class ComentarioIn(NoNulModel):
    """`autor` is accepted (the app sends it) and ignored: the author is the token's user."""

    model_config = ConfigDict(extra="ignore")

    texto: Annotated[str, Field(max_length=MAX_COMENTARIO)]
    autor: str | None = None

    @field_validator("texto")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("o comentário não pode ficar em branco")
        return value
