"""GET /relatorios-fechamentos/pedidos/relatorio: the closing report the desktop app shows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from database.types import search_key
from errors import BadRequest
from pedidos.models import PedidoItem
from relatorios.filters import Periodo, matching_names, parse_date_mode, parse_day, parse_status
from relatorios.queries import discount, items_in_range, name_or_null

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

# dimension → (label prefix, subquery columns, fallback)
DIMENSIONS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "designer": ("Designer", ("designer",), "Sem designer"),
    "vendedor": ("Vendedor", ("vendedor",), "Sem vendedor"),
    "cliente": ("Cliente", ("cliente",), "Cliente não informado"),
    "tipo": ("Tipo de Produção", ("tipo_producao",), "Sem tipo"),
    "entrega": ("Forma de Entrega", ("forma_envio",), "Sem forma de envio"),
    "vendedor_designer": ("Vendedor/Designer", ("vendedor", "designer"), ""),
    "data": ("Data", ("data_ref",), "Sem data"),
    "data_entrada": ("Data Entrada", ("data_entrada",), "Sem data"),
    "data_entrega": ("Data Entrega", ("data_entrega",), "Sem data"),
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
) -> ReportRequest:
    """Validate the app's query parameters (400 for bad values, 422 naming a missing date)."""
    if not report_type or report_type.strip() not in REPORTS:
        raise BadRequest("report_type inválido. Use um de: " + ", ".join(REPORTS))
    start = parse_day(start_date, "start_date", required=True)
    end = parse_day(end_date, "end_date", required=True)
    if start > end:
        raise BadRequest("start_date deve ser anterior ou igual a end_date")
    label, statuses = parse_status(status)
    distribution = (frete_distribution or "por_pedido").strip().lower()
    if distribution not in FRETE_DISTRIBUTIONS:
        raise BadRequest("frete_distribution inválido. Use: por_pedido ou proporcional")
    periodo = Periodo(
        start=start, end=end, date_mode=parse_date_mode(date_mode, default=None), statuses=statuses, cliente=cliente
    )
    return ReportRequest(report_type.strip(), periodo, label, distribution, vendedor, designer)


def money(cents: int) -> float:
    """Cents → the original's JSON number (10.0, 95.5); exact to the cent."""
    return cents / 100


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", search_key(text)).strip("-")


def _label(dimension: str, values: tuple[Any, ...]) -> tuple[str, tuple]:
    """(label, sort key) of one group value."""
    prefix, _columns, fallback = DIMENSIONS[dimension]
    if dimension.startswith("data"):
        day = values[0]
        if isinstance(day, str):  # SQLite hands back CASE/COALESCE dates as text
            day = date.fromisoformat(day)
        text = day.strftime("%d/%m/%Y") if day else fallback
        return f"{prefix}: {text}", (day is None, day or date.min)
    if dimension == "vendedor_designer":
        vendedor = (values[0] or "").strip() or "Sem vendedor"
        designer = (values[1] or "").strip() or "Sem designer"
        text = f"{vendedor} / {designer}"
    else:
        text = (values[0] or "").strip() or fallback
    return f"{prefix}: {text}", (False, search_key(text))


def build_report(session: Session, request: ReportRequest) -> dict[str, Any]:
    """The whole report: groups from SQL aggregates (sintético) or item rows (analítico), and totals."""
    title, group_dim, subgroup_dim = REPORTS[request.report_type]
    itens = items_in_range(
        request.periodo,
        vendedores=matching_names(session, PedidoItem.vendedor, request.vendedor),
        designers=matching_names(session, PedidoItem.designer, request.designer),
    )
    proporcional = request.frete_distribution == "proporcional"
    if subgroup_dim is None:
        groups = _sintetico_groups(session, itens, group_dim, proporcional)
    else:
        groups = _analitico_groups(session, itens, group_dim, subgroup_dim, proporcional)
    periodo = request.periodo
    return {
        "title": title,
        "period_label": f"Período: {periodo.start:%d/%m/%Y} - {periodo.end:%d/%m/%Y}",
        "status_label": f"Status: {request.status_label}",
        "page": 1,
        "generated_at": datetime.now().strftime("%d/%m/%Y, %H:%M:%S"),
        "report_type": request.report_type,
        "groups": groups,
        "total": _total(session, itens, proporcional),
    }


def _frete_once(itens, partition: list) -> Any:
    """1 on one row per order and group: where por_pedido subtotals count the order's freight."""
    return func.row_number().over(partition_by=[itens.c.pedido_id, *partition], order_by=itens.c.item_index)


