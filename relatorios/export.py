"""CSV (pt-BR Excel: semicolons, decimal comma, UTF-8 with BOM) and PDF renderings of the reports."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi.responses import Response

from errors import BadRequest

FORMATOS = {"json", "csv", "pdf"}
MONEY_KEYS = {
    "valor_total",
    "valor_frete",
    "valor_itens",
    "valor_servico",
    "ticket_medio",
    "desconto",
    "valor_liquido",
}


def parse_formato(value: str | None, *, pdf: bool = False) -> str:
    formato = (value or "json").strip().lower()
    if formato not in FORMATOS or (formato == "pdf" and not pdf):
        allowed = "json, csv ou pdf" if pdf else "json ou csv"
        raise BadRequest(f"formato inválido. Use: {allowed}")
    return formato


def cell(value: Any, key: str | None = None) -> str:
    """One CSV cell in pt-BR: 10.5 → "10,50"; money strings ("500.00") likewise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sim" if value else "não"
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, str) and key in MONEY_KEYS:
        return value.replace(".", ",")
    return str(value)


def csv_response(filename: str, header: list[str], rows: list[list[Any]]) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return Response(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'},
    )


def fechamento_table(report: dict) -> tuple[list[str], list[list[str]]]:
    """The closing report flattened: item rows, then subtotal lines, then the total lines."""
    header = ["Grupo", "Subgrupo", "Ficha", "Descrição", "Valor Frete", "Valor Serviço"]
    rows: list[list[str]] = []

    def line(group: str, sub: str, data: dict) -> list[str]:
        return [group, sub, data["ficha"], data["descricao"], cell(data["valor_frete"]), cell(data["valor_servico"])]

    def subtotal(group: str, sub: str, data: dict) -> list[str]:
        return [group, sub, "", "Subtotal", cell(data["valor_frete"]), cell(data["valor_servico"])]

    for group in report["groups"]:
        for row in group["rows"]:
            rows.append(line(group["label"], "", row))
        for sub in group.get("subgroups", []):
            rows.extend(line(group["label"], sub["label"], row) for row in sub["rows"])
            rows.append(subtotal(group["label"], sub["label"], sub["subtotal"]))
        if group.get("subgroups"):
            rows.append(subtotal(group["label"], "", group["subtotal"]))
    total = report["total"]
    rows.append(["Total", "", "", "Total", cell(total["valor_frete"]), cell(total["valor_servico"])])
    if "desconto" in total:
        rows.append(["Total", "", "", "Desconto", "", cell(total["desconto"])])
        rows.append(["Total", "", "", "Valor Líquido", "", cell(total["valor_liquido"])])
    return header, rows


def summary_table(body: dict | list) -> tuple[list[str], list[list[str]]]:
    """A summary's list (the first list in the object, or the body itself) as CSV rows; scalars as a
    single row when there is no list."""
    records = body if isinstance(body, list) else next((v for v in body.values() if isinstance(v, list)), None)
    if records is None:
        header = [key for key, value in body.items() if not isinstance(value, dict)]
        return header, [[cell(body[key], key) for key in header]]
    if not records:
        return [], []
    header = list(records[0])
    return header, [[cell(record.get(key), key) for key in header] for record in records]


def financeiro_table(body: dict) -> tuple[list[str], list[list[str]]]:
    """The financial closing as one sheet: section, name, orders, value."""
    header = ["Seção", "Nome", "Pedidos", "Valor Total"]
    rows = [
        ["Por tipo de pagamento", r["tipo_pagamento"], str(r["total_pedidos"]), cell(r["valor_total"], "valor_total")]
        for r in body["por_tipo_pagamento"]
    ]
    rows += [
        ["Por etapa", r["label"], str(r["total_pedidos"]), cell(r["valor_total"], "valor_total")]
        for r in body["por_etapa"]
    ]
    totais = body["totais"]
    labels = {"valor_servico": "Serviços", "valor_frete": "Frete", "desconto": "Desconto", "valor_total": "Total"}
    rows += [["Totais", label, str(totais["total_pedidos"]), cell(totais[key], key)] for key, label in labels.items()]
    return header, rows
