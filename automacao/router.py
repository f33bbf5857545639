"""/automacao: order lookups and production figures for automations (authenticated, unlike the original)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from auth.dependencies import CurrentUser
from automacao import service
from automacao.schemas import (
    AlertasProducaoResponse,
    PedidoMetragemResponse,
    ProducaoTecidoEstatisticaResponse,
    ProducaoTipoEstatisticaResponse,
)
from database.pagination import MAX_SEARCH, Page, PageQuery
from database.session import SessionDep
from database.types import OptionalDate

router = APIRouter(prefix="/automacao", tags=["automacao"])

DEFAULT_LIMIT = 1000  # lists without `limit` stop here
Texto = Annotated[str | None, Query(max_length=MAX_SEARCH)]


def filtro(
    data_inicio: Annotated[OptionalDate, Query(description="AAAA-MM-DD")] = None,
    data_fim: Annotated[OptionalDate, Query(description="AAAA-MM-DD")] = None,
    date_mode: Annotated[str | None, Query(max_length=20, description="entrada (padrão) ou entrega")] = None,
    status: Texto = None,
) -> service.Filtro:
    return service.Filtro(data_inicio, data_fim, service.parse_date_mode(date_mode), status)


FiltroDep = Annotated[service.Filtro, Depends(filtro)]


def page(params: Annotated[PageQuery, Query()]) -> Page:
    found = params.page()
    return Page(skip=found.skip, limit=found.limit or DEFAULT_LIMIT)


PageDep = Annotated[Page, Depends(page)]


@router.get("/pedidos/metragem", response_model=PedidoMetragemResponse)
def pedidos_metragem(
    session: SessionDep,
    _user: CurrentUser,
    periodo: FiltroDep,
    pagina: PageDep,
    cliente: Texto = None,
) -> dict[str, Any]:
    return service.metragem(session, replace(periodo, cliente=cliente), pagina)


@router.get("/producao/estatisticas", response_model=ProducaoTipoEstatisticaResponse)
def producao_estatisticas(session: SessionDep, _user: CurrentUser, periodo: FiltroDep) -> dict[str, Any]:
    return service.por_tipo(session, periodo)


@router.get("/producao/tecidos", response_model=ProducaoTecidoEstatisticaResponse)
def producao_tecidos(session: SessionDep, _user: CurrentUser, periodo: FiltroDep) -> dict[str, Any]:
    return service.por_tecido(session, periodo)


@router.get("/producao/alertas", response_model=AlertasProducaoResponse)
def producao_alertas(
    session: SessionDep, _user: CurrentUser, limit: Annotated[int, Query(ge=1, le=5000)] = 500
) -> dict[str, Any]:
    return service.alertas(session, limit=limit)


@router.get("/pedido/{numero}")
def pedido_por_numero(
    session: SessionDep, _user: CurrentUser, numero: Annotated[str, Path(min_length=1, max_length=64)]
) -> dict[str, Any]:
    return service.pedido_por_numero(session, numero)
