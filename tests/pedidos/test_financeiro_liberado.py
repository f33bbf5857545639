"""financeiro_liberado_em: when finance released the order, by the server's clock only."""

from __future__ import annotations

from datetime import datetime, timedelta

from database.base import utcnow
from tests.pedidos.conftest import pedido_body


def _recent(value: str | None) -> bool:
    return value is not None and abs(datetime.fromisoformat(value) - utcnow()) < timedelta(minutes=5)


async def test_set_on_release_and_cleared_on_unrelease(client, admin_headers, make_pedido):
    order = await make_pedido()
    assert order["financeiro_liberado_em"] is None
    url = f"/pedidos/{order['id']}"
    released = (await client.patch(url, json={"financeiro": True}, headers=admin_headers)).json()
    assert _recent(released["financeiro_liberado_em"])
    # Another change keeps the moment of the release.
    kept = (await client.patch(url, json={"observacao": "x", "financeiro": True}, headers=admin_headers)).json()
    assert kept["financeiro_liberado_em"] == released["financeiro_liberado_em"]
    cleared = (await client.patch(url, json={"financeiro": False}, headers=admin_headers)).json()
    assert cleared["financeiro_liberado_em"] is None
    history = (await client.get(f"{url}/historico", headers=admin_headers)).json()
    assert "financeiro_liberado_em" in {row["campo"] for row in history}


async def test_create_with_financeiro_sets_it_and_the_client_value_is_ignored(client, admin_headers):
    forged = "2020-01-01T00:00:00"
    body = pedido_body(financeiro=True, financeiro_liberado_em=forged)
    created = (await client.post("/pedidos/", json=body, headers=admin_headers)).json()
    assert _recent(created["financeiro_liberado_em"])
    plain = (
        await client.post("/pedidos/", json=pedido_body(financeiro_liberado_em=forged), headers=admin_headers)
    ).json()
    assert plain["financeiro_liberado_em"] is None
    url = f"/pedidos/{plain['id']}"
    patched = (await client.patch(url, json={"financeiro_liberado_em": forged}, headers=admin_headers)).json()
    assert patched["financeiro_liberado_em"] is None


async def test_a_batch_never_touches_it(client, admin_headers, make_pedido):
    order = await make_pedido(financeiro=True)
    body = {"id_pedidos": [order["id"]], "status": "cancelado"}
    assert (await client.post("/pedidos/batch-status", json=body, headers=admin_headers)).status_code == 200
    after = (await client.get(f"/pedidos/{order['id']}", headers=admin_headers)).json()
    assert after["status"] == "cancelado" and after["financeiro_liberado_em"] == order["financeiro_liberado_em"]


async def test_non_admins_cannot_release(client, user_headers, make_pedido):
    order = await make_pedido()
    response = await client.patch(f"/pedidos/{order['id']}", json={"financeiro": True}, headers=user_headers)
    assert response.status_code == 403
