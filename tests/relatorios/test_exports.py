"""CSV for Excel pt-BR and the PDF closing: the same figures as the JSON."""

from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader

JANUARY = {"data_inicio": "2026-01-01", "data_fim": "2026-01-31"}


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


async def test_por_cliente_csv_parses_back_to_the_same_figures_with_accents(client, user_headers, dataset):
    response = await client.get(
        "/relatorios-fechamentos/pedidos/por-cliente", params={**JANUARY, "formato": "csv"}, headers=user_headers
    )
    rows = read_csv(response)
    assert rows[0] == ["cliente", "total_pedidos", "valor_total"]
    assert rows[1:] == [
        ["José Álvares", "1", "100,00"],
        ["Maria", "1", "45,00"],
        ["Cliente não informado", "1", "40,00"],
    ]


async def test_closing_report_csv_has_rows_subtotals_and_totals(client, user_headers, dataset):
    params = {"report_type": "analitico_designer_cliente", "start_date": "2026-01-01", "end_date": "2026-01-31"}
    response = await client.get(
        "/relatorios-fechamentos/pedidos/relatorio", params={**params, "formato": "csv"}, headers=user_headers
    )
    rows = read_csv(response)
    assert rows[0] == ["Grupo", "Subgrupo", "Ficha", "Descrição", "Valor Frete", "Valor Serviço"]
    assert ["Designer: Ana", "Cliente: José Álvares", "0000000001", "Painel 1", "10,00", "60,00"] in rows
    assert ["Designer: Ana", "", "", "Subtotal", "25,00", "140,00"] in rows
    assert rows[-3] == ["Total", "", "", "Total", "25,00", "190,00"]
    assert rows[-2] == ["Total", "", "", "Desconto", "", "10,00"]
    assert rows[-1] == ["Total", "", "", "Valor Líquido", "", "205,00"]


@pytest.mark.parametrize(
    "path",
    [
        "/relatorios-fechamentos/pedidos/quantidade",
        "/relatorios-fechamentos/pedidos/valor-total",
        "/relatorios-fechamentos/pedidos/por-status",
        "/relatorios-fechamentos/pedidos/por-vendedor",
        "/relatorios-fechamentos/pedidos/por-designer",
        "/relatorios-fechamentos/pedidos/por-tipo-producao",
        "/relatorios-fechamentos/pedidos/tendencia",
        "/relatorios-fechamentos/financeiro",
        "/relatorios-envios/",
        "/relatorios-envios/pedidos",
    ],
)
async def test_every_report_answers_csv(client, user_headers, dataset, path):
    rows = read_csv(await client.get(path, params={**JANUARY, "formato": "csv"}, headers=user_headers))
    assert len(rows) >= 2


async def test_valor_total_csv_uses_decimal_comma(client, user_headers, dataset):
    response = await client.get(
        "/relatorios-fechamentos/pedidos/valor-total", params={**JANUARY, "formato": "csv"}, headers=user_headers
    )
    header, values = read_csv(response)
    record = dict(zip(header, values, strict=True))
    assert record["valor_total"] == "185,00" and record["ticket_medio"] == "61,67"


async def test_financial_closing_pdf_has_the_totals_in_its_text(client, user_headers, dataset):
    response = await client.get(
        "/relatorios-fechamentos/financeiro", params={**JANUARY, "formato": "pdf"}, headers=user_headers
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Fechamento Financeiro" in text
    assert "R$ 185,00" in text and "R$ 170,00" in text and "R$ 25,00" in text and "R$ 10,00" in text


async def test_closing_report_pdf_has_the_totals_in_its_text(client, user_headers, dataset):
    params = {"report_type": "sintetico_cliente", "start_date": "2026-01-01", "end_date": "2026-01-31"}
    response = await client.get(
        "/relatorios-fechamentos/pedidos/relatorio", params={**params, "formato": "pdf"}, headers=user_headers
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Totais por Cliente" in text
    assert "Total serviços: R$ 190,00" in text and "Valor líquido: R$ 205,00" in text


async def test_pdf_is_refused_where_there_is_none(client, user_headers):
    response = await client.get(
        "/relatorios-fechamentos/pedidos/quantidade", params={"formato": "pdf"}, headers=user_headers
    )
    assert response.status_code == 400


async def test_a_huge_analitico_pdf_keeps_subtotals_and_totals_but_drops_item_rows(
    client, user_headers, dataset, monkeypatch
):
    from relatorios import pdf

    monkeypatch.setattr(pdf, "MAX_PDF_ROWS", 2)
    params = {"report_type": "analitico_designer_cliente", "start_date": "2026-01-01", "end_date": "2026-01-31"}
    response = await client.get(
        "/relatorios-fechamentos/pedidos/relatorio", params={**params, "formato": "pdf"}, headers=user_headers
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "linhas de itens omitidas" in text
    assert "Painel 1" not in text and "Subtotal" in text
    assert "Total serviços: R$ 190,00" in text
