"""/relatorios-fechamentos: the app's closing report, the seed's summaries and the financial closing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from auth.dependencies import CurrentUser
from database.pagination import PageDep, set_total
from database.session import SessionDep
from relatorios import export, fechamento, financeiro, pdf, resumos, tendencia
from relatorios import openapi as doc
from relatorios.params import KNOWN_PARAMETERS, DatasDep
from relatorios.responses import Formato, IncluirCancelados, PeriodoDep, json_response, render

router = APIRouter(prefix="/relatorios-fechamentos", tags=[doc.TAG], dependencies=KNOWN_PARAMETERS)


@router.get(
    "/pedidos/relatorio",
    summary="Relatório de fechamento (analítico ou sintético)",
    description="O fechamento da tela Fechamentos: grupos, subgrupos, linhas e totais do período, em JSON, CSV ou PDF.",
    responses=doc.responses(doc.FECHAMENTO, description="O relatório (valores em reais, números)", pdf=True),
)
def relatorio(
    session: SessionDep,
    _user: CurrentUser,
    datas: DatasDep,
    report_type: doc.ReportType = None,
    date_mode: doc.DateModeFechamento = None,
    status: doc.Status = None,
    vendedor: doc.Filtro = None,
    designer: doc.Filtro = None,
    cliente: doc.Filtro = None,
    frete_distribution: doc.FreteDistribution = None,
    formato: doc.FormatoPdf = None,
) -> Response:
    request = fechamento.parse_request(
        report_type=report_type,
        start_date=datas.start,
        end_date=datas.end,
        start_name=datas.start_name,
        end_name=datas.end_name,
        date_mode=date_mode,
        status=status,
        cliente=cliente,
        vendedor=vendedor,
        designer=designer,
        frete_distribution=frete_distribution,
    )
    kind = export.parse_formato(formato, pdf=True)
    report = fechamento.build_report(session, request, as_json=kind == "json")
    if kind == "csv":
        return export.csv_response(request.report_type, *export.csv_rows(export.fechamento_table(report)))
    if kind == "pdf":
        return pdf.pdf_response(request.report_type, pdf.fechamento_pdf(report))
    return json_response(report)


@router.get(
    "/pedidos/relatorio-semanal",
    summary="Pedidos do período",
    description="Os pedidos do período (sem itens), do mais antigo ao mais novo; total em X-Total-Count.",
    responses=doc.responses([doc.PEDIDO], description="Os pedidos, como o JSON de pedido"),
)
def relatorio_semanal(
    session: SessionDep,
    _user: CurrentUser,
    page: PageDep,
    response: Response,
    datas: DatasDep,
    date_mode: doc.DateMode = None,
    status: doc.Status = None,
    cliente: doc.Filtro = None,
    incluir_cancelados: IncluirCancelados = True,
    formato: Formato = None,
) -> Response:
    periodo = resumos.parse_periodo(
        **datas.named(),
        date_mode=date_mode,
        status=status,
        incluir_cancelados=incluir_cancelados,
        cliente=cliente,
        required=True,
    )
    total, pedidos = resumos.relatorio_semanal(session, periodo, skip=page.skip, limit=page.limit)
    result = render(pedidos, formato, "relatorio-semanal")
    set_total(result, total)
    return result


@router.get(
    "/pedidos/quantidade",
    summary="Quantidade de pedidos",
    description="Quantos pedidos o filtro seleciona.",
    responses=doc.responses(doc.QUANTIDADE, description="A contagem e o filtro aplicado"),
)
def quantidade(session: SessionDep, _user: CurrentUser, periodo: PeriodoDep, formato: Formato = None) -> Response:
    return render(resumos.quantidade(session, periodo), formato, "quantidade")


@router.get(
    "/pedidos/valor-total",
    summary="Valor total do período",
    description="Soma do valor total, dos itens e do frete dos pedidos, e o ticket médio.",
    responses=doc.responses(doc.VALOR_TOTAL, description="Os totais (dinheiro em texto, 2 casas)"),
)
def valor_total(session: SessionDep, _user: CurrentUser, periodo: PeriodoDep, formato: Formato = None) -> Response:
    return render(resumos.valor_total(session, periodo), formato, "valor-total")


@router.get(
    "/pedidos/por-status",
    summary="Pedidos por status",
    description="Quantidade e valor dos pedidos de cada status.",
    responses=doc.responses(doc.POR_STATUS, description="Um registro por status"),
)
def por_status(session: SessionDep, _user: CurrentUser, periodo: PeriodoDep, formato: Formato = None) -> Response:
    return render(resumos.por_status(session, periodo), formato, "por-status")


@router.get(
    "/pedidos/por-cliente",
    summary="Pedidos por cliente",
    description="Os clientes do período pelo valor dos pedidos, do maior ao menor.",
    responses=doc.responses(doc.POR_CLIENTE, description="Um registro por cliente"),
)
def por_cliente(
    session: SessionDep,
    _user: CurrentUser,
    periodo: PeriodoDep,
    limit: Annotated[int | None, Query(ge=1, le=100_000, description="Máximo de clientes")] = None,
    formato: Formato = None,
) -> Response:
    return render(resumos.por_cliente(session, periodo, limit=limit), formato, "por-cliente")


@router.get(
    "/pedidos/por-vendedor",
    summary="Itens por vendedor",
    description="Pedidos, itens, quantidade, valor e área (m²) de cada vendedor.",
    responses=doc.responses(
        doc.por_item("vendedor", "vendedores", "total_vendedores", "Carlos"), description="Um registro por vendedor"
    ),
)
def por_vendedor(session: SessionDep, _user: CurrentUser, periodo: PeriodoDep, formato: Formato = None) -> Response:
    return render(resumos.por_item(session, periodo, "vendedor"), formato, "por-vendedor")


@router.get(
    "/pedidos/por-designer",
    summary="Itens por designer",
    description="Pedidos, itens, quantidade, valor e área (m²) de cada designer.",
    responses=doc.responses(
        doc.por_item("designer", "designers", "total_designers", "Ana"), description="Um registro por designer"
    ),
)
def por_designer(session: SessionDep, _user: CurrentUser, periodo: PeriodoDep, formato: Formato = None) -> Response:
    return render(resumos.por_item(session, periodo, "designer"), formato, "por-designer")


@router.get(
    "/pedidos/por-tipo-producao",
    summary="Itens por tipo de produção",
    description="Pedidos, itens, quantidade, valor e área (m²) de cada tipo de produção.",
    responses=doc.responses(
        doc.por_item("tipo_producao", "tipos", "total_tipos", "painel"), description="Um registro por tipo"
    ),
)
def por_tipo_producao(
    session: SessionDep, _user: CurrentUser, periodo: PeriodoDep, formato: Formato = None
) -> Response:
    return render(resumos.por_item(session, periodo, "tipo_producao"), formato, "por-tipo-producao")


@router.get(
    "/pedidos/tendencia",
    summary="Tendência de pedidos",
    description="Quantidade, valor, ticket médio e variação por dia, semana ou mês, períodos vazios incluídos.",
    responses=doc.responses(doc.TENDENCIA, description="Um registro por período"),
)
def tendencia_pedidos(
    session: SessionDep,
    _user: CurrentUser,
    periodo: PeriodoDep,
    agrupamento: doc.Agrupamento = None,
    formato: Formato = None,
) -> Response:
    return render(tendencia.tendencia(session, periodo, agrupamento or "dia"), formato, "tendencia")


@router.get(
    "/financeiro",
    summary="Fechamento financeiro",
    description="Totais do período (serviço, frete, desconto), por forma de pagamento e por etapa de produção.",
    responses=doc.responses(doc.FINANCEIRO, description="O fechamento (dinheiro em texto, 2 casas)", pdf=True),
)
def fechamento_financeiro(
    session: SessionDep, _user: CurrentUser, periodo: PeriodoDep, formato: doc.FormatoPdf = None
) -> Response:
    kind = export.parse_formato(formato, pdf=True)
    body = financeiro.financeiro(session, periodo)
    if kind == "csv":
        return export.csv_response("fechamento-financeiro", *export.csv_rows(export.financeiro_table(body)))
    if kind == "pdf":
        return pdf.pdf_response("fechamento-financeiro", pdf.financeiro_pdf(body))
    return json_response(body)
