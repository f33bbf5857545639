"""/materiais statistics (the CRUD is cadastros'): registered before it, so /{record_id} cannot shadow them."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from auth.dependencies import CurrentUser
from database.session import SessionDep
from database.types import OptionalDate
from materiais import stats, uso
from materiais.schemas import MaterialEvolutionResponse, MaterialStatsResponse, MaterialUsoEstatisticasResponse

router = APIRouter(prefix="/materiais", tags=["Relatórios"])

Dia = Annotated[OptionalDate, Query(description="AAAA-MM-DD (data de entrada do pedido)")]


@dataclass(frozen=True)
class Periodo:
    """The statistics' filters: the period (data_entrada) and a product type, named as stats' arguments."""

    inicio: date | None
    fim: date | None
    tipo_producao: str | None


def periodo(
    data_inicio: Dia = None,
    data_fim: Dia = None,
    tipo_producao: Annotated[str | None, Query(max_length=64)] = None,
) -> Periodo:
    return Periodo(data_inicio, data_fim, tipo_producao)


PeriodoDep = Annotated[Periodo, Depends(periodo)]


@router.get("/stats", response_model=MaterialStatsResponse, summary="Estatísticas de materiais")
def material_stats(session: SessionDep, _user: CurrentUser, filtro: PeriodoDep) -> MaterialStatsResponse:
    """Indicadores e rankings de materiais e acabamentos no período, por tipo de produção."""
    return stats.get_stats(session, **asdict(filtro))


@router.get("/stats/evolucao", response_model=MaterialEvolutionResponse, summary="Evolução dos materiais")
def material_evolution(session: SessionDep, _user: CurrentUser, filtro: PeriodoDep) -> MaterialEvolutionResponse:
    """m² por dia no período, com os três materiais mais usados."""
    return stats.get_evolution(session, **asdict(filtro))


@router.get(
    "/estatisticas/uso", response_model=MaterialUsoEstatisticasResponse, summary="Uso dos materiais cadastrados"
)
def material_usage(
    session: SessionDep,
    _user: CurrentUser,
    limit: Annotated[int, Query(ge=1, le=200)] = 10,
    ordem: Literal["mais", "menos"] = "mais",
    incluir_sem_uso: bool = False,
    somente_ativos: bool = True,
    incluir_cancelados: bool = False,
) -> MaterialUsoEstatisticasResponse:
    """Os materiais mais (ou menos) usados nos itens de pedidos, com usos e percentual."""
    return uso.get_usage(
        session,
        limit=limit,
        ordem=ordem,
        incluir_sem_uso=incluir_sem_uso,
        somente_ativos=somente_ativos,
        incluir_cancelados=incluir_cancelados,
    )
