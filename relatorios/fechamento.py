"""GET /relatorios-fechamentos/pedidos/relatorio: the closing report the desktop app shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from errors import BadRequest
from pedidos.orders.models import PedidoItem
from relatorios import sintetico
from relatorios.analitico import analitico
from relatorios.filters import Periodo, matching_names, parse_date_mode, parse_day, parse_status
from relatorios.labels import money

# report_type → (title, group dimension, subgroup dimension or None for sintético)
REPORTS: dict[str, tuple[str, str, str | None]] = {
    "analitico_designer_cliente": ("Relatório Analítico — Designer × Cliente", "designer", "cliente"),
    "analitico_cliente_designer": ("Relatório Analítico — Cliente × Designer", "cliente", "designer"),
    "analitico_cliente_painel": ("Relatório Analítico — Cliente × Tipo de Produção", "cliente", "tipo"),
    "analitico_designer_painel": ("Relatório Analítico — Designer × Tipo de Produção", "designer", "tipo"),
    "analitico_entrega_painel": ("Relatório Analítico — Forma de Entrega × Tipo de Produção", "entrega", "tipo"),
    "analitico_vendedor_designer": ("Relatório Analítico — Vendedor × Designer", "vendedor", "designer"),
    "analitico_designer_vendedor": ("Relatório Analítico — Designer × Vendedor", "designer", "vendedor"),
    "sintetico_data": ("Relatório Sintético — Totais por Data (referência automática)", "data", None),
    "sintetico_data_entrada": ("Relatório Sintético — Totais por Data de Entrada", "data_entrada", None),
    "sintetico_data_entrega": ("Relatório Sintético — Totais por Data de Entrega", "data_entrega", None),
    "sintetico_designer": ("Relatório Sintético — Totais por Designer", "designer", None),
    "sintetico_vendedor": ("Relatório Sintético — Totais por Vendedor", "vendedor", None),
    "sintetico_vendedor_designer": ("Relatório Sintético — Totais por Vendedor/Designer", "vendedor_designer", None),
    "sintetico_cliente": ("Relatório Sintético — Totais por Cliente", "cliente", None),
    "sintetico_entrega": ("Relatório Sintético — Totais por Forma de Entrega", "entrega", None),
}

FRETE_DISTRIBUTIONS = {"por_pedido", "proporcional"}


@dataclass(frozen=True)
class ReportRequest:
    report_type: str
    periodo: Periodo
    status_label: str
    frete_distribution: str = "por_pedido"
    vendedor: str | None = None
    designer: str | None = None


def parse_request(
    *,
    report_type: str | None,
    start_date: str | None,
    end_date: str | None,
    date_mode: str | None,
    status: str | None,
    cliente: str | None,
    vendedor: str | None,
    designer: str | None,
    frete_distribution: str | None,
    start_name: str = "start_date",
    end_name: str = "end_date",
) -> ReportRequest:
    """Validate the app's query parameters (400 for bad values, 422 naming a missing date)."""
    if not report_type or report_type.strip() not in REPORTS:
        raise BadRequest("report_type inválido. Use um de: " + ", ".join(REPORTS))
    start = parse_day(start_date, start_name, required=True)
    end = parse_day(end_date, end_name, required=True)
    if start > end:
        raise BadRequest(f"{start_name} deve ser anterior ou igual a {end_name}")
    label, statuses = parse_status(status)
    distribution = (frete_distribution or "por_pedido").strip().lower()
    if distribution not in FRETE_DISTRIBUTIONS:
        raise BadRequest("frete_distribution inválido. Use: por_pedido ou proporcional")
    periodo = Periodo(
        start=start, end=end, date_mode=parse_date_mode(date_mode, default=None), statuses=statuses, cliente=cliente
    )
    return ReportRequest(report_type.strip(), periodo, label, distribution, vendedor, designer)


def build_report(session: Session, request: ReportRequest, *, as_json: bool = False) -> dict[str, Any]:
    """The whole report: groups (item rows for analítico, SQL aggregates for sintético) and totals.

    as_json: for orjson.dumps only (item rows may be orjson.Fragment); CSV and PDF read dicts.
    """
    title, group_dim, subgroup_dim = REPORTS[request.report_type]
    vendedores = matching_names(session, PedidoItem.vendedor, request.vendedor)
    designers = matching_names(session, PedidoItem.designer, request.designer)
    proporcional = request.frete_distribution == "proporcional"
    periodo = request.periodo
    if subgroup_dim is not None:
        groups, totals = analitico(
            session,
            periodo,
            group_dim=group_dim,
            subgroup_dim=subgroup_dim,
            proporcional=proporcional,
            vendedores=vendedores,
            designers=designers,
            as_json=as_json,
        )
    else:
        build = sintetico.proporcional if proporcional else sintetico.por_pedido
        groups, totals = build(session, periodo, group_dim, vendedores, designers)
    return {
        "title": title,
        "period_label": f"Período: {periodo.start:%d/%m/%Y} - {periodo.end:%d/%m/%Y}",
        "status_label": f"Status: {request.status_label}",
        "page": 1,
        "generated_at": datetime.now().strftime("%d/%m/%Y, %H:%M:%S"),
        "report_type": request.report_type,
        "groups": groups,
        "total": _total(**totals),
    }


def _total(*, servico: int, frete: int, desconto: int) -> dict[str, float]:
    """Grand totals; the discount lines appear only when there is a discount."""
    total = {"valor_frete": money(frete), "valor_servico": money(servico)}
    if desconto > 0:
        total["desconto"] = money(desconto)
        total["valor_liquido"] = money(servico + frete - desconto)
    return total
