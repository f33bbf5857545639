"""/reposicoes: CRUD, statuses, filters."""

from __future__ import annotations


async def test_reposicoes_crud_and_filters(client, user_headers, make_pedido):
    order = await make_pedido()
    other = await make_pedido()
    body = {"order_id": order["id"], "motivo": "Falha na costura", "data_solicitacao": "2026-02-01"}
    created = await client.post("/reposicoes", json=body, headers=user_headers)
    assert created.status_code == 200, created.text
    rep = created.json()
    assert rep["numero"] == f"REP-{rep['id']}" and rep["status"] == "Pendente" and rep["prioridade"] == "NORMAL"
    await client.post("/reposicoes/", json={"order_id": other["id"], "status": "Concluída"}, headers=user_headers)
    by_order = await client.get("/reposicoes", params={"order_id": order["id"]}, headers=user_headers)
    assert [r["id"] for r in by_order.json()] == [rep["id"]]
    by_status = await client.get("/reposicoes", params={"status": "Concluída"}, headers=user_headers)
    assert [r["order_id"] for r in by_status.json()] == [other["id"]] and by_status.headers["x-total-count"] == "1"
    patched = await client.patch(
        f"/reposicoes/{rep['id']}", json={"status": "Em Processamento", "costura": True}, headers=user_headers
    )
    assert patched.json()["status"] == "Em Processamento" and patched.json()["costura"] is True
    assert (await client.delete(f"/reposicoes/{rep['id']}", headers=user_headers)).status_code == 200
    assert (await client.get(f"/reposicoes/{rep['id']}", headers=user_headers)).status_code == 404


async def test_reposicao_refuses_unknown_status_and_order(client, user_headers, make_pedido):
    order = await make_pedido()
    bad = await client.post("/reposicoes", json={"order_id": order["id"], "status": "Feita"}, headers=user_headers)
    assert bad.status_code == 400
    missing = await client.post("/reposicoes", json={"order_id": 999}, headers=user_headers)
    assert missing.status_code == 404
    assert (await client.get("/reposicoes", params={"status": "x"}, headers=user_headers)).status_code == 400
    assert (await client.get("/reposicoes")).status_code == 401
