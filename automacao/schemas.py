"""Response shapes of /automacao (the original 1.4's automacao/schema.py)."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel

Item = TypeVar("Item", bound=BaseModel)


class PedidoMetragemItem(BaseModel):
    pedido_id: int
    numero: str | None = None
    cliente: str
    data_entrada: str
    data_entrega: str | None = None
    status: str
    total_itens: int
    total_metragem: float
    valor_total: float


class ProducaoTipoEstatisticaItem(BaseModel):
    tipo_producao: str
    total_pedidos: int
    total_itens: int
    total_metragem: float
    valor_total: float


class ProducaoTecidoEstatisticaItem(BaseModel):
    tecido: str
    total_pedidos: int
    total_itens: int
    total_metragem: float


class PeriodoResponse(BaseModel, Generic[Item]):
    """A list of figures and the period it covers, as the request gave it."""

    items: list[Item]
    data_inicio: str | None = None
    data_fim: str | None = None
    date_mode: str


class PedidoMetragemResponse(PeriodoResponse[PedidoMetragemItem]):
    pass


class ProducaoTipoEstatisticaResponse(PeriodoResponse[ProducaoTipoEstatisticaItem]):
    pass


class ProducaoTecidoEstatisticaResponse(PeriodoResponse[ProducaoTecidoEstatisticaItem]):
    pass


class AlertaPedidoItem(BaseModel):
    pedido_id: int
    numero: str | None = None
    cliente: str
    data_entrega: str | None = None
    status: str
    tipo_alerta: str  # "atrasado" | "urgente_pendente" | "estagnado"
    horas_estagnado: int | None = None


class AlertasProducaoResponse(BaseModel):
    items: list[AlertaPedidoItem]
