"""The closing PDFs as staff print them: shop name and "página N de M" on every page, money as
R$ 1.234,56 in the table and the totals, subtotals in bold, sintético columns matching their headers."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from config import settings
from tests.relatorios.conftest import D, make_pedido

URL = "/relatorios-fechamentos/pedidos/relatorio"
JANUARY = {"start_date": "2026-01-01", "end_date": "2026-01-31"}
SHOP = "Gráfica Águia Ltda"


@pytest.fixture
def shop(monkeypatch):
    monkeypatch.setattr(settings, "NOME_EMPRESA", SHOP)


@pytest.fixture
def many_orders(session):
    """60 orders of two items: an analítico of several pages; one item worth R$ 1.585,31."""
    for n in range(60):
        make_pedido(
            session,
            cliente=f"Cliente {n:02d}",
            data_entrada=D("2026-01-10"),
            data_entrega=D("2026-01-12"),
            status="entregue",
            forma_envio="PAC",
            valor_frete=1000,
            valor_total=1000 + 158531 + 2000,
            tipo_pagamento="1",
            items=[
                dict(
                    tipo_producao="painel",
                    descricao=f"Painel {n}",
                    designer="Ana",
                    vendedor="Gil",
                    valor_calculado=158531,
                ),
                dict(
                    tipo_producao="lona", descricao=f"Lona {n}", designer="Bruno", vendedor="Gil", valor_calculado=2000
                ),
            ],
        )
    session.commit()


async def _pdf(client, headers, path, params) -> PdfReader:
    response = await client.get(path, params={**params, "formato": "pdf"}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


async def test_every_page_has_the_shop_name_and_its_number(client, user_headers, many_orders, shop):
    reader = await _pdf(client, user_headers, URL, {"report_type": "analitico_designer_cliente", **JANUARY})
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert SHOP in text
        assert f"página {number} de {len(pages)}" in text


async def test_money_is_brl_with_thousands_in_the_table_and_the_totals(client, user_headers, many_orders):
    reader = await _pdf(client, user_headers, URL, {"report_type": "analitico_designer_cliente", **JANUARY})
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Painel 0" in text and "R$ 1.585,31" in text  # an item row
    assert "Total serviços: R$ 96.318,60" in text and "Total frete: R$ 600,00" in text
    # Every amount has the R$ and the thousands dot: no bare "1585,31" anywhere.
    amounts = re.findall(r"(\S*)\s?(\d[\d.]*,\d\d)\b", text)
    assert amounts and all(prefix.endswith("R$") for prefix, _ in amounts), amounts[:5]
    assert "1585,31" not in text and "96318,60" not in text
    assert "Período: 01/01/2026 a 31/01/2026" in text


async def test_subtotal_rows_are_bold_and_item_rows_are_not(client, user_headers, many_orders):
    reader = await _pdf(client, user_headers, URL, {"report_type": "analitico_designer_cliente", **JANUARY})
    fonts: dict[str, set[str]] = {}

    def visit(text, _cm, _tm, font, _size):
        if font and text.strip():
            fonts.setdefault(text.strip(), set()).add(str(font.get("/BaseFont")))

    reader.pages[0].extract_text(visitor_text=visit)
    assert fonts["Subtotal"] == {"/Helvetica-Bold"}
    assert fonts["Painel 0"] == {"/Helvetica"}


async def test_sintetico_columns_match_their_headers(client, user_headers, dataset):
    body = (await client.get(URL, params={"report_type": "sintetico_designer", **JANUARY}, headers=user_headers)).json()
    reader = await _pdf(client, user_headers, URL, {"report_type": "sintetico_designer", **JANUARY})
    rows = _layout_rows(reader)
    header = ["Grupo", "Pedidos", "Itens", "Valor Frete", "Valor Serviço"]
    assert header in rows
    assert not any("Pedidos:" in cell or "Ficha" in cell for row in rows for cell in row)
    for group in body["groups"]:
        pedidos, itens = re.fullmatch(r"Pedidos: (\d+) · Itens: (\d+)", group["rows"][0]["ficha"]).groups()
        frete = f"{group['subtotal']['valor_frete']:.2f}".replace(".", ",")
        servico = f"{group['subtotal']['valor_servico']:.2f}".replace(".", ",")
        assert [group["label"], pedidos, itens, f"R$ {frete}", f"R$ {servico}"] in rows


async def test_financial_closing_pdf_period_is_day_month_year(client, user_headers, dataset, shop):
    reader = await _pdf(
        client,
        user_headers,
        "/relatorios-fechamentos/financeiro",
        {"data_inicio": "2026-01-01", "data_fim": "2026-01-31"},
    )
    text = reader.pages[0].extract_text()
    assert "Período: 01/01/2026 a 31/01/2026" in text
    assert SHOP in text and "página 1 de 1" in text
    rows = _layout_rows(reader)
    assert ["Seção", "Nome", "Pedidos", "Valor Total"] in rows
    assert ["Totais", "Total", "3", "R$ 185,00"] in rows, rows


def _layout_rows(reader: PdfReader) -> list[list[str]]:
    """Each printed line's cells: text runs separated by wide gaps, as the page lays them out."""
    return [
        re.split(r"\s{2,}", line.strip())
        for page in reader.pages
        for line in page.extract_text(extraction_mode="layout").splitlines()
        if line.strip()
    ]
