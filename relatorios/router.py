"""/relatorios-fechamentos: the app's closing report, the seed's summaries and the financial closing."""

from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from auth.dependencies import CurrentUser
from database.session import SessionDep
from relatorios import export, fechamento, financeiro, pdf, resumos, routes, tendencia
from relatorios import openapi as doc
from relatorios.params import KNOWN_PARAMETERS, DatasDep, NomesDep
from relatorios.responses import Formato, PeriodoDep, render_closing

router = APIRouter(prefix="/relatorios-fechamentos", tags=[doc.TAG], dependencies=KNOWN_PARAMETERS)


async def fechamento_request(  # async: pure validation, no threadpool hop
    nomes: NomesDep,
    datas: DatasDep,
    report_type: doc.ReportType = None,
    date_mode: doc.DateModeFechamento = None,
    status: doc.Status = None,
    frete_distribution: doc.FreteDistribution = None,
) -> fechamento.ReportRequest:
    return fechamento.parse_request(
        report_type=report_type,
        start_date=datas.start,
        end_date=datas.end,
        start_name=datas.start_name,
        end_name=datas.end_name,
        date_mode=date_mode,
        status=status,
        cliente=nomes.cliente,
        vendedor=nomes.vendedor,
        designer=nomes.designer,
        frete_distribution=frete_distribution,
    )


ReportRequestDep = Annotated[fechamento.ReportRequest, Depends(fechamento_request)]


@router.get(
    "/pedidos/relatorio",
    summary="Relatório de fechamento (analítico ou sintético)",
    responses=doc.responses(doc.FECHAMENTO, description="O relatório (valores em reais, números)", pdf=True),
)
def relatorio(
    session: SessionDep, _user: CurrentUser, request: ReportRequestDep, formato: doc.FormatoPdf = None
) -> Response:
    """O fechamento da tela Fechamentos: grupos, subgrupos, linhas e totais do período, em JSON, CSV ou PDF."""
    kind = export.parse_formato(formato, pdf=True)
    report = fechamento.build_report(session, request, as_json=kind == "json")
    return render_closing(report, kind, request.report_type, table=export.fechamento_table, document=pdf.fechamento_pdf)


routes.add_pedidos(
    router,
    "/pedidos/relatorio-semanal",
    "relatorio-semanal",
    date_mode_type=doc.DateMode,
    required=True,
    summary="Pedidos do período",
    description="Os pedidos do período (sem itens), do mais antigo ao mais novo; total em X-Total-Count.",
)


async def _por_cliente(
    limit: Annotated[int | None, Query(ge=1, le=100_000, description="Máximo de clientes")] = None,
    formato: Formato = None,
) -> routes.Options:
    return routes.Options(formato, {"limit": limit})


async def _tendencia(agrupamento: doc.Agrupamento = None, formato: Formato = None) -> routes.Options:
    return routes.Options(formato, {"agrupamento": agrupamento or "dia"})


def _por_item(dimension: str, label: str, plural: str, example: str, one: str) -> routes.Summary:
    """Items by vendedor, designer or tipo_producao: the same figures, texts and shape for each."""
    return routes.Summary(
        f"por-{dimension.replace('_', '-')}",
        partial(resumos.por_item, dimension=dimension),
        f"Itens por {label}",
        f"Pedidos, itens, quantidade, valor e área (m²) de cada {label}.",
        doc.por_item(dimension, plural, f"total_{plural}", example),
        f"Um registro por {one}",
    )


# The seed's summaries: (filename, figures, summary, description, the 200's example and description).
routes.add_summaries(
    router,
    [
        routes.Summary(
            "quantidade",
            resumos.quantidade,
            "Quantidade de pedidos",
            "Quantos pedidos o filtro seleciona.",
            doc.QUANTIDADE,
            "A contagem e o filtro aplicado",
        ),
        routes.Summary(
            "valor-total",
            resumos.valor_total,
            "Valor total do período",
            "Soma do valor total, dos itens e do frete dos pedidos, e o ticket médio.",
            doc.VALOR_TOTAL,
            "Os totais (dinheiro em texto, 2 casas)",
        ),
        routes.Summary(
            "por-status",
            resumos.por_status,
            "Pedidos por status",
            "Quantidade e valor dos pedidos de cada status.",
            doc.POR_STATUS,
            "Um registro por status",
        ),
        routes.Summary(
            "por-cliente",
            resumos.por_cliente,
            "Pedidos por cliente",
            "Os clientes do período pelo valor dos pedidos, do maior ao menor.",
            doc.POR_CLIENTE,
            "Um registro por cliente",
            options=_por_cliente,
        ),
        _por_item("vendedor", "vendedor", "vendedores", "Carlos", "vendedor"),
        _por_item("designer", "designer", "designers", "Ana", "designer"),
        _por_item("tipo_producao", "tipo de produção", "tipos", "painel", "tipo"),
        routes.Summary(
            "tendencia",
            tendencia.tendencia,
            "Tendência de pedidos",
            "Quantidade, valor, ticket médio e variação por dia, semana ou mês, períodos vazios incluídos.",
            doc.TENDENCIA,
            "Um registro por período",
            options=_tendencia,
            name="tendencia_pedidos",
        ),
    ],
)


@router.get(
    "/financeiro",
    summary="Fechamento financeiro",
    responses=doc.responses(doc.FINANCEIRO, description="O fechamento (dinheiro em texto, 2 casas)", pdf=True),
)
def fechamento_financeiro(
    session: SessionDep, _user: CurrentUser, periodo: PeriodoDep, formato: doc.FormatoPdf = None
) -> Response:
    """Totais do período (serviço, frete, desconto), por forma de pagamento e por etapa de produção."""
    kind = export.parse_formato(formato, pdf=True)
    body = financeiro.financeiro(session, periodo)
    return render_closing(
        body, kind, "fechamento-financeiro", table=export.financeiro_table, document=pdf.financeiro_pdf
    )
