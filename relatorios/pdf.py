"""PDF renderings (reportlab) of the closing reports, totals written out as text."""

from __future__ import annotations

import io
from typing import Any

from fastapi.responses import Response

from database.types import parse_money
from relatorios.export import fechamento_table


def pdf_document(
    title: str, subtitle_lines: list[str], header: list[str], rows: list[list[str]], totals: list[str]
) -> bytes:
    """A plain A4 table report: title, filters, rows, then the totals as text."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    story: list[Any] = [Paragraph(title, styles["Title"])]
    story.extend(Paragraph(text, styles["Normal"]) for text in subtitle_lines)
    story.append(Spacer(1, 8))
    if header:
        table = Table([header, *rows], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONTSIZE", (0, 0), (-1, -1), 8),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("ALIGN", (-2, 1), (-1, -1), "RIGHT"),
                ]
            )
        )
        story.append(table)
    story.append(Spacer(1, 10))
    story.extend(Paragraph(f"<b>{text}</b>", styles["Normal"]) for text in totals)
    SimpleDocTemplate(buffer, pagesize=landscape(A4), title=title).build(story)
    return buffer.getvalue()


def pdf_response(filename: str, content: bytes) -> Response:
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}.pdf"'},
    )


def brl(cents: int) -> str:
    """R$ 1.234,56 for PDF text."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}R$ {whole:,}".replace(",", ".") + f",{frac:02d}"


MAX_PDF_ROWS = 3000


def fechamento_pdf(report: dict) -> bytes:
    header, rows = fechamento_table(report)
    total = report["total"]
    totals = [
        f"Total serviços: {brl(round(total['valor_servico'] * 100))}",
        f"Total frete: {brl(round(total['valor_frete'] * 100))}",
    ]
    if "desconto" in total:
        totals.append(f"Desconto: {brl(round(total['desconto'] * 100))}")
        totals.append(f"Valor líquido: {brl(round(total['valor_liquido'] * 100))}")
    lines = [report["period_label"], report["status_label"], f"Gerado em {report['generated_at']}"]
    if len(rows) > MAX_PDF_ROWS:
        # Thousands of item rows make a PDF nobody prints and tie up a worker; keep the subtotals.
        rows = [row for row in rows if row[2] == ""]
        lines.append("Relatório extenso: linhas de itens omitidas no PDF (use formato=csv para o detalhe).")
    return pdf_document(report["title"], lines, header, rows, totals)


def financeiro_pdf(body: dict) -> bytes:
    header = ["Seção", "Nome", "Pedidos", "Valor Total"]
    rows = [
        ["Tipo de pagamento", r["tipo_pagamento"], str(r["total_pedidos"]), brl(parse_money(r["valor_total"]))]
        for r in body["por_tipo_pagamento"]
    ]
    rows += [
        ["Etapa", r["label"], str(r["total_pedidos"]), brl(parse_money(r["valor_total"]))] for r in body["por_etapa"]
    ]
    totais = body["totais"]
    filtros = body["filtros"]
    period = f"Período: {filtros['data_inicio'] or '—'} a {filtros['data_fim'] or '—'}"
    totals = [
        f"Pedidos: {totais['total_pedidos']}",
        f"Total serviços: {brl(parse_money(totais['valor_servico']))}",
        f"Total frete: {brl(parse_money(totais['valor_frete']))}",
        f"Desconto: {brl(parse_money(totais['desconto']))}",
        f"Valor total: {brl(parse_money(totais['valor_total']))}",
    ]
    return pdf_document("Fechamento Financeiro", [period], header, rows, totals)
