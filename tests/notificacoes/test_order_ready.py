"""An order becoming ready notifies staff (the pedidos service calls create_notification).

Runs once the pedidos routes are merged in; skipped on a branch without them.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pedidos.orders.router")


async def test_order_becoming_ready_creates_a_notification(client, admin_headers):
    created = await client.post(
        "/pedidos/",
        json={"cliente": "Gráfica Ágil", "data_entrada": "2026-11-01", "data_entrega": "2026-11-10", "items": []},
        headers=admin_headers,
    )
    assert created.status_code == 200, created.text
    pedido = created.json()
    flags = dict.fromkeys(["financeiro", "conferencia", "sublimacao", "costura", "expedicao"], True)
    patched = await client.patch(f"/pedidos/{pedido['id']}", json=flags, headers=admin_headers)
    assert patched.status_code == 200 and patched.json()["status"] == "pronto", patched.text

    notificacoes = (await client.get("/notificacoes", headers=admin_headers)).json()
    assert [n["tipo"] for n in notificacoes if n["pedido_id"] == pedido["id"]] == ["pedido_pronto"]
