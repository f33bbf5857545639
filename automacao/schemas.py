"""Response shapes of /automacao (the original 1.4's automacao/schema.py)."""

from __future__ import annotations

from pydantic import BaseModel


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


class PedidoMetragemResponse(BaseModel):
    items: list[PedidoMetragemItem]
    data_inicio: str | None = None
    data_fim: str | None = None
    date_mode: str


class ProducaoTipoEstatisticaResponse(BaseModel):
    items: list[ProducaoTipoEstatisticaItem]
    data_inicio: str | None = None
    data_fim: str | None = None
    date_mode: str


class ProducaoTecidoEstatisticaResponse(BaseModel):
    items: list[ProducaoTecidoEstatisticaItem]
    data_inicio: str | None = None
    data_fim: str | None = None
    date_mode: str


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
