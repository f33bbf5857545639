"""Drafts stay out of everything but their author's own views: lists, counts, sheets, machines,
notifications and realtime. Each test has a draft that every filter would otherwise match."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from database.base import utcnow
from maquinas.models import Machine, PrintLog
from notificacoes.service import notify_overdue_orders
from pedidos.orders import drafts
from tests.cadastros.factories import make_pedido as insert_pedido
from tests.conftest import bearer, make_user
from tests.pedidos.conftest import png_bytes
from tests.pedidos.drafts_support import events_of, save_draft, tab_item

ORDERS = 21  # above GZIP_OWN_MIN_ORDERS: the list's own gzip path is taken too
FILTERS = [
    {},
    {"limit": 5},
    {"skip": 1, "limit": 30},
    {"status": "pendente"},
    {"cliente": "joão"},
    {"q": "joão"},
    {"vendedor": "Maria"},
    {"designer": "Carlos"},
    {"prioridade": "NORMAL"},
    {"data_inicio": "2026-01-01", "data_fim": "2026-12-31"},
    {"data_inicio": "2026-01-01", "data_fim": "2026-12-31", "date_mode": "entrega"},
    {"data_inicio": "2026-01-01", "data_fim": "2026-12-31", "date_mode": "qualquer"},
    {"ordenar": "numero"},
]


@pytest.fixture
async def shop(client, user_headers, seller, session, make_pedido):
    """ORDERS orders, and drafts (one through the API, one as a bare row) matching every filter."""
    orders = [await make_pedido(headers=user_headers) for _ in range(ORDERS)]
    item = tab_item(vendedor="Maria", designer="Carlos")
    api_draft = await save_draft(
        client, user_headers, cliente="João Silva", data_entrada="2026-01-31", data_entrega="2026-02-05", items=[item]
    )
    row = insert_pedido(
        session, numero=drafts.placeholder(), cliente="João Silva", rascunho=True, criado_por=seller.id, pronto=True
    )
    return {"orders": orders, "drafts": {api_draft["id"], row.id}}


def _ids(response) -> set[int]:
    return {order["id"] for order in response.json()}


async def test_lists_and_counts_leave_drafts_out_with_every_filter_gzip_or_not(client, user_headers, shop):
    for params in FILTERS:
        for encoding in ("gzip", "identity"):
            headers = {**user_headers, "Accept-Encoding": encoding}
            response = await client.get("/pedidos/", params=params, headers=headers)
            assert response.status_code == 200, (params, response.text)
            assert not _ids(response) & shop["drafts"], (params, encoding)
            assert response.headers["x-total-count"] == str(ORDERS), (params, encoding)
    gzipped = await client.get("/pedidos/", headers={**user_headers, "Accept-Encoding": "gzip"})
    assert gzipped.headers["content-encoding"] == "gzip" and len(gzipped.json()) == ORDERS
    by_status = await client.get("/pedidos/status/pendente", headers=user_headers)
    assert len(by_status.json()) == ORDERS and not _ids(by_status) & shop["drafts"]
    assert (await client.get("/pedidos/total", headers=user_headers)).json() == {"total": ORDERS}


async def test_a_cached_page_does_not_show_a_draft_saved_since(client, user_headers, shop):
    for params in ({}, {"limit": 5}):
        before = await client.get("/pedidos/", params=params, headers=user_headers)
        draft = await save_draft(client, user_headers, cliente="João Silva")
        after = await client.get("/pedidos/", params=params, headers=user_headers)
        assert draft["id"] not in _ids(after) and _ids(after) == _ids(before)
        assert after.headers["x-total-count"] == str(ORDERS)


async def test_the_author_sees_the_bare_draft_row_and_others_do_not(client, user_headers, shop, session):
    row_id = max(shop["drafts"])
    mine = await client.get(f"/pedidos/{row_id}", headers=user_headers)
    assert mine.status_code == 200 and mine.json()["numero"] is None and mine.json()["rascunho"] is True
    assert (await client.get(f"/pedidos/{row_id}", headers=bearer(make_user(session)))).status_code == 404
    listed = await client.get("/pedidos/rascunhos", headers=user_headers)
    assert _ids(listed) == shop["drafts"]


async def test_drafts_have_no_sheets(client, user_headers):
    draft = await save_draft(client, user_headers, cliente="João", items=[tab_item()])
    assert (await client.get(f"/pedidos/{draft['id']}/fichas.pdf", headers=user_headers)).status_code == 404
    ficha = {"nome": "Ficha", "pedido_id": draft["id"], "item_index": 0}
    assert (await client.post("/fichas/", json=ficha, headers=user_headers)).status_code == 404
    await client.patch(f"/pedidos/{draft['id']}", json={"cliente": "João"}, headers=user_headers)
    await client.post(f"/pedidos/{draft['id']}/promover", headers=user_headers)
    assert (await client.get(f"/pedidos/{draft['id']}/fichas.pdf", headers=user_headers)).status_code == 200


async def test_drafts_are_not_printed_nor_queued_on_machines(client, user_headers, session):
    machine = Machine(name="Epson", name_key="epson")
    session.add(machine)
    session.commit()
    printed = tab_item(machine_id=machine.id, data_impressao="2026-02-01")
    draft = await save_draft(client, user_headers, cliente="João", items=[printed])
    await client.patch(f"/pedidos/{draft['id']}", json={"rascunho": True, "items": [printed]}, headers=user_headers)
    item_id = draft["items"][0]["id"]
    await client.patch(f"/pedidos/pedido-itens/{item_id}", json={"machine_id": machine.id}, headers=user_headers)
    log = {"printer_id": machine.id, "pedido_id": draft["id"], "status": "success"}
    assert (await client.post("/print-logs/", json=log, headers=user_headers)).status_code == 404
    session.commit()
    assert session.execute(select(func.count()).select_from(PrintLog)).scalar_one() == 0
    overview = (await client.get("/maquinas/dashboard/overview", headers=user_headers)).json()
    assert overview[0]["queue"] == []

    await client.post(f"/pedidos/{draft['id']}/promover", headers=user_headers)
    session.commit()
    assert session.execute(select(func.count()).select_from(PrintLog)).scalar_one() == 1  # as a create logs it
    overview = (await client.get("/maquinas/dashboard/overview", headers=user_headers)).json()
    assert [entry["order_id"] for entry in overview[0]["queue"]] == [draft["id"]]


def test_overdue_drafts_are_not_notified(session):
    today = utcnow().date()
    late = {"data_entrega": today - timedelta(days=3), "status": "pendente"}
    insert_pedido(session, numero=drafts.placeholder(), rascunho=True, **late)
    assert notify_overdue_orders(session, today) == 0
    insert_pedido(session, **late)
    assert notify_overdue_orders(session, today) == 1


async def test_drafts_send_no_realtime_event(client, user_headers, session):
    draft = await save_draft(client, user_headers, items=[tab_item()])
    await client.patch(f"/pedidos/{draft['id']}", json={"rascunho": True, "cliente": "João"}, headers=user_headers)
    await client.patch(f"/pedidos/{draft['id']}", json={"observacao": "sem marcador"}, headers=user_headers)
    item_path = f"/pedidos/pedido-itens/{draft['items'][0]['id']}"
    await client.patch(item_path, json={"descricao": "x"}, headers=user_headers)
    image = {"image": ("a.png", png_bytes(), "image/png")}
    assert (await client.post(f"/pedidos/{draft['id']}/imagens", files=image, headers=user_headers)).status_code == 200
    assert events_of(session, draft["id"]) == []


async def test_delete_all_takes_drafts_too(client, user_headers, admin_headers, shop):
    response = await client.delete("/pedidos/all", params={"confirm": "true"}, headers=admin_headers)
    assert response.status_code == 200 and response.json()["total"] == ORDERS + len(shop["drafts"])
    assert (await client.get("/pedidos/rascunhos", headers=admin_headers)).json() == []
