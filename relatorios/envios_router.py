"""/relatorios-envios (shipping) and /relatorios/templates (saved report filters)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Response

from auth.dependencies import CurrentUser
from database.session import SessionDep
from relatorios import envios, resumos, routes, templates
from relatorios import openapi as doc
from relatorios.params import KNOWN_PARAMETERS, DatasDep
from relatorios.responses import Formato, IncluirCancelados, json_response, render

router = APIRouter(prefix="/relatorios-envios", tags=[doc.TAG], dependencies=KNOWN_PARAMETERS)
templates_router = APIRouter(prefix="/relatorios", tags=[doc.TAG], dependencies=KNOWN_PARAMETERS)


@router.get(
    "",
    summary="Relatório de envios",
    responses=doc.responses(doc.ENVIOS, description="Totais por forma de envio e por dia"),
)
def relatorio_envios(
    session: SessionDep,
    _user: CurrentUser,
    datas: DatasDep,
    date_mode: doc.DateModeEnvios = None,
    status: doc.Status = None,
    incluir_cancelados: IncluirCancelados = False,
    formato: Formato = None,
) -> Response:
    """Pedidos, frete e valor por forma de envio e por dia (data de entrega, por padrão)."""
    periodo = resumos.parse_periodo(
        **datas.named(),
        date_mode=date_mode or "entrega",
        status=status,
        incluir_cancelados=incluir_cancelados,
    )
    body = envios.envios(session, periodo)
    if formato and formato.strip().lower() == "csv":
        return render(body["dias"], formato, "relatorio-envios")
    return render(body, formato, "relatorio-envios")


# As the original: the order list filtered by delivery date (unless date_mode asks otherwise).
routes.add_pedidos(
    router,
    "/pedidos",
    "pedidos-envio",
    date_mode_type=doc.DateModeEnvios,
    default_mode="entrega",
    summary="Pedidos a enviar",
    description="Os pedidos (sem itens) com entrega no período; total em X-Total-Count.",
)


@templates_router.get(
    "/templates",
    summary="Modelos de relatório",
    responses=doc.responses(doc.TEMPLATES, description="O JSON salvo ({} se nenhum)", csv=False),
)
def get_templates(session: SessionDep, _user: CurrentUser) -> Response:
    """Os modelos de relatório salvos pela tela de administração, como foram enviados."""
    return json_response(templates.get_templates(session))


@templates_router.put(
    "/templates",
    summary="Salvar modelos de relatório",
    responses=doc.responses(doc.TEMPLATES, description="O JSON salvo", csv=False),
)
def put_templates(session: SessionDep, user: CurrentUser, body: Annotated[dict | list, Body()]) -> Any:
    """Substitui os modelos de relatório salvos pelo JSON enviado."""
    return json_response(templates.put_templates(session, conteudo=body, username=user.username))
