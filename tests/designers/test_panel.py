"""GET /designers/{nome}/itens: a designer's items of active orders, as the panel reads them."""

from __future__ import annotations

from urllib.parse import quote

from tests.designers.conftest import art_item, make_draft, panel, set_order
from tests.pedidos.conftest import data_url, png_bytes

MONEY_KEYS = ("valor_unitario", "valor_painel", "valor_total", "subtotal", "valor_ilhos")


async def test_panel_row_has_the_fields_the_app_reads_and_no_prices(client, user_headers, make_art_order):
    item = art_item(imagem=data_url(png_bytes()))
    order = await make_art_order(item, cliente="Gráfica Sol", prioridade="ALTA")
    [row] = await panel(client, user_headers)
    stored = order["items"][0]
    assert row["item_id"] == stored["id"] and row["order_id"] == order["id"]
    assert row["numero_pedido"] == order["numero"] and row["cliente"] == "Gráfica Sol"
    assert row["data_entrega"] == "2026-02-05" and row["status_pedido"] == "pendente" and row["prioridade"] == "ALTA"
    assert row["status_arte"] == "aguardando" and row["comentarios"] == []
    assert row["imagem"] == stored["imagem"] and row["imagem"].startswith("/pedidos/imagens/")
    assert row["acabamento"] == {"overloque": True, "elastico": False, "ilhos": True}
    for key in ("tipo_producao", "descricao", "largura", "altura", "metro_quadrado", "tecido", "vendedor"):
        assert row[key] == item[key]
    for key in ("emenda", "emenda_qtd", "observacao", "quantidade_paineis", "tipo_acabamento", "quantidade_ilhos"):
        assert row[key] == item[key]
    assert row["espaco_ilhos"] == "50" and row["composicao_tecidos"] == "100% poliéster"
    assert row["ziper"] is True and row["cordinha_extra"] is False and row["alcinha"] is None
    assert row["quantidade_lona"] is None and row["acabamento_totem_outro"] is None
    assert not any(key in row for key in MONEY_KEYS)


async def test_name_matches_ignoring_case_accents_and_spaces(client, user_headers, make_art_order, plan):
    await make_art_order(art_item("Cecília"), art_item("Bruno"), art_item(" cecilia  "))
    for nome in ("Cecília", "cecilia", "  CECÍLIA ", quote("Cecília")):
        rows = await panel(client, user_headers, nome)
        assert len(rows) == 2, nome
    assert [r["descricao"] for r in await panel(client, user_headers, "bruno")] == ["Painel de Fundo"]
    assert await panel(client, user_headers, "Ana") == []
    # A blank name does not mean "items without a designer".
    await make_art_order(art_item(""))
    assert await panel(client, user_headers, "%20") == []


async def test_cancelled_delivered_and_draft_orders_are_left_out(client, session, user_headers, make_art_order, plan):
    keep = await make_art_order()
    cancelled = await make_art_order()
    delivered = await make_art_order()
    set_order(session, cancelled["id"], status="cancelado")
    set_order(session, delivered["id"], status="entregue")
    make_draft(session)
    rows = await panel(client, user_headers)
    assert [r["order_id"] for r in rows] == [keep["id"]]


async def test_newest_entry_first_and_dates_filter_data_entrada(client, user_headers, make_art_order, plan):
    old = await make_art_order(data_entrada="2026-01-10", data_entrega="2026-01-20")
    new = await make_art_order(art_item(descricao="A"), art_item(descricao="B"), data_entrada="2026-03-01")
    mid = await make_art_order(data_entrada="2026-02-15")
    rows = await panel(client, user_headers)
    assert [r["order_id"] for r in rows] == [new["id"], new["id"], mid["id"], old["id"]]
    assert [r["descricao"] for r in rows[:2]] == ["A", "B"]
    rows = await panel(client, user_headers, start_date="2026-02-01", end_date="2026-02-28")
    assert [r["order_id"] for r in rows] == [mid["id"]]
    assert len(await panel(client, user_headers, start_date="2026-02-15")) == 3
    assert len(await panel(client, user_headers, end_date="2026-01-10")) == 1
    assert len(await panel(client, user_headers, start_date="", end_date="")) == 4  # the app's empty inputs


async def test_bad_dates_are_422_naming_them(client, user_headers):
    for name in ("start_date", "end_date"):
        response = await client.get("/designers/Ana/itens", params={name: "31/02/2026"}, headers=user_headers)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["query", name]


async def test_limit_and_offset_page_the_items(client, user_headers, make_art_order, plan):
    order = await make_art_order(*[art_item(descricao=str(n)) for n in range(5)])
    assert [r["descricao"] for r in await panel(client, user_headers, limit=2, offset=2)] == ["2", "3"]
    assert len(await panel(client, user_headers, limit=0)) == 1  # clamped to 1..200
    assert len(await panel(client, user_headers, limit=100000)) == 5
    assert await panel(client, user_headers, offset=5) == []
    assert all(r["order_id"] == order["id"] for r in await panel(client, user_headers))
    for params in ({"limit": "abc"}, {"offset": -1}, {"offset": "x"}, {"offset": 2**40}):
        response = await client.get("/designers/Cecília/itens", params=params, headers=user_headers)
        assert response.status_code == 422, params


async def test_hostile_names_are_4xx(client, user_headers):
    for path in ("/designers/" + "a" * 300 + "/itens", "/designers/a%00b/itens"):
        assert (await client.get(path, headers=user_headers)).status_code == 422


async def test_cadastros_crud_and_the_panel_live_side_by_side(client, admin_headers, make_art_order):
    created = await client.post("/designers/", json={"nome": "Cecília"}, headers=admin_headers)
    assert created.status_code in (200, 201), created.text
    designer_id = created.json()["id"]
    assert (await client.get(f"/designers/{designer_id}", headers=admin_headers)).json()["nome"] == "Cecília"
    patched = await client.patch(f"/designers/{designer_id}", json={"email": "c@x.br"}, headers=admin_headers)
    assert patched.status_code == 200 and patched.json()["email"] == "c@x.br"
    assert [d["nome"] for d in (await client.get("/designers/", headers=admin_headers)).json()] == ["Cecília"]
    await make_art_order()
    assert len(await panel(client, admin_headers, "Cecília")) == 1
    # Still the CRUD's route: a designer used by an order cannot be deleted.
    assert (await client.delete(f"/designers/{designer_id}", headers=admin_headers)).status_code == 409


async def test_every_route_needs_a_token(client, make_art_order):
    order = await make_art_order()
    item_id = order["items"][0]["id"]
    calls = [
        client.get("/designers/Cecília/itens"),
        client.patch(f"/designers/itens/{item_id}/status-arte", json={"status_arte": "liberado"}),
        client.post(f"/designers/itens/{item_id}/comentarios", json={"texto": "oi"}),
        client.get("/designers/Cecília/itens", headers={"Authorization": "Bearer forjado"}),
    ]
    for call in calls:
        assert (await call).status_code == 401
