"""PDF renderings (reportlab) of the closing reports: the shop's name and "página N de M" on
every page, money as R$ 1.234,56, subtotal and total rows set apart from the data rows."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from typing import Any

from fastapi.responses import Response

from config import settings
from database.types import parse_money
from relatorios.export import Money, Sheet, fechamento_table, financeiro_table

MAX_PDF_ROWS = 3000
MARGIN = 36
FONT, BOLD = "Helvetica", "Helvetica-Bold"
# Row kind → background (None: plain); the header row is the darkest.
SHADES = {"subtotal": "#eef1f5", "grupo": "#dde3ea", "total": "#c8d1dc"}
HEADER_SHADE = "#b4bfcc"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def brl(cents: int) -> str:
    """R$ 1.234,56 for PDF text."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}R$ {whole:,}".replace(",", ".") + f",{frac:02d}"


def dia(value: str | date | None) -> str:
    """dd/mm/aaaa of an ISO date."""
    if not value:
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return f"{day:%d/%m/%Y}"


def pdf_response(filename: str, content: bytes) -> Response:
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}.pdf"'},
    )


def _fit(text: str, width: float, size: float, font: str) -> str:
    """One line of a cell: control characters as spaces, cut with "…" to the column's width."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = _CONTROL.sub(" ", text).strip()
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[: max(1, int(len(text) * 0.9))] if len(text) > 40 else text[:-1]
    return text + "…"


def _text(value: Money | int) -> str:
    """R$ 1.234,56 for money, 1.234 for counts."""
    return brl(value.cents) if isinstance(value, Money) else f"{value:,}".replace(",", ".")


def _cells(sheet: Sheet, widths: list[float], size: float) -> list[list[str]]:
    rows = [sheet.header]
    for kind, row in zip(sheet.kinds, sheet.rows, strict=True):
        font = FONT if kind == "item" else BOLD
        rows.append(
            [
                _text(value) if isinstance(value, Money | int) else _fit(value, width - 6, size, font)
                for value, width in zip(row, widths, strict=True)
            ]
        )
    return rows


def _table(sheet: Sheet, widths: list[float], numeric_from: int):
    """The sheet as a reportlab table: header repeated on each page, numbers right-aligned."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    size = 8
    style: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), FONT, size),
        ("FONT", (0, 0), (-1, 0), BOLD, size),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(HEADER_SHADE)),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#c0c0c0")),
        ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for index, kind in enumerate(sheet.kinds, start=1):
        if kind in SHADES:
            style.append(("FONT", (0, index), (-1, index), BOLD, size))
            style.append(("BACKGROUND", (0, index), (-1, index), colors.HexColor(SHADES[kind])))
            style.append(("LINEABOVE", (0, index), (-1, index), 0.6, colors.HexColor("#7a8796")))
    table = Table(_cells(sheet, widths, size), colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _page_canvas(title: str, generated: str):
    """A canvas that draws each page's header and footer once the page count is known."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # reportlab calls it by this name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, len(self._pages))
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            width, height = self._pagesize
            self.setFont(BOLD, 10)
            self.drawString(MARGIN, height - MARGIN + 12, settings.NOME_EMPRESA)
            self.setFont(FONT, 8)
            self.drawRightString(width - MARGIN, height - MARGIN + 12, title)
            self.setLineWidth(0.5)
            self.line(MARGIN, height - MARGIN + 8, width - MARGIN, height - MARGIN + 8)
            self.line(MARGIN, MARGIN - 8, width - MARGIN, MARGIN - 8)
            self.drawString(MARGIN, MARGIN - 20, f"Gerado em {generated}")
            self.drawRightString(width - MARGIN, MARGIN - 20, f"página {number} de {total}")

    return NumberedCanvas


def pdf_document(
    title: str, lines: list[str], sheet: Sheet, widths: list[float], numeric_from: int, totals: list[str]
) -> bytes:
    """An A4 landscape report: title and filters, the table, then the totals; header/footer on each page."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    story: list[Any] = [Paragraph(_escape(title), styles["Title"])]
    story.extend(Paragraph(_escape(text), styles["Normal"]) for text in lines)
    story.append(Spacer(1, 8))
    story.append(_table(sheet, widths, numeric_from))
    story.append(Spacer(1, 10))
    story.append(KeepTogether([Paragraph(f"<b>{_escape(text)}</b>", styles["Normal"]) for text in totals]))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        title=title,
        author=settings.NOME_EMPRESA,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 10,
        bottomMargin=MARGIN + 10,
    )
    generated = datetime.now().strftime("%d/%m/%Y, %H:%M:%S")
    document.build(story, canvasmaker=_page_canvas(title, generated))
    return buffer.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Column widths (points) for A4 landscape less the margins: 770.
ANALITICO_WIDTHS = [165, 165, 70, 210, 80, 80]
SINTETICO_WIDTHS = [400, 70, 70, 110, 120]
FINANCEIRO_WIDTHS = [200, 330, 80, 160]


def fechamento_pdf(report: dict) -> bytes:
    sheet = fechamento_table(report)
    total = report["total"]
    totals = [
        f"Total serviços: {brl(round(total['valor_servico'] * 100))}",
        f"Total frete: {brl(round(total['valor_frete'] * 100))}",
    ]
    if "desconto" in total:
        totals.append(f"Desconto: {brl(round(total['desconto'] * 100))}")
        totals.append(f"Valor líquido: {brl(round(total['valor_liquido'] * 100))}")
    lines = [report["period_label"].replace(" - ", " a "), report["status_label"]]
    sintetico = report["report_type"].startswith("sintetico_")
    if len(sheet.rows) > MAX_PDF_ROWS:
        # Thousands of item rows make a PDF nobody prints and tie up a worker; keep the subtotals.
        kept = [(kind, row) for kind, row in zip(sheet.kinds, sheet.rows, strict=True) if kind != "item"]
        sheet = Sheet(sheet.header, [row for _kind, row in kept], [kind for kind, _row in kept])
        lines.append("Relatório extenso: linhas de itens omitidas no PDF (use formato=csv para o detalhe).")
    if sintetico:
        return pdf_document(report["title"], lines, sheet, SINTETICO_WIDTHS, 1, totals)
    return pdf_document(report["title"], lines, sheet, ANALITICO_WIDTHS, 4, totals)


def financeiro_pdf(body: dict) -> bytes:
    totais = body["totais"]
    filtros = body["filtros"]
    start, end = dia(filtros["data_inicio"]), dia(filtros["data_fim"])
    if start and end:
        period = f"Período: {start} a {end}"
    elif start or end:
        period = f"Período: a partir de {start}" if start else f"Período: até {end}"
    else:
        period = "Período: todos os pedidos"
    totals = [
        f"Pedidos: {totais['total_pedidos']}",
        f"Total serviços: {brl(parse_money(totais['valor_servico']))}",
        f"Total frete: {brl(parse_money(totais['valor_frete']))}",
        f"Desconto: {brl(parse_money(totais['desconto']))}",
        f"Valor total: {brl(parse_money(totais['valor_total']))}",
    ]
    sheet = financeiro_table(body)
    return pdf_document("Fechamento Financeiro", [period], sheet, FINANCEIRO_WIDTHS, 2, totals)
