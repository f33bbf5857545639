"""/relatorios/fechamentos/*: the Fechamentos page's statistics, trends and rankings."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from auth.dependencies import CurrentUser
from database.session import SessionDep
from relatorios import openapi as doc
from relatorios import painel, resumos
from relatorios.params import KNOWN_PARAMETERS, DatasDep, NomesDep

router = APIRouter(prefix="/relatorios/fechamentos", tags=[doc.TAG], dependencies=KNOWN_PARAMETERS)


def painel_filter(
    session: SessionDep,
    _user: CurrentUser,
    nomes: NomesDep,
    datas: DatasDep,
    status: doc.Status = None,
    date_mode: doc.DateMode = None,
) -> painel.Filtro:
    periodo = resumos.parse_periodo(
        **datas.named(),
        date_mode=date_mode,
        status=status,
        incluir_cancelados=False,
        cliente=nomes.cliente,
    )
    return painel.filtro(session, periodo, vendedor=nomes.vendedor, designer=nomes.designer)


FiltroDep = Annotated[painel.Filtro, Depends(painel_filter)]


@router.get(
    "/statistics",
    summary="Indicadores do período",
    responses=doc.responses(doc.STATISTICS, description="Os indicadores (valores em reais, números)", csv=False),
)
def statistics(session: SessionDep, f: FiltroDep) -> dict:
    """Pedidos, itens, faturamento, frete, serviço e ticket médio (cancelados e rascunhos fora)."""
    return painel.statistics(session, f)


@router.get(
    "/trends",
    summary="Evolução do período",
    responses=doc.responses(doc.TRENDS, description="Um registro por período com pedidos", csv=False),
)
def trends(
    session: SessionDep,
    f: FiltroDep,
    group_by: Annotated[Literal["day", "week", "month"], Query(description="day, week ou month")] = "day",
) -> dict:
    """Pedidos, faturamento, frete e serviço por dia, semana (a partir de segunda) ou mês."""
    return painel.trends(session, f, group_by)


@router.get(
    "/rankings/{category}",
    summary="Ranking por categoria",
    responses=doc.responses(doc.RANKINGS, description="Os primeiros da categoria", csv=False),
)
def rankings(
    category: doc.Category,
    session: SessionDep,
    f: FiltroDep,
    limit: Annotated[int, Query(ge=1, le=100, description="Quantos nomes (1 a 100)")] = 10,
) -> dict:
    """Os maiores nomes da categoria por faturamento: vendedor, designer, cliente ou tipo_producao."""
    return painel.rankings(session, f, category, limit)
