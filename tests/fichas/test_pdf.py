"""Server-rendered fichas: pages, sizes, the text each field prints and where it lands."""

from __future__ import annotations

import pytest

from fichas.pdf import render
from fichas.pdf.context import qr_payload
from tests.fichas import pdfs
from tests.fichas.conftest import attach_image, image_bytes, make_machine, make_pedido

A4 = (595.28, 841.89)
RESUMO = (70 * pdfs.MM, 99 * pdfs.MM)


def field(key: str, label: str, x: float, y: float, w: float, h: float, **extra) -> dict:
    return {"id": key, "type": "text", "label": label, "key": key, "x": x, "y": y, "width": w, "height": h,
            "fontSize": 11, "bold": False, "visible": True, "editable": True, "imageUrl": None, **extra}  # fmt: skip


def template(fields: list[dict], width: float = 210, height: float = 297) -> dict:
    return {"title": "Teste", "width": width, "height": height, "marginTop": 10, "marginBottom": 10,
            "marginLeft": 10, "marginRight": 10, "fields": fields}  # fmt: skip


async def get_pdf(client, headers, pedido_id: int, template_type: str = "geral"):
    r = await client.get(f"/pedidos/{pedido_id}/fichas.pdf", params={"template": template_type}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"].startswith("inline; filename=")
    return pdfs.read(r.content), r


@pytest.mark.parametrize(("template_type", "size"), [("geral", A4), ("resumo", RESUMO)])
async def test_one_page_per_item_at_the_template_size(client, session, user_headers, template_type, size):
    pedido = make_pedido(session, items=3)
    reader, response = await get_pdf(client, user_headers, pedido.id, template_type)
    assert len(reader.pages) == 3
    assert pedido.numero in response.headers["content-disposition"]
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(size[0], abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(size[1], abs=0.5)


async def test_default_geral_prints_what_the_sewing_table_needs(client, session, user_headers):
    machine = make_machine(session)
    pedido = make_pedido(session, items=2, prioridade="ALTA", item_overrides={"machine_id": machine.id})
    attach_image(session, pedido, 0, image_bytes())
    reader, _ = await get_pdf(client, user_headers, pedido.id)
    text = pdfs.page_text(reader.pages[1])
    for expected in (pedido.numero, "José Conceição Ateliê", "1,50 × 2,00 m", "3,00 m²", "09/03/2026", "20/03/2026",
                     "Painel sublimado 2", "Oxford", "Overloque, Ilhós", "Epson F9470", "RIP Caldera",
                     "Perfil Têxtil", "Sem emenda", "PRIORIDADE ALTA", "Costurar com linha branca",
                     "Entregar na recepção", "Sublimação", "Costura", "Conferência", "Expedição"):  # fmt: skip
        assert expected in text, expected


async def test_each_visible_field_prints_and_hidden_ones_do_not(client, session, admin_headers, user_headers):
    fields = [
        field("numero", "Número do pedido", 10, 10, 100, 10),
        field("cliente", "Cliente", 10, 25, 190, 10),
        field("dimensoes", "Medidas", 10, 40, 90, 10),
        field("vendedor", "Vendedor", 10, 55, 90, 10),
        field("telefone_cliente", "Telefone secreto", 10, 70, 90, 10, visible=False),
        field("designer", "Designer oculto", 10, 85, 90, 10, visible=False),
    ]
    await client.put("/fichas/templates", json={"geral": template(fields)}, headers=admin_headers)
    pedido = make_pedido(session)
    reader, _ = await get_pdf(client, user_headers, pedido.id)
    text = pdfs.page_text(reader.pages[0])
    for expected in ("Número do pedido", pedido.numero, "Cliente", "José Conceição Ateliê", "Medidas",
                     "1,50 × 2,00 m", "Vendedor", "Márcia"):  # fmt: skip
        assert expected in text, expected
    for hidden in ("Telefone secreto", "27 99999-0000", "Designer oculto", "João"):
        assert hidden not in text, hidden


async def test_field_text_lands_inside_its_box_in_its_size_and_weight(client, session, admin_headers, user_headers):
    fields = [
        field("cliente", "Cliente", 30, 120, 60, 12),
        field("numero", "", 120, 200, 70, 20, fontSize=24, bold=True),
    ]
    await client.put("/fichas/templates", json={"geral": template(fields)}, headers=admin_headers)
    pedido = make_pedido(session)
    reader, _ = await get_pdf(client, user_headers, pedido.id)
    found = pdfs.fragments(reader.pages[0])
    for spec, needle in ((fields[0], "Cliente"), (fields[1], pedido.numero)):
        matches = [f for f in found if needle in f.text]
        assert matches, needle
        assert all(pdfs.inside(f, pdfs.box_points(297, spec)) for f in matches), (needle, matches)
    numero = next(f for f in found if f.text == pedido.numero)
    assert numero.size == pytest.approx(24) and "Bold" in numero.font
    cliente = next(f for f in found if f.text == "José Conceição Ateliê")
    assert "Bold" not in cliente.font


async def test_forty_line_observation_stays_inside_its_box(client, session, admin_headers, user_headers):
    box = field("observacao", "Observação", 20, 150, 120, 25, fontSize=12)
    await client.put("/fichas/templates", json={"geral": template([box])}, headers=admin_headers)
    observacao = "\n".join(f"Linha {n} da observação com bastante texto para quebrar" for n in range(1, 41))
    pedido = make_pedido(session, observacao=observacao)
    reader, _ = await get_pdf(client, user_headers, pedido.id)
    found = pdfs.fragments(reader.pages[0])
    assert any("Linha 1 da observação" in f.text for f in found)
    limits = pdfs.box_points(297, box)
    assert all(pdfs.inside(f, limits) for f in found), [f for f in found if not pdfs.inside(f, limits)][:3]


async def test_qr_code_carries_order_number_and_item(client, session, user_headers, monkeypatch):
    drawn: list[str] = []
    original = render.QrCodeWidget

    def spy(value, **kwargs):
        drawn.append(value)
        return original(value, **kwargs)

    monkeypatch.setattr(render, "QrCodeWidget", spy)
    pedido = make_pedido(session, items=2, numero="0000000777")
    await get_pdf(client, user_headers, pedido.id)
    assert drawn == ["0000000777-1", "0000000777-2"]
    assert qr_payload("0000000777", 1) == "0000000777-2" and qr_payload("0000000777", None) == "0000000777"


async def test_items_without_image_or_with_broken_art_still_render(client, session, user_headers):
    pedido = make_pedido(session, items=3)
    attach_image(session, pedido, 1, b"not really a jpeg")
    attach_image(session, pedido, 2, image_bytes(900, 600, "PNG"), ext="png")
    reader, _ = await get_pdf(client, user_headers, pedido.id)
    assert len(reader.pages) == 3
    assert all(pedido.numero in pdfs.page_text(p) for p in reader.pages)
    assert "PRIORIDADE ALTA" not in pdfs.page_text(reader.pages[0])
    assert pdfs.drawn_images(reader.pages[0]) == pdfs.drawn_images(reader.pages[1]) == []
    [(width, height, px_width, px_height)] = pdfs.drawn_images(reader.pages[2])
    # Scaled to fit the art box without distortion: the 3:2 art stays 3:2.
    assert width / height == pytest.approx(900 / 600, rel=0.01)
    assert px_width / px_height == pytest.approx(900 / 600, rel=0.01)
    art_box = next(f for f in (await client.get("/fichas/templates", headers=user_headers)).json()["geral"]["fields"]
                   if f["type"] == "image")  # fmt: skip
    assert width <= art_box["width"] * pdfs.MM + 0.01 and height <= art_box["height"] * pdfs.MM + 0.01


async def test_unknown_order_and_template_and_no_token(client, user_headers, session):
    assert (await client.get("/pedidos/999/fichas.pdf", headers=user_headers)).status_code == 404
    pedido = make_pedido(session)
    r = await client.get(f"/pedidos/{pedido.id}/fichas.pdf", params={"template": "outro"}, headers=user_headers)
    assert r.status_code == 422
    assert (await client.get(f"/pedidos/{pedido.id}/fichas.pdf")).status_code == 401


async def test_ficha_pdf_prints_its_linked_item_or_its_own_text(client, session, user_headers):
    pedido = make_pedido(session, items=2)
    r = await client.post("/fichas", json={"nome": "Ficha do painel", "pedido_id": pedido.id, "item_index": 1},
                          headers=user_headers)  # fmt: skip
    r = await client.get(f"/fichas/{r.json()['id']}/pdf", headers=user_headers)
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    reader = pdfs.read(r.content)
    assert len(reader.pages) == 1 and "Painel sublimado 2" in pdfs.page_text(reader.pages[0])
    r = await client.post("/fichas", json={"nome": "Avulsa", "descricao": "Toalha bordada à mão"},
                          headers=user_headers)  # fmt: skip
    r = await client.get(f"/fichas/{r.json()['id']}/pdf", params={"template": "resumo"}, headers=user_headers)
    reader = pdfs.read(r.content)
    assert float(reader.pages[0].mediabox.width) == pytest.approx(RESUMO[0], abs=0.5)
    assert "Toalha bordada à mão" in pdfs.page_text(reader.pages[0])
    assert (await client.get("/fichas/999/pdf", headers=user_headers)).status_code == 404
