"""/automacao: order lookups and production figures for automations (authenticated, unlike the original)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from pydantic import WithJsonSchema

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

# Tags per route: the figures are reports, the order lookup and the alerts are about orders.
router = APIRouter(prefix="/automacao")

DEFAULT_LIMIT = 1000  # lists without `limit` stop here
Texto = Annotated[str | None, Query(max_length=MAX_SEARCH)]
# Closed sets, read case-insensitively by the service (which answers 422 for another value).
DATE_MODE_SCHEMA = WithJsonSchema({"type": "string", "enum": ["entrada", "entrega"]})
STATUS_SCHEMA = WithJsonSchema(
    {"type": "string", "enum": ["todos", "pendente", "em_producao", "pronto", "entregue", "cancelado", "concluido"]}
)


def filtro(
    data_inicio: Annotated[OptionalDate, Query(description="AAAA-MM-DD")] = None,
    data_fim: Annotated[OptionalDate, Query(description="AAAA-MM-DD")] = None,
    date_mode: Annotated[
        str | None, Query(max_length=20, description="entrada (padrão) ou entrega"), DATE_MODE_SCHEMA
    ] = None,
    status: Annotated[
        str | None, Query(max_length=MAX_SEARCH, description="concluido = pronto e entregue"), STATUS_SCHEMA
    ] = None,
) -> service.Filtro:
    return service.Filtro(data_inicio, data_fim, service.parse_date_mode(date_mode), status)


FiltroDep = Annotated[service.Filtro, Depends(filtro)]


def page(params: Annotated[PageQuery, Query()]) -> Page:
    found = params.page()
    return Page(skip=found.skip, limit=found.limit or DEFAULT_LIMIT)


PageDep = Annotated[Page, Depends(page)]


@router.get(
    "/pedidos/metragem",
    response_model=PedidoMetragemResponse,
    tags=["Relatórios"],
    summary="Metragem por pedido",
    description="Itens, m² e valor de cada pedido no período.",
)
def pedidos_metragem(
    session: SessionDep,
    _user: CurrentUser,
    periodo: FiltroDep,
    pagina: PageDep,
    cliente: Texto = None,
) -> dict[str, Any]:
    return service.metragem(session, replace(periodo, cliente=cliente), pagina)


@router.get(
    "/producao/estatisticas",
    response_model=ProducaoTipoEstatisticaResponse,
    tags=["Relatórios"],
    summary="Produção por tipo",
    description="Pedidos, itens, m² e valor por tipo de produção no período.",
)
def producao_estatisticas(session: SessionDep, _user: CurrentUser, periodo: FiltroDep) -> dict[str, Any]:
    return service.por_tipo(session, periodo)


@router.get(
    "/producao/tecidos",
    response_model=ProducaoTecidoEstatisticaResponse,
    tags=["Relatórios"],
    summary="Produção por tecido",
    description="Pedidos, itens, m² e valor por tecido no período.",
)
def producao_tecidos(session: SessionDep, _user: CurrentUser, periodo: FiltroDep) -> dict[str, Any]:
    return service.por_tecido(session, periodo)


@router.get(
    "/producao/alertas",
    response_model=AlertasProducaoResponse,
    tags=["Pedidos"],
    summary="Alertas de produção",
    description="Pedidos atrasados, urgentes ainda pendentes ou parados há muito tempo.",
)
def producao_alertas(
    session: SessionDep, _user: CurrentUser, limit: Annotated[int, Query(ge=1, le=5000)] = 500
) -> dict[str, Any]:
    return service.alertas(session, limit=limit)


@router.get(
    "/pedido/{numero}",
    tags=["Pedidos"],
    summary="Pedido pelo número",
    description="Um pedido e suas imagens pelo número (também sem os zeros à esquerda) ou pelo id.",
)
def pedido_por_numero(
    session: SessionDep, _user: CurrentUser, numero: Annotated[str, Path(min_length=1, max_length=64)]
) -> dict[str, Any]:
    return service.pedido_por_numero(session, numero)
