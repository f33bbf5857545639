"""CSV (pt-BR Excel: semicolons, decimal comma, UTF-8 with BOM), and the tables the CSV and PDF share."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from fastapi.responses import Response

from database.types import format_money, parse_money
from errors import BadRequest
from relatorios import sintetico

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


@dataclass(frozen=True)
class Money:
    """A money cell in cents: "1234,56" in a CSV, "R$ 1.234,56" in a PDF."""

    cents: int


@dataclass
class Sheet:
    """A report as one table: header, rows of cells (text, int or Money), and each row's kind
    ("item", "subtotal" for a subgroup's, "grupo" for a group's, "total") for the PDF's styling."""

    header: list[str]
    rows: list[list[str | int | Money]] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)

    def add(self, kind: str, cells: list[str | int | Money]) -> None:
        self.rows.append(cells)
        self.kinds.append(kind)


def _reais(value: float) -> Money:
    return Money(round(value * 100))


def csv_text(value: str | int | Money) -> str:
    if isinstance(value, Money):
        return format_money(value.cents).replace(".", ",")
    return str(value)


def csv_rows(sheet: Sheet) -> tuple[list[str], list[list[str]]]:
    return sheet.header, [[csv_text(value) for value in row] for row in sheet.rows]


def fechamento_table(report: dict) -> Sheet:
    """The closing report flattened. Analítico: item rows, then subtotal lines, then the totals.
    Sintético: one line per group with its order and item counts, then the totals."""
    if report["report_type"].startswith("sintetico_"):
        return _sintetico_table(report)
    sheet = Sheet(["Grupo", "Subgrupo", "Ficha", "Descrição", "Valor Frete", "Valor Serviço"])

    def values(data: dict) -> list[str | int | Money]:
        return [_reais(data["valor_frete"]), _reais(data["valor_servico"])]

    for group in report["groups"]:
        for row in group["rows"]:
            sheet.add("item", [group["label"], "", row["ficha"], row["descricao"], *values(row)])
        for sub in group.get("subgroups", []):
            for row in sub["rows"]:
                sheet.add("item", [group["label"], sub["label"], row["ficha"], row["descricao"], *values(row)])
            sheet.add("subtotal", [group["label"], sub["label"], "", "Subtotal", *values(sub["subtotal"])])
        if group.get("subgroups"):
            sheet.add("grupo", [group["label"], "", "", "Subtotal", *values(group["subtotal"])])
    total = report["total"]
    sheet.add("total", ["Total", "", "", "Total", *values(total)])
    if "desconto" in total:
        sheet.add("total", ["Total", "", "", "Desconto", "", _reais(total["desconto"])])
        sheet.add("total", ["Total", "", "", "Valor Líquido", "", _reais(total["valor_liquido"])])
    return sheet


def _sintetico_table(report: dict) -> Sheet:
    sheet = Sheet(["Grupo", "Pedidos", "Itens", "Valor Frete", "Valor Serviço"])
    for group in report["groups"]:
        pedidos, itens = sintetico.counts(group["rows"][0])
        subtotal = group["subtotal"]
        sheet.add(
            "item", [group["label"], pedidos, itens, _reais(subtotal["valor_frete"]), _reais(subtotal["valor_servico"])]
        )
    total = report["total"]
    # No order count on the total line: an order with items by two designers is in two groups.
    sheet.add("total", ["Total", "", "", _reais(total["valor_frete"]), _reais(total["valor_servico"])])
    if "desconto" in total:
        sheet.add("total", ["Desconto", "", "", "", _reais(total["desconto"])])
        sheet.add("total", ["Valor Líquido", "", "", "", _reais(total["valor_liquido"])])
    return sheet


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


def financeiro_table(body: dict) -> Sheet:
    """The financial closing as one sheet: section, name, orders, value."""
    sheet = Sheet(["Seção", "Nome", "Pedidos", "Valor Total"])
    for r in body["por_tipo_pagamento"]:
        sheet.add("item", ["Por tipo de pagamento", r["tipo_pagamento"], r["total_pedidos"], _money(r["valor_total"])])
    for r in body["por_etapa"]:
        sheet.add("item", ["Por etapa", r["label"], r["total_pedidos"], _money(r["valor_total"])])
    totais = body["totais"]
    labels = {"valor_servico": "Serviços", "valor_frete": "Frete", "desconto": "Desconto", "valor_total": "Total"}
    for key, label in labels.items():
        sheet.add("total", ["Totais", label, totais["total_pedidos"], _money(totais[key])])
    return sheet


def _money(text: str) -> Money:
    return Money(parse_money(text))
