"""Production waits for finance: staff cannot tick a stage on an order financeiro has not released."""

from __future__ import annotations

from sqlalchemy import func, select

from pedidos.orders.models import OrderEvent, PedidoHistorico

CLICK = {  # what the app sends on every flag click (original-contract §3.7), all unticked
    "conferencia": False,
    "sublimacao": False,
    "costura": False,
    "expedicao": False,
    "sublimacao_maquina": None,
    "sublimacao_data_impressao": None,
    "pronto": False,
    "status": "pendente",
}


def _traces(session) -> tuple[int, int]:
    session.commit()  # a new read transaction
    events = session.execute(select(func.count()).select_from(OrderEvent)).scalar_one()
    history = session.execute(select(func.count()).select_from(PedidoHistorico)).scalar_one()
    return events, history


async def test_staff_cannot_tick_a_stage_before_financeiro(client, user_headers, make_pedido, session):
    order = await make_pedido()
    before = (await client.get(f"/pedidos/{order['id']}", headers=user_headers)).json()
    traces = _traces(session)
    for body in ({"sublimacao": True}, {**CLICK, "sublimacao": True, "sublimacao_maquina": "Epson"}):
        response = await client.patch(f"/pedidos/{order['id']}", json=body, headers=user_headers)
        assert response.status_code == 409
        assert response.json()["detail"] == (
            "Pedido aguardando o financeiro: sublimação só pode ser marcada depois da liberação financeira."
        )
    response = await client.patch(
        f"/pedidos/{order['id']}", json={"conferencia": True, "costura": True}, headers=user_headers
    )
    assert response.status_code == 409 and "conferência, costura só podem ser marcadas" in response.json()["detail"]
    assert (await client.get(f"/pedidos/{order['id']}", headers=user_headers)).json() == before
    assert _traces(session) == traces


async def test_the_apps_click_that_ticks_nothing_new_still_passes(client, user_headers, admin_headers, make_pedido):
    order = await make_pedido()
    # An admin may tick ahead of finance; staff then resend that flag as the app does, and untick it.
    assert (await client.patch(f"/pedidos/{order['id']}", json={"sublimacao": True}, headers=admin_headers)).is_success
    kept = await client.patch(
        f"/pedidos/{order['id']}", json={**CLICK, "sublimacao": True, "observacao": "ok"}, headers=user_headers
    )
    assert kept.status_code == 200 and kept.json()["sublimacao"] is True
    cleared = await client.patch(f"/pedidos/{order['id']}", json=CLICK, headers=user_headers)
    assert cleared.status_code == 200 and cleared.json()["sublimacao"] is False


async def test_once_financeiro_releases_the_order_staff_tick_stages(client, user_headers, admin_headers, make_pedido):
    order = await make_pedido()
    released = await client.patch(f"/pedidos/{order['id']}", json={"financeiro": True}, headers=admin_headers)
    assert released.json()["status"] == "em_producao"
    body = {**CLICK, "status": "em_producao", "conferencia": True, "sublimacao": True}
    response = await client.patch(f"/pedidos/{order['id']}", json=body, headers=user_headers)
    assert response.status_code == 200
    assert response.json()["conferencia"] is True and response.json()["sublimacao"] is True


async def test_batch_status_goes_through_the_same_rules(client, user_headers, admin_headers, make_pedido):
    waiting, released = await make_pedido(), await make_pedido()
    await client.patch(f"/pedidos/{released['id']}", json={"financeiro": True}, headers=admin_headers)
    ids = [waiting["id"], released["id"]]
    response = await client.post(
        "/pedidos/batch-status", json={"id_pedidos": ids, "status": "pronto"}, headers=user_headers
    )
    assert response.status_code == 200
    # A status never ticks a stage: without the five flags "pronto" stays em_producao, on both orders
    # (the released one already was: the rules' answer replaces the request, see status.apply_rules).
    for pedido_id in ids:
        order = (await client.get(f"/pedidos/{pedido_id}", headers=user_headers)).json()
        assert order["status"] == "em_producao" and not order["pronto"]
        assert not any(order[flag] for flag in ("conferencia", "sublimacao", "costura", "expedicao"))


async def test_staff_cannot_create_an_order_already_released_or_in_production(client, user_headers, admin_headers):
    from tests.pedidos.conftest import pedido_body

    released = await client.post("/pedidos/", json=pedido_body(financeiro=True), headers=user_headers)
    assert released.status_code == 403
    assert released.json()["detail"] == "Somente administradores podem alterar o status financeiro."
    printed = await client.post("/pedidos/", json=pedido_body(sublimacao=True, costura=True), headers=user_headers)
    assert printed.status_code == 409
    assert printed.json()["detail"] == (
        "Pedido aguardando o financeiro: sublimação, costura só podem ser marcadas depois da liberação financeira."
    )
    assert (await client.get("/pedidos/", headers=admin_headers)).json() == []
    # The app's own create (every flag false) and an admin's released order pass.
    assert (await client.post("/pedidos/", json=pedido_body(financeiro=False), headers=user_headers)).status_code == 200
    body = pedido_body(financeiro=True, sublimacao=True)
    made = await client.post("/pedidos/", json=body, headers=admin_headers)
    assert made.status_code == 200 and made.json()["status"] == "em_producao"
