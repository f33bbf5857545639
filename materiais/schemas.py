"""Response shapes of the materials statistics (the original 1.4's materiais/schema.py)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class RankingItem(BaseModel):
    nome: str
    quantidade_itens: int
    area_total_m2: float
    percentual_area: float


class MaterialStatsKPIs(BaseModel):
    total_itens: int
    total_area_m2: float
    material_mais_usado: str | None = None
    acabamento_mais_usado: str | None = None
    total_ilhos: int
    total_itens_com_ilhos: int
    data_pico: str | None = None
    m2_pico: float = 0.0
    media_m2_dia: float = 0.0  # read by today's app (MaterialAnalysis.tsx); not in the original


class MaterialStatsResponse(BaseModel):
    kpis: MaterialStatsKPIs
    ranking_materiais: list[RankingItem]
    ranking_acabamentos: list[RankingItem]
    por_tipo_producao: dict[str, list[RankingItem]]


class MaterialEvolutionItem(BaseModel):
    data: str
    total: float
    top_materiais: dict[str, float]


class MaterialEvolutionResponse(BaseModel):
    top_3_nomes: list[str]
    evolucao: list[MaterialEvolutionItem]


class MaterialUsoItem(BaseModel):
    material_id: int | None = None
    nome_material: str
    cadastrado: bool = True
    ativo: bool | None = None
    quantidade_usos: int = 0
    percentual_uso: float = 0.0


class MaterialUsoEstatisticasResponse(BaseModel):
    ordem: Literal["mais", "menos"] = "mais"
    total_pedidos_analisados: int = 0
    total_itens_com_material: int = 0
    total_materiais_distintos_com_uso: int = 0
    materiais: list[MaterialUsoItem] = []