def _sintetico_groups(session: Session, itens, dimension: str, proporcional: bool) -> list[dict]:
    columns = [itens.c[name] for name in DIMENSIONS[dimension][1]]
    keys = [col if dimension.startswith("data") else name_or_null(col) for col in columns]
    ranked = select(
        *[key.label(f"k{i}") for i, key in enumerate(keys)],
        itens.c.pedido_id,
        itens.c.valor,
        itens.c.frete,
        itens.c.frete_parte,
        _frete_once(itens, keys).label("primeiro"),
    ).subquery("agrupados")
    r = ranked.c
    frete = func.sum(r.frete_parte) if proporcional else func.sum(r.frete).filter(r.primeiro == 1)
    group_keys = [r[f"k{i}"] for i in range(len(keys))]
    statement = select(
        *group_keys,
        func.count(func.distinct(r.pedido_id)),
        func.count(),
        func.coalesce(func.sum(r.valor), 0),
        func.coalesce(frete, 0),
    ).group_by(*group_keys)
    groups = []
    for row in session.execute(statement):
        values, pedidos, n_itens, servico, frete_cents = tuple(row[: len(keys)]), *row[len(keys) :]
        label, sort_key = _label(dimension, values)
        subtotal = {"valor_frete": money(int(frete_cents)), "valor_servico": money(int(servico))}
        line = {"ficha": f"Pedidos: {pedidos} · Itens: {n_itens}", "descricao": "Subtotal", **subtotal}
        groups.append((sort_key, {"key": slugify(label), "label": label, "rows": [line], "subtotal": subtotal}))
    groups.sort(key=lambda pair: pair[0])
    return [group for _key, group in groups]


def _analitico_groups(session: Session, itens, group_dim: str, subgroup_dim: str, proporcional: bool) -> list[dict]:
    c = itens.c
    group_cols = [c[name] for name in DIMENSIONS[group_dim][1]]
    sub_cols = [c[name] for name in DIMENSIONS[subgroup_dim][1]]
    statement = select(
        c.pedido_id, c.numero, c.descricao, c.tipo_producao, c.valor, c.frete, c.frete_parte, *group_cols, *sub_cols
    ).order_by(c.pedido_id, c.item_index)
    n_group = len(group_cols)
    labels: dict[tuple, tuple[str, tuple]] = {}
    groups: dict[str, dict] = {}
    for row in session.execute(statement):
        pedido_id, numero, descricao, tipo, valor, frete, parte = row[:7]
        group_values, sub_values = tuple(row[7 : 7 + n_group]), tuple(row[7 + n_group :])
        g_label, g_sort = labels.get((group_dim, group_values)) or labels.setdefault(
            (group_dim, group_values), _label(group_dim, group_values)
        )
        s_label, s_sort = labels.get((subgroup_dim, sub_values)) or labels.setdefault(
            (subgroup_dim, sub_values), _label(subgroup_dim, sub_values)
        )
        group = groups.get(g_label)
        if group is None:
            group = groups[g_label] = {
                "label": g_label,
                "sort": g_sort,
                "subs": {},
                "servico": 0,
                "frete": 0,
                "ids": set(),
            }
        sub = group["subs"].get(s_label)
        if sub is None:
            sub = group["subs"][s_label] = {
                "label": s_label,
                "sort": s_sort,
                "rows": [],
                "servico": 0,
                "frete": 0,
                "ids": set(),
            }
        row_frete = parte if proporcional else frete
        sub["rows"].append(
            {
                "ficha": numero or str(pedido_id),
                "descricao": descricao or tipo or "Item",
                "valor_frete": money(row_frete),
                "valor_servico": money(valor),
            }
        )
        for bucket in (group, sub):
            bucket["servico"] += valor
            if proporcional:
                bucket["frete"] += parte
            elif pedido_id not in bucket["ids"]:
                bucket["ids"].add(pedido_id)
                bucket["frete"] += frete
    return [_shape_group(group) for group in sorted(groups.values(), key=lambda g: g["sort"])]


def _subtotal(bucket: dict) -> dict:
    return {"valor_frete": money(bucket["frete"]), "valor_servico": money(bucket["servico"])}


def _shape_group(group: dict) -> dict:
    subgroups = [
        {"key": slugify(sub["label"]), "label": sub["label"], "rows": sub["rows"], "subtotal": _subtotal(sub)}
        for sub in sorted(group["subs"].values(), key=lambda s: s["sort"])
    ]
    return {
        "key": slugify(group["label"]),
        "label": group["label"],
        "rows": [],
        "subgroups": subgroups,
        "subtotal": _subtotal(group),
    }


def _total(session: Session, itens, proporcional: bool) -> dict:
    """Grand totals: each order's freight and discount once; discount lines only when there is one."""
    c = itens.c
    first = func.row_number().over(partition_by=c.pedido_id, order_by=c.item_index)
    ranked = select(c.valor, c.frete, c.frete_parte, c.itens_pedido, c.valor_total, first.label("primeiro")).subquery()
    r = ranked.c
    once = r.primeiro == 1
    frete = func.sum(r.frete_parte) if proporcional else func.sum(r.frete).filter(once)
    statement = select(
        func.coalesce(func.sum(r.valor), 0),
        func.coalesce(frete, 0),
        func.coalesce(func.sum(discount(r.itens_pedido, r.frete, r.valor_total)).filter(once), 0),
    )
    servico, frete_cents, desconto = (int(value) for value in session.execute(statement).one())
    total = {"valor_frete": money(frete_cents), "valor_servico": money(servico)}
    if desconto > 0:
        total["desconto"] = money(desconto)
        total["valor_liquido"] = money(servico + frete_cents - desconto)
    return total
