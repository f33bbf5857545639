"""POST /pedidos/batch-status: the app's closing screen marks many orders at once, all or nothing."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from config import settings
from notificacoes.models import Notificacao
from pedidos.orders.models import OrderEvent, Pedido, PedidoHistorico
from tests.pedidos.conftest import pedido_body


async def _batch(client, headers, ids, status):
    return await client.post("/pedidos/batch-status", json={"id_pedidos": ids, "status": status}, headers=headers)


async def _state(client, headers, ids) -> list:
    orders = [(await client.get(f"/pedidos/{i}", headers=headers)).json() for i in ids]
    history = [(await client.get(f"/pedidos/{i}/historico", headers=headers)).json() for i in ids]
    return [orders, history]


def _events(session) -> list[tuple[str, int]]:
    session.commit()  # a new read transaction: sees what the API committed since
    return [(e.type, e.order_id) for e in session.execute(select(OrderEvent).order_by(OrderEvent.id)).scalars()]


async def test_app_payload_changes_each_order_as_a_patch_would(client, user_headers, make_pedido, session):
    orders = [await make_pedido() for _ in range(3)]
    ids = [order["id"] for order in orders]
    before = len(_events(session))
    response = await _batch(client, user_headers, ids, "em_producao")
    assert response.status_code == 200, response.text
    assert response.json() == {"count": 3, "status": "em_producao"}
    for pedido_id in ids:
        order = (await client.get(f"/pedidos/{pedido_id}", headers=user_headers)).json()
        assert order["status"] == "em_producao" and order["version"] == 2
        rows = (await client.get(f"/pedidos/{pedido_id}/historico", headers=user_headers)).json()
        changes = [row for row in rows if row["acao"] == "update"]
        assert [(row["campo"], row["valor_anterior"], row["valor_novo"]) for row in changes] == [
            ("status", "pendente", "em_producao")
        ]
    events = _events(session)[before:]
    assert events == [(kind, i) for i in ids for kind in ("order_updated", "order_status_updated")]


async def test_stage_rules_apply_pronto_without_stages_stays_em_producao(client, admin_headers, make_pedido):
    order = await make_pedido()
    assert (await _batch(client, admin_headers, [order["id"]], "pronto")).status_code == 200
    changed = (await client.get(f"/pedidos/{order['id']}", headers=admin_headers)).json()
    assert changed["status"] == "em_producao" and changed["pronto"] is False


async def test_one_unknown_id_changes_nothing(client, admin_headers, make_pedido, session):
    ids = [(await make_pedido())["id"] for _ in range(2)]
    before, events = await _state(client, admin_headers, ids), _events(session)
    response = await _batch(client, admin_headers, [*ids, 999_999], "cancelado")
    assert response.status_code == 404 and "999999" in response.json()["detail"]
    assert await _state(client, admin_headers, ids) == before and _events(session) == events


async def test_a_senseless_move_refuses_the_whole_batch(client, admin_headers, make_pedido, session):
    first, second = await make_pedido(), await make_pedido()
    await client.patch(f"/pedidos/{second['id']}", json={"status": "cancelado"}, headers=admin_headers)
    ids = [first["id"], second["id"]]
    before, events = await _state(client, admin_headers, ids), _events(session)
    response = await _batch(client, admin_headers, ids, "em_producao")
    assert response.status_code == 409 and str(second["id"]) in response.json()["detail"]
    assert await _state(client, admin_headers, ids) == before and _events(session) == events


async def test_drafts_count_as_missing(client, admin_headers, make_pedido, session):
    order = await make_pedido()
    draft = Pedido(numero="rascunho-9", data_entrada=date.today(), cliente="Rascunho", rascunho=True)
    session.add(draft)
    session.commit()
    response = await _batch(client, admin_headers, [order["id"], draft.id], "em_producao")
    assert response.status_code == 404 and str(draft.id) in response.json()["detail"]
    session.refresh(draft)
    assert draft.status == "pendente" and draft.version == 1


async def test_bad_bodies_are_422(client, admin_headers, make_pedido):
    pedido_id = (await make_pedido())["id"]
    for body in (
        {"id_pedidos": [pedido_id], "status": "concluido_hoje"},
        {"id_pedidos": [], "status": "pronto"},
        {"id_pedidos": [pedido_id, pedido_id], "status": "pronto"},
        {"id_pedidos": list(range(1, 502)), "status": "pronto"},
        {"id_pedidos": ["1"], "status": "pronto"},
        {"id_pedidos": [1.5], "status": "pronto"},
        {"id_pedidos": [True], "status": "pronto"},
        {"id_pedidos": [2**40], "status": "pronto"},
        {"id_pedidos": pedido_id, "status": "pronto"},
        {"status": "pronto"},
    ):
        response = await client.post("/pedidos/batch-status", json=body, headers=admin_headers)
        assert response.status_code == 422, body
    assert (await client.post("/pedidos/batch-status", content=b"{", headers=admin_headers)).status_code == 422
    assert (await _batch(client, {}, [pedido_id], "pronto")).status_code == 401


async def test_a_hundred_orders_in_one_call(client, admin_headers, make_pedido, session):
    ids = [(await make_pedido())["id"] for _ in range(100)]
    response = await _batch(client, admin_headers, ids, "cancelado")
    assert response.json() == {"count": 100, "status": "cancelado"}
    session.commit()
    cancelled = select(func.count()).select_from(Pedido).where(Pedido.status == "cancelado")
    assert session.execute(cancelled).scalar_one() == 100
    rows = select(func.count()).select_from(PedidoHistorico).where(PedidoHistorico.acao == "update")
    assert session.execute(rows).scalar_one() == 100


STAGES = ("financeiro", "conferencia", "sublimacao", "costura", "expedicao")
# (how to reach the starting state from a new order: PATCH bodies in turn)
STARTS = {
    "pendente": [],
    "em_producao, financeiro": [{"financeiro": True}],
    "em_producao, four stages": [dict.fromkeys(STAGES[:4], True)],
    "pendente, every stage but financeiro": [dict.fromkeys(STAGES[1:], True)],
    "pronto": [dict.fromkeys(STAGES, True)],
    "entregue": [dict.fromkeys(STAGES, True), {"status": "entregue"}],
    "cancelado": [{"status": "cancelado"}],
}
VOLATILE = ("id", "numero", "data_criacao", "ultima_atualizacao", "financeiro_liberado_em", "items")


async def _started(client, headers, make_pedido, start: str) -> int:
    pedido_id = (await make_pedido(items=[pedido_body()["items"][0]]))["id"]
    for body in STARTS[start]:
        assert (await client.patch(f"/pedidos/{pedido_id}", json=body, headers=headers)).status_code == 200
    return pedido_id


async def _seen(client, headers, pedido_id: int) -> tuple:
    order = (await client.get(f"/pedidos/{pedido_id}", headers=headers)).json()
    history = (await client.get(f"/pedidos/{pedido_id}/historico", headers=headers)).json()
    # The create's row holds the whole order (its id, numero, clock): compared through the order itself.
    changes = [
        (row["acao"], row["campo"], row["valor_anterior"], row["valor_novo"])
        for row in history
        if row["acao"] != "create" and row["campo"] != "financeiro_liberado_em"
    ]
    return {key: value for key, value in order.items() if key not in VOLATILE}, changes


async def test_a_batch_answers_what_a_patch_per_order_answers(client, admin_headers, make_pedido, session, monkeypatch):
    """From every starting state to every status: the same orders, history, events, notifications
    and stock as one PATCH {"status": ...} per order; a batch with a refused order changes nothing."""
    monkeypatch.setattr(settings, "MATERIAL_STOCK_AUTO_DEDUCTION", True)
    body = {"nome": "Banner", "tipo": "tecido", "estoque_metros": 1000}
    material = (await client.post("/materiais", json=body, headers=admin_headers)).json()["id"]

    async def stock() -> float:
        return (await client.get(f"/materiais/{material}", headers=admin_headers)).json()["estoque_metros"]

    for target in ("pendente", "em_producao", "pronto", "entregue", "cancelado"):
        patched, batched, refused = [], [], []
        for start in STARTS:
            patched.append(await _started(client, admin_headers, make_pedido, start))
            batched.append(await _started(client, admin_headers, make_pedido, start))
        stock_before, events_before = await stock(), len(_events(session))
        notes_before = session.execute(select(func.count()).select_from(Notificacao)).scalar_one()
        for patched_id, batched_id in zip(list(patched), list(batched), strict=True):
            response = await client.patch(f"/pedidos/{patched_id}", json={"status": target}, headers=admin_headers)
            if response.status_code == 409:
                patched.remove(patched_id), batched.remove(batched_id)
                refused.append(batched_id)
            else:
                assert response.status_code == 200, response.text
        patch_events = _events(session)[events_before:]
        session.commit()
        patch_notes = session.execute(select(func.count()).select_from(Notificacao)).scalar_one() - notes_before
        patch_stock = await stock() - stock_before

        if refused:
            kept = [await _seen(client, admin_headers, i) for i in batched + refused]
            response = await _batch(client, admin_headers, batched + refused, target)
            assert response.status_code == 409 and str(refused[0]) in response.json()["detail"], target
            assert [await _seen(client, admin_headers, i) for i in batched + refused] == kept
        events_before, stock_before = len(_events(session)), await stock()
        session.commit()
        notes_before = session.execute(select(func.count()).select_from(Notificacao)).scalar_one()
        response = await _batch(client, admin_headers, batched, target)
        assert response.json() == {"count": len(batched), "status": target}, target
        assert [await _seen(client, admin_headers, i) for i in batched] == [
            await _seen(client, admin_headers, i) for i in patched
        ], target
        by_order = dict(zip(patched, batched, strict=True))
        assert _events(session)[events_before:] == [(kind, by_order[i]) for kind, i in patch_events], target
        session.commit()
        notes = session.execute(select(func.count()).select_from(Notificacao)).scalar_one() - notes_before
        assert notes == patch_notes and await stock() - stock_before == patch_stock, target
