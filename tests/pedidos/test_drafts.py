"""Drafts: saved and edited with the app's own payloads, private to their author, promoted into orders."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from pedidos.orders.models import Pedido, PedidoImagem
from tests.conftest import bearer, make_user
from tests.pedidos.conftest import data_url, jpeg_bytes, pedido_body, png_bytes
from tests.pedidos.drafts_support import app_draft, events_of, history_of, save_draft, tab_item, today
from tests.pedidos.test_images import media_files


async def test_the_apps_empty_form_saves_as_a_draft_without_numero(client, user_headers, seller, session):
    draft = await save_draft(client, user_headers)
    assert draft["rascunho"] is True and draft["numero"] is None and draft["items"] == []
    assert draft["cliente"] == "" and draft["status"] == "pendente" and draft["data_entrada"] == today()
    assert draft["data_entrega"] is None and draft["valor_frete"] == "0.00"
    opened = await client.get(f"/pedidos/{draft['id']}", headers=user_headers)
    assert opened.status_code == 200 and opened.json() == draft
    session.commit()
    assert session.get(Pedido, draft["id"]).criado_por == seller.id


async def test_missing_or_empty_fields_take_defaults_and_money_comes_as_number_or_text(client, user_headers):
    bare = await client.post("/pedidos/rascunho", json={}, headers=user_headers)
    assert bare.status_code == 200 and bare.json()["data_entrada"] == today() and bare.json()["prioridade"] == "NORMAL"
    empty = await save_draft(client, user_headers, data_entrada="", prioridade="", cliente=None, items=None)
    assert empty["data_entrada"] == today() and empty["cliente"] == "" and empty["items"] == []
    assert (await save_draft(client, user_headers, valor_frete="12,50"))["valor_frete"] == "12.50"
    assert (await save_draft(client, user_headers, valor_frete=7.5))["valor_frete"] == "7.50"


async def test_the_forms_tabs_are_kept_as_sent(client, user_headers):
    draft = await save_draft(client, user_headers, cliente="Gráfica Ágil", items=[tab_item(), tab_item(descricao="")])
    first = draft["items"][0]
    assert len(draft["items"]) == 2 and first["descricao"] == "Painel 3x2" and first["item_name"] == "Painel 3x2"
    assert first["legenda_imagem"] == "" and first["imagem"] is None


async def test_a_draft_holds_no_production_state(client, user_headers):
    draft = await save_draft(client, user_headers, status="pronto", financeiro=True, numero="999", pronto=True)
    assert draft["status"] == "pendente" and draft["financeiro"] is False and draft["numero"] is None


async def test_bad_input_is_refused_with_422_never_500(client, user_headers):
    bad = [
        {"valor_frete": "abc"},
        {"valor_frete": True},
        {"data_entrada": "31/31/2026"},
        {"data_entrega": "amanhã"},
        {"prioridade": "URGENTE"},
        {"cliente": 123},
        {"cliente": "x" * 300},
        {"items": "nenhum"},
        {"items": [{"valor_unitario": "caro"}]},
        {"items": [{"machine_id": "epson"}]},
        {"cliente": "a\u0000b"},
    ]
    for fields in bad:
        response = await client.post("/pedidos/rascunho", json=app_draft(**fields), headers=user_headers)
        assert response.status_code == 422, (fields, response.text)
    path = f"/pedidos/{(await save_draft(client, user_headers))['id']}"
    for fields in bad:
        response = await client.patch(path, json={"rascunho": True, **fields}, headers=user_headers)
        assert response.status_code == 422, (fields, response.text)
    assert (await client.post("/pedidos/rascunho", content=b"[1,", headers=user_headers)).status_code == 422
    assert (await client.post("/pedidos/rascunho", json=[], headers=user_headers)).status_code == 422


async def test_autosave_patches_only_what_changed_and_stays_a_draft(client, user_headers, session):
    draft = await save_draft(client, user_headers)
    # api.atualizarRascunho: rascunho true, the changed fields, valor_frete as a currency string.
    body = {"rascunho": True, "cliente": "", "valor_frete": "15.00", "items": [tab_item()], "observacao": "urgente"}
    response = await client.patch(f"/pedidos/{draft['id']}", json=body, headers=user_headers)
    assert response.status_code == 200, response.text
    saved = response.json()
    assert saved["rascunho"] is True and saved["numero"] is None and saved["valor_frete"] == "15.00"
    assert saved["observacao"] == "urgente" and saved["items"][0]["descricao"] == "Painel 3x2"
    assert saved["version"] == draft["version"] + 1
    assert (await client.get(f"/pedidos/{draft['id']}", headers=user_headers)).json() == saved


async def test_the_save_before_promotion_patches_without_the_marker_and_stays_a_draft(client, user_headers):
    draft = await save_draft(client, user_headers)
    # handleSalvar on a draft: api.updateOrder's payload, then promoverRascunho.
    body = {"cliente": "Gráfica Ágil", "status": "pronto", "sublimacao": True, "items": [tab_item()], "numero": "1"}
    saved = (await client.patch(f"/pedidos/{draft['id']}", json=body, headers=user_headers)).json()
    assert saved["rascunho"] is True and saved["cliente"] == "Gráfica Ágil" and saved["numero"] is None
    assert saved["status"] == "pendente" and saved["sublimacao"] is False


async def test_an_order_cannot_become_a_draft_and_still_needs_its_cliente(client, user_headers, make_pedido):
    order = await make_pedido()
    response = await client.patch(f"/pedidos/{order['id']}", json={"rascunho": True}, headers=user_headers)
    assert response.status_code == 409
    response = await client.patch(f"/pedidos/{order['id']}", json={"cliente": ""}, headers=user_headers)
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "cliente"]
    current = (await client.get(f"/pedidos/{order['id']}", headers=user_headers)).json()
    assert current["rascunho"] is False and current["cliente"] == order["cliente"]


async def test_promotion_gives_the_next_numero_and_one_history_entry_and_event(
    client, user_headers, make_pedido, session
):
    first = await make_pedido()
    draft = await save_draft(client, user_headers, cliente="Gráfica Ágil", items=[tab_item()])
    before = history_of(session, draft["id"])
    response = await client.post(f"/pedidos/{draft['id']}/promover", headers=user_headers)
    assert response.status_code == 200, response.text
    order = response.json()
    assert order["rascunho"] is False and order["numero"] == f"{int(first['numero']) + 1:010d}"
    assert order["status"] == "pendente" and order["data_entrega"] == order["data_entrada"]
    assert order["items"] == draft["items"] and order["id"] == draft["id"]
    assert history_of(session, draft["id"]) == [*before, "promote"]
    assert events_of(session, draft["id"]) == ["order_created"]
    listed = (await client.get("/pedidos/", headers=user_headers)).json()
    assert [o["id"] for o in listed] == [order["id"], first["id"]]
    assert (await client.get(f"/pedidos/{draft['id']}", headers=bearer(make_user(session)))).json() == order
    again = await client.post(f"/pedidos/{draft['id']}/promover", headers=user_headers)
    assert again.status_code == 409
    assert (await client.post("/pedidos/999999/promover", headers=user_headers)).status_code == 404


async def test_promoting_an_incomplete_draft_is_the_creates_422_and_changes_nothing(client, user_headers, session):
    draft = await save_draft(client, user_headers, items=[tab_item()])
    response = await client.post(f"/pedidos/{draft['id']}/promover", headers=user_headers)
    created = await client.post("/pedidos/", json=pedido_body(cliente=""), headers=user_headers)
    assert response.status_code == created.status_code == 422
    assert response.json() == created.json() and response.json()["detail"][0]["loc"] == ["body", "cliente"]
    assert (await client.get(f"/pedidos/{draft['id']}", headers=user_headers)).json() == draft
    assert history_of(session, draft["id"]) == ["create"] and events_of(session, draft["id"]) == []


async def test_concurrent_promotions_and_creates_all_get_distinct_numeros(client, user_headers, make_pedido):
    await make_pedido()
    drafts = [await save_draft(client, user_headers, cliente=f"Cliente {n}") for n in range(10)]
    promotions = [client.post(f"/pedidos/{d['id']}/promover", headers=user_headers) for d in drafts]
    creates = [client.post("/pedidos/", json=pedido_body(), headers=user_headers) for _ in range(10)]
    responses = await asyncio.gather(*[call for pair in zip(promotions, creates, strict=True) for call in pair])
    assert all(r.status_code == 200 for r in responses), [r.text for r in responses if r.status_code != 200]
    numeros = [r.json()["numero"] for r in responses]
    assert len(set(numeros)) == 20 and sorted(numeros) == [f"{n:010d}" for n in range(2, 22)]


async def test_staff_see_edit_and_promote_only_their_own_drafts(client, user_headers, admin_headers, session):
    mine = await save_draft(client, user_headers, cliente="Meu", items=[tab_item()])
    other = bearer(make_user(session))
    theirs = await save_draft(client, other, cliente="Deles")
    for path in (f"/pedidos/{mine['id']}", f"/pedidos/{mine['id']}/json", f"/pedidos/{mine['id']}/historico"):
        for _ in range(2):  # the second read is served from the checked-user fast path
            assert (await client.get(path, headers=other)).status_code == 404, path
    assert (await client.patch(f"/pedidos/{mine['id']}", json={"rascunho": True}, headers=other)).status_code == 404
    stale = {"If-Match": "99", **other}
    assert (await client.patch(f"/pedidos/{mine['id']}", json={"cliente": "x"}, headers=stale)).status_code == 404
    assert (await client.post(f"/pedidos/{mine['id']}/promover", headers=other)).status_code == 404
    item_path = f"/pedidos/pedido-itens/{mine['items'][0]['id']}"
    assert (await client.patch(item_path, json={"descricao": "x"}, headers=other)).status_code == 404
    image = {"image": ("a.png", png_bytes(), "image/png")}
    assert (await client.post(f"/pedidos/{mine['id']}/imagens", files=image, headers=other)).status_code == 404
    listed = await client.get("/pedidos/rascunhos", headers=user_headers)
    assert [d["id"] for d in listed.json()] == [mine["id"]] and listed.headers["x-total-count"] == "1"
    everyone = await client.get("/pedidos/rascunhos", headers=admin_headers)
    assert {d["id"] for d in everyone.json()} == {mine["id"], theirs["id"]}
    assert (await client.get(f"/pedidos/{mine['id']}", headers=admin_headers)).status_code == 200
    assert (await client.get(f"/pedidos/{mine['id']}", headers=user_headers)).json()["cliente"] == "Meu"


async def test_drafts_list_pages_newest_edit_first(client, user_headers):
    drafts = [await save_draft(client, user_headers, cliente=f"C{n}") for n in range(3)]
    edit = {"rascunho": True, "cliente": "editado"}
    await client.patch(f"/pedidos/{drafts[0]['id']}", json=edit, headers=user_headers)
    page = await client.get("/pedidos/rascunhos", params={"limit": 2}, headers=user_headers)
    assert [d["cliente"] for d in page.json()] == ["editado", "C2"] and page.headers["x-total-count"] == "3"
    rest = await client.get("/pedidos/rascunhos", params={"skip": 2, "limit": 2}, headers=user_headers)
    assert [d["cliente"] for d in rest.json()] == ["C1"]


async def test_an_author_deletes_their_draft_but_orders_stay_admin_only(client, user_headers, make_pedido, session):
    order = await make_pedido()
    mine = await save_draft(client, user_headers)
    theirs = await save_draft(client, bearer(make_user(session)))
    assert (await client.delete(f"/pedidos/{order['id']}", headers=user_headers)).status_code == 403
    assert (await client.delete(f"/pedidos/{theirs['id']}", headers=user_headers)).status_code == 403
    assert (await client.delete("/pedidos/999999", headers=user_headers)).status_code == 403
    assert (await client.delete(f"/pedidos/{mine['id']}", headers=user_headers)).status_code == 200
    assert (await client.get(f"/pedidos/{mine['id']}", headers=user_headers)).status_code == 404


async def test_images_survive_promotion_and_leave_with_a_deleted_draft(client, user_headers, session):
    photo = {"image": ("a.jpg", jpeg_bytes(), "image/jpeg")}
    upload = await client.post("/pedidos/order-items/upload-image", files=photo, headers=user_headers)
    reference = upload.json()["server_reference"]
    items = [tab_item(imagem=data_url(png_bytes())), tab_item(imagem=reference)]
    kept = await save_draft(client, user_headers, cliente="Com imagens", items=items)
    paths = [item["imagem_path"] for item in kept["items"]]
    assert all(path.startswith(f"pedidos/{kept['id']}/") for path in paths) and set(paths) <= set(media_files())
    assert not any(path.startswith("pedidos/tmp/") for path in media_files())  # claimed, as by a create
    promoted = (await client.post(f"/pedidos/{kept['id']}/promover", headers=user_headers)).json()
    assert [item["imagem"] for item in promoted["items"]] == [item["imagem"] for item in kept["items"]]
    assert (await client.get(promoted["items"][0]["imagem"], headers=user_headers)).content == png_bytes()

    gone = await save_draft(client, user_headers, items=[tab_item(imagem=data_url(png_bytes()))])
    assert (await client.delete(f"/pedidos/{gone['id']}", headers=user_headers)).status_code == 200
    session.commit()
    rows = session.execute(select(PedidoImagem.pedido_id)).scalars().all()
    assert sorted(rows) == [kept["id"], kept["id"]] and sorted(media_files()) == sorted(paths)


async def test_every_create_records_its_author(client, user_headers, seller, session):
    order = (await client.post("/pedidos/", json=pedido_body(), headers=user_headers)).json()
    session.commit()
    assert session.get(Pedido, order["id"]).criado_por == seller.id
