"""/automacao: order lookups and production figures for automations (authenticated, unlike the original)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from pydantic import WithJsonSchema
from sqlmodel import Session

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

router = APIRouter(prefix="/automacao")
# One router per tag: the figures are reports, the order lookup and the alerts are about orders.
figures = APIRouter(tags=["Relatórios"])
orders = APIRouter(tags=["Pedidos"])

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


@figures.get("/pedidos/metragem", response_model=PedidoMetragemResponse, summary="Metragem por pedido")
def pedidos_metragem(
    session: SessionDep,
    _user: CurrentUser,
    periodo: FiltroDep,
    pagina: PageDep,
    cliente: Texto = None,
) -> dict[str, Any]:
    """Itens, m² e valor de cada pedido no período."""
    return service.metragem(session, replace(periodo, cliente=cliente), pagina)


def _per_period(figures_of: Callable[[Session, service.Filtro], dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    def endpoint(session: SessionDep, _user: CurrentUser, periodo: FiltroDep) -> dict[str, Any]:
        return figures_of(session, periodo)

    return endpoint


# The period's figures grouped by one column: (path, operation name, figures, response, summary, description).
for path, name, figures_of, model, summary, description in (
    (
        "/producao/estatisticas",
        "producao_estatisticas",
        service.por_tipo,
        ProducaoTipoEstatisticaResponse,
        "Produção por tipo",
        "Pedidos, itens, m² e valor por tipo de produção no período.",
    ),
    (
        "/producao/tecidos",
        "producao_tecidos",
        service.por_tecido,
        ProducaoTecidoEstatisticaResponse,
        "Produção por tecido",
        "Pedidos, itens, m² e valor por tecido no período.",
    ),
):
    figures.add_api_route(
        path, _per_period(figures_of), name=name, response_model=model, summary=summary, description=description
    )


@orders.get("/producao/alertas", response_model=AlertasProducaoResponse, summary="Alertas de produção")
def producao_alertas(
    session: SessionDep, _user: CurrentUser, limit: Annotated[int, Query(ge=1, le=5000)] = 500
) -> dict[str, Any]:
    """Pedidos atrasados, urgentes ainda pendentes ou parados há muito tempo."""
    return service.alertas(session, limit=limit)


@orders.get("/pedido/{numero}", summary="Pedido pelo número")
def pedido_por_numero(
    session: SessionDep, _user: CurrentUser, numero: Annotated[str, Path(min_length=1, max_length=64)]
) -> dict[str, Any]:
    """Um pedido e suas imagens pelo número (também sem os zeros à esquerda) ou pelo id."""
    return service.pedido_por_numero(session, numero)


router.include_router(figures)
router.include_router(orders)
