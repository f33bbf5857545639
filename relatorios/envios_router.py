"""/relatorios-envios (shipping) and /relatorios/templates (saved report filters)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Response

from auth.dependencies import CurrentUser
from database.pagination import PageDep, set_total
from database.session import SessionDep
from relatorios import envios, resumos, templates
from relatorios.responses import Formato, Texto, json_response, render

router = APIRouter(prefix="/relatorios-envios", tags=["relatorios"])
templates_router = APIRouter(prefix="/relatorios", tags=["relatorios"])


@router.get("")
def relatorio_envios(
    session: SessionDep,
    _user: CurrentUser,
    data_inicio: Texto = None,
    data_fim: Texto = None,
    date_mode: Annotated[str | None, Query(description="entrega (padrão), entrada ou qualquer")] = None,
    status: Texto = None,
    incluir_cancelados: bool = False,
    formato: Formato = None,
) -> Response:
    periodo = resumos.parse_periodo(
        data_inicio=data_inicio,
        data_fim=data_fim,
        date_mode=date_mode or "entrega",
        status=status,
        incluir_cancelados=incluir_cancelados,
    )
    body = envios.envios(session, periodo)
    if formato and formato.strip().lower() == "csv":
        return render(body["dias"], formato, "relatorio-envios")
    return render(body, formato, "relatorio-envios")


@router.get("/pedidos")
def pedidos_envio(
    session: SessionDep,
    _user: CurrentUser,
    page: PageDep,
    data_inicio: Texto = None,
    data_fim: Texto = None,
    status: Texto = None,
    cliente: Texto = None,
    incluir_cancelados: bool = True,
    formato: Formato = None,
) -> Response:
    """As the original: the order list filtered by delivery date."""
    periodo = resumos.parse_periodo(
        data_inicio=data_inicio,
        data_fim=data_fim,
        date_mode="entrega",
        status=status,
        incluir_cancelados=incluir_cancelados,
        cliente=cliente,
    )
    total, pedidos = resumos.relatorio_semanal(session, periodo, skip=page.skip, limit=page.limit)
    result = render(pedidos, formato, "pedidos-envio")
    set_total(result, total)
    return result


@templates_router.get("/templates")
def get_templates(session: SessionDep, _user: CurrentUser) -> Response:
    return json_response(templates.get_templates(session))


@templates_router.put("/templates")
def put_templates(session: SessionDep, user: CurrentUser, body: Annotated[dict | list, Body()]) -> Any:
    return json_response(templates.put_templates(session, conteudo=body, username=user.username))
