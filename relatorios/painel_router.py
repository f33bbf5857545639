"""/relatorios/fechamentos/*: the Fechamentos page's statistics, trends and rankings."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from auth.dependencies import CurrentUser
from database.session import SessionDep
from relatorios import painel, resumos

router = APIRouter(prefix="/relatorios/fechamentos", tags=["relatorios"])

Texto = Annotated[str | None, Query()]


def painel_filter(
    session: SessionDep,
    _user: CurrentUser,
    start_date: Texto = None,
    end_date: Texto = None,
    status: Texto = None,
    date_mode: Texto = None,
    vendedor: Texto = None,
    designer: Texto = None,
    cliente: Texto = None,
) -> painel.Filtro:
    periodo = resumos.parse_periodo(
        data_inicio=start_date,
        data_fim=end_date,
        date_mode=date_mode,
        status=status,
        incluir_cancelados=False,
        cliente=cliente,
        start_name="start_date",
        end_name="end_date",
    )
    return painel.filtro(session, periodo, vendedor=vendedor, designer=designer)


FiltroDep = Annotated[painel.Filtro, Depends(painel_filter)]


@router.get("/statistics")
def statistics(session: SessionDep, f: FiltroDep) -> dict:
    return painel.statistics(session, f)


@router.get("/trends")
def trends(session: SessionDep, f: FiltroDep, group_by: Literal["day", "week", "month"] = "day") -> dict:
    return painel.trends(session, f, group_by)


@router.get("/rankings/{category}")
def rankings(category: str, session: SessionDep, f: FiltroDep, limit: Annotated[int, Query(ge=1, le=100)] = 10) -> dict:
    return painel.rankings(session, f, category, limit)
