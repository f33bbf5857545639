"""/relatorios-fechamentos: the app's closing report, the seed's summaries and the financial closing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from auth.dependencies import CurrentUser
from database.pagination import PageDep, set_total
from database.session import SessionDep
from relatorios import export, fechamento, financeiro, pdf, resumos, tendencia
from relatorios.responses import Formato, PeriodoDep, Texto, json_response, render

router = APIRouter(prefix="/relatorios-fechamentos", tags=["relatorios"])


@router.get("/pedidos/relatorio")
def relatorio(
    session: SessionDep,
    _user: CurrentUser,
    report_type: Texto = None,
    start_date: Texto = None,
    end_date: Texto = None,
    date_mode: Texto = None,
    status: Texto = None,
    vendedor: Texto = None,
    designer: Texto = None,
    cliente: Texto = None,
    frete_distribution: Texto = None,
    formato: Formato = None,
) -> Response:
    request = fechamento.parse_request(
        report_type=report_type,
        start_date=start_date,
        end_date=end_date,
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
        return export.csv_response(request.report_type, *export.fechamento_table(report))
    if kind == "pdf":
        return pdf.pdf_response(request.report_type, pdf.fechamento_pdf(report))
    return json_response(report)


@router.get("/pedidos/relatorio-semanal")
def relatorio_semanal(
    session: SessionDep,
    _user: CurrentUser,
    page: PageDep,
    response: Response,
    start_date: Texto = None,
    end_date: Texto = None,
    date_mode: Texto = None,
    status: Texto = None,
    incluir_cancelados: bool = True,
    formato: Formato = None,
) -> Response:
    periodo = resumos.parse_periodo(
        data_inicio=start_date,
        data_fim=end_date,
        date_mode=date_mode,
        status=status,
        incluir_cancelados=incluir_cancelados,
        required=True,
        start_name="start_date",
        end_name="end_date",
    )
    total, pedidos = resumos.relatorio_semanal(session, periodo, skip=page.skip, limit=page.limit)
    result = render(pedidos, formato, "relatorio-semanal")
    set_total(result, total)
    return result


@router.get("/pedidos/quantidade")
def quantidade(session: SessionDep, _user: CurrentUser, periodo: PeriodoDep, formato: Formato = None) -> Response:
    return render(resumos.quantidade(session, periodo), formato, "quantidade")


@router.get("/pedidos/valor-total")
def valor_total(session: SessionDep, _user: CurrentUser, periodo: PeriodoDep, formato: Formato = None) -> Response:
    return render(resumos.valor_total(session, periodo), formato, "valor-total")


@router.get("/pedidos/por-status")
def por_status(session: SessionDep, _user: CurrentUser, periodo: PeriodoDep, formato: Formato = None) -> Response:
    return render(resumos.por_status(session, periodo), formato, "por-status")


@router.get("/pedidos/por-cliente")
def por_cliente(
    session: SessionDep,
    _user: CurrentUser,
    periodo: PeriodoDep,
    limit: Annotated[int | None, Query(ge=1, le=100_000)] = None,
    formato: Formato = None,
) -> Response:
    return render(resumos.por_cliente(session, periodo, limit=limit), formato, "por-cliente")


@router.get("/pedidos/por-vendedor")
def por_vendedor(session: SessionDep, _user: CurrentUser, periodo: PeriodoDep, formato: Formato = None) -> Response:
    return render(resumos.por_item(session, periodo, "vendedor"), formato, "por-vendedor")


@router.get("/pedidos/por-designer")
def por_designer(session: SessionDep, _user: CurrentUser, periodo: PeriodoDep, formato: Formato = None) -> Response:
    return render(resumos.por_item(session, periodo, "designer"), formato, "por-designer")


@router.get("/pedidos/por-tipo-producao")
def por_tipo_producao(
    session: SessionDep, _user: CurrentUser, periodo: PeriodoDep, formato: Formato = None
) -> Response:
    return render(resumos.por_item(session, periodo, "tipo_producao"), formato, "por-tipo-producao")


@router.get("/pedidos/tendencia")
def tendencia_pedidos(
    session: SessionDep,
    _user: CurrentUser,
    periodo: PeriodoDep,
    agrupamento: Annotated[str, Query(description="dia, semana ou mes")] = "dia",
    formato: Formato = None,
) -> Response:
    return render(tendencia.tendencia(session, periodo, agrupamento), formato, "tendencia")


@router.get("/financeiro")
def fechamento_financeiro(
    session: SessionDep, _user: CurrentUser, periodo: PeriodoDep, formato: Formato = None
) -> Response:
    kind = export.parse_formato(formato, pdf=True)
    body = financeiro.financeiro(session, periodo)
    if kind == "csv":
        return export.csv_response("fechamento-financeiro", *export.financeiro_table(body))
    if kind == "pdf":
        return pdf.pdf_response("fechamento-financeiro", pdf.financeiro_pdf(body))
    return json_response(body)
