"""Item PATCH (real and invented ids), save-json, /json, delete, delete-all."""

from __future__ import annotations

from sqlalchemy import select

from maquinas.models import Machine, PrintLog
from pedidos.orders.models import PedidoHistorico


async def test_item_patch_by_real_id_merges_and_bumps_version(client, user_headers, make_pedido, session):
    order = await make_pedido()
    item = order["items"][0]
    response = await client.patch(
        f"/pedidos/pedido-itens/{item['id']}",
        json={"pedido_id": order["id"], "rip_maquina": "RIP-2", "legenda_imagem": "nova"},
        headers=user_headers,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "success" and body["message"] == "Item atualizado"
    assert body["item"]["id"] == item["id"] and body["item"]["rip_maquina"] == "RIP-2"
    assert body["item"]["descricao"] == item["descricao"] and body["item"]["legenda_imagem"] == "nova"
    current = (await client.get(f"/pedidos/{order['id']}", headers=user_headers)).json()
    assert current["version"] == 2 and current["items"][0]["rip_maquina"] == "RIP-2"
    rows = session.execute(select(PedidoHistorico).where(PedidoHistorico.acao == "item_update")).scalars().all()
    assert {r.campo for r in rows} == {"items[0].rip_maquina", "items[0].legenda_imagem"}


async def test_item_patch_by_invented_id_and_print_log(client, admin_headers, make_pedido, session):
    machine = Machine(name="Mimaki", name_key="mimaki")
    session.add(machine)
    session.commit()
    order = await make_pedido(items=[{"descricao": "a"}, {"descricao": "b"}])
    invented = order["id"] * 1000 + 1
    response = await client.patch(
        f"/pedidos/pedido-itens/{invented}",
        json={"machine_id": machine.id, "data_impressao": "2026-02-02"},
        headers=admin_headers,
    )
    assert response.status_code == 200, response.text
    assert response.json()["item"]["id"] == order["items"][1]["id"]
    assert response.json()["item"]["data_impressao"] == "2026-02-02"
    logs = session.execute(select(PrintLog)).scalars().all()
    assert [(log.pedido_id, log.item_id, log.printer_id) for log in logs] == [
        (order["id"], order["items"][1]["id"], machine.id)
    ]
    assert (await client.patch("/pedidos/pedido-itens/999999", json={}, headers=admin_headers)).status_code == 404
    bad = await client.patch(f"/pedidos/pedido-itens/{invented}", json={"machine_id": "x"}, headers=admin_headers)
    assert bad.status_code == 422


async def test_create_with_machine_writes_print_log(client, admin_headers, make_pedido, session):
    machine = Machine(name="Epson", name_key="epson")
    session.add(machine)
    session.commit()
    order = await make_pedido(items=[{"descricao": "a", "machine_id": machine.id}])
    logs = session.execute(select(PrintLog)).scalars().all()
    assert [(log.pedido_id, log.item_id) for log in logs] == [(order["id"], order["items"][0]["id"])]


async def test_save_json_is_kept_in_history_and_json_serves_current_order(client, user_headers, make_pedido):
    order = await make_pedido()
    snapshot = {"customer_name": "Velho", "status": "Concluido", "total_value": 1}
    response = await client.post(f"/pedidos/save-json/{order['id']}", json=snapshot, headers=user_headers)
    assert response.json() == {"message": "JSON salvo com sucesso", "pedido_id": order["id"]}
    await client.patch(f"/pedidos/{order['id']}", json={"observacao": "depois"}, headers=user_headers)
    current = (await client.get(f"/pedidos/{order['id']}/json", headers=user_headers)).json()
    assert current["observacao"] == "depois" and current["cliente"] == "João Silva"
    history = (await client.get(f"/pedidos/{order['id']}/historico", headers=user_headers)).json()
    assert any(row["acao"] == "save_json" and row["valor_novo"] == snapshot for row in history)
    big = b'{"x":"' + b"a" * (1024 * 1024 + 10) + b'"}'
    response = await client.post(
        f"/pedidos/save-json/{order['id']}", content=big, headers={**user_headers, "Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert (await client.post(f"/pedidos/save-json/{order['id']}", json={})).status_code == 401


async def test_delete_is_admin_only_and_keeps_last_state(client, admin_headers, user_headers, make_pedido):
    order = await make_pedido()
    assert (await client.delete(f"/pedidos/{order['id']}", headers=user_headers)).status_code == 403
    response = await client.delete(f"/pedidos/{order['id']}", headers=admin_headers)
    assert response.json() == {"message": "Pedido deletado com sucesso"}
    assert (await client.get(f"/pedidos/{order['id']}", headers=admin_headers)).status_code == 404
    history = (await client.get(f"/pedidos/{order['id']}/historico", headers=admin_headers)).json()
    assert history[-1]["acao"] == "delete" and history[-1]["valor_anterior"]["numero"] == order["numero"]


async def test_delete_all_needs_admin_and_confirmation(client, admin_headers, user_headers, make_pedido):
    await make_pedido()
    await make_pedido()
    assert (await client.delete("/pedidos/all", headers=user_headers)).status_code == 403
    assert (await client.delete("/pedidos/all", headers=admin_headers)).status_code == 400
    response = await client.delete("/pedidos/all?confirm=true", headers=admin_headers)
    assert response.status_code == 200 and response.json()["total"] == 2
    assert (await client.get("/pedidos/total", headers=admin_headers)).json() == {"total": 0}
