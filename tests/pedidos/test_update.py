"""PATCH /pedidos/{id}: partial changes, items, versions, stage flags, financeiro, history, events."""

from __future__ import annotations

import asyncio

import orjson
from sqlalchemy import select

from notificacoes.models import Notificacao
from pedidos.orders.models import OrderEvent

FLAG_KEYS = ("conferencia", "sublimacao", "costura", "expedicao", "sublimacao_maquina", "sublimacao_data_impressao")


async def patch(client, headers, order_id, body, **kwargs):
    return await client.patch(f"/pedidos/{order_id}", json=body, headers=headers, **kwargs)


async def test_seed_doc_status_update(client, admin_headers, make_pedido):
    order = await make_pedido()
    response = await patch(client, admin_headers, order["id"], {"status": "em_producao", "financeiro": True})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "em_producao" and body["financeiro"] is True and body["version"] == 2
    assert body["cliente"] == order["cliente"] and body["items"] == order["items"]


async def test_patch_is_partial_and_validates(client, admin_headers, make_pedido):
    order = await make_pedido()
    body = (await patch(client, admin_headers, order["id"], {"observacao": "urgente", "valor_frete": "12,30"})).json()
    assert body["observacao"] == "urgente" and body["valor_frete"] == "12.30" and body["numero"] == order["numero"]
    assert (await patch(client, admin_headers, order["id"], {"status": "Em produção"})).status_code == 422
    assert (await patch(client, admin_headers, order["id"], {"prioridade": "BAIXA"})).status_code == 422
    assert (await patch(client, admin_headers, 999, {"observacao": "x"})).status_code == 404
    cleared = (await patch(client, admin_headers, order["id"], {"data_entrega": ""})).json()
    assert cleared["data_entrega"] == order["data_entrada"]


async def test_items_replace_array_keeping_ids(client, admin_headers, make_pedido):
    order = await make_pedido()
    first = order["items"][0]
    new_items = [{**first, "descricao": "Painel alterado", "cor_extra": "azul"}, {"descricao": "Novo item"}]
    body = (await patch(client, admin_headers, order["id"], {"items": new_items})).json()
    assert body["items"][0]["id"] == first["id"] and body["items"][0]["cor_extra"] == "azul"
    assert body["items"][1]["id"] not in (None, first["id"]) and body["items"][1]["descricao"] == "Novo item"
    only_second = (await patch(client, admin_headers, order["id"], {"items": [body["items"][1]]})).json()
    assert [i["id"] for i in only_second["items"]] == [body["items"][1]["id"]]


async def test_stale_if_match_is_409_and_keeps_the_newer_write(client, admin_headers, make_pedido):
    order = await make_pedido()
    ok = await patch(
        client,
        admin_headers,
        order["id"],
        {"observacao": "primeira"},
    )
    assert ok.json()["version"] == 2
    stale = await client.patch(
        f"/pedidos/{order['id']}", json={"observacao": "velha"}, headers={**admin_headers, "If-Match": '"1"'}
    )
    assert stale.status_code == 409
    assert stale.json()["detail"]["pedido"]["observacao"] == "primeira"
    assert stale.json()["detail"]["version"] == 2
    body_version = await patch(client, admin_headers, order["id"], {"observacao": "velha", "version": 1})
    assert body_version.status_code == 409
    current = (await client.get(f"/pedidos/{order['id']}", headers=admin_headers)).json()
    assert current["observacao"] == "primeira" and current["version"] == 2
    fresh = await client.patch(
        f"/pedidos/{order['id']}", json={"observacao": "nova"}, headers={**admin_headers, "If-Match": "2"}
    )
    assert fresh.status_code == 200 and fresh.json()["version"] == 3


async def test_two_concurrent_patches_with_same_version_one_wins(client, admin_headers, make_pedido):
    order = await make_pedido()
    headers = {**admin_headers, "If-Match": "1"}
    results = await asyncio.gather(
        *(client.patch(f"/pedidos/{order['id']}", json={"observacao": f"v{n}"}, headers=headers) for n in range(2))
    )
    assert sorted(r.status_code for r in results) == [200, 409]
    winner = next(r for r in results if r.status_code == 200).json()
    current = (await client.get(f"/pedidos/{order['id']}", headers=admin_headers)).json()
    assert current["observacao"] == winner["observacao"] and current["version"] == 2


async def test_non_admin_cannot_send_financeiro(client, user_headers, admin_headers, make_pedido):
    order = await make_pedido()
    response = await patch(client, user_headers, order["id"], {"financeiro": False})
    assert response.status_code == 403
    assert response.json() == {"detail": "Somente administradores podem alterar o status financeiro."}
    assert (await patch(client, user_headers, order["id"], {"observacao": "ok"})).status_code == 200


def app_flag_click(order, **changes):
    """What the app sends on a flag click: the flags, machine, date, pronto and its computed status."""
    state = {key: order[key] for key in ("financeiro", *FLAG_KEYS, "pronto", "status")}
    state.update(changes)
    flags = ("financeiro", "conferencia", "sublimacao", "costura", "expedicao")
    if "financeiro" in changes and not changes["financeiro"]:
        state.update(conferencia=False, sublimacao=False, costura=False, expedicao=False)
        state.update(sublimacao_maquina=None, sublimacao_data_impressao=None)
    if "sublimacao" in changes and not changes["sublimacao"]:
        state.update(sublimacao_maquina=None, sublimacao_data_impressao=None)
    if all(state[f] for f in flags):
        state.update(pronto=True, status="pronto")
    else:
        state["pronto"] = False
        if state["status"] == "pronto":
            state["status"] = "em_producao"
    body = {key: state[key] for key in (*FLAG_KEYS, "pronto", "status")}
    if "financeiro" in changes:
        body["financeiro"] = state["financeiro"]
    return body


async def test_the_apps_flag_sequences_pass(client, admin_headers, make_pedido, session):
    order = await make_pedido()
    oid = order["id"]
    steps = [
        ({"financeiro": True}, "em_producao", False),
        ({"conferencia": True}, "em_producao", False),
        (
            {"sublimacao": True, "sublimacao_maquina": "Mimaki", "sublimacao_data_impressao": "2026-02-01"},
            "em_producao",
            False,
        ),
        ({"costura": True}, "em_producao", False),
        ({"expedicao": True}, "pronto", True),
        ({"costura": False}, "em_producao", False),
        ({"costura": True}, "pronto", True),
        ({"sublimacao": False}, "em_producao", False),
        ({"financeiro": False}, "em_producao", False),
    ]
    for changes, status, pronto in steps:
        response = await patch(client, admin_headers, oid, app_flag_click(order, **changes))
        assert response.status_code == 200, (changes, response.text)
        order = response.json()
        assert (order["status"], order["pronto"]) == (status, pronto), changes
    assert order["sublimacao_maquina"] is None and not any(order[f] for f in ("conferencia", "costura", "expedicao"))
    notes = session.execute(select(Notificacao)).scalars().all()
    assert {n.tipo for n in notes} == {"pedido_pronto"} and len(notes) == 2


async def test_server_applies_rules_when_client_does_not(client, admin_headers, make_pedido):
    order = await make_pedido()
    oid = order["id"]
    assert (await patch(client, admin_headers, oid, {"financeiro": True})).json()["status"] == "em_producao"
    done = (
        await patch(
            client, admin_headers, oid, dict.fromkeys(("conferencia", "sublimacao", "costura", "expedicao"), True)
        )
    ).json()
    assert done["status"] == "pronto" and done["pronto"] is True
    body = (await patch(client, admin_headers, oid, {"sublimacao_maquina": "M1"})).json()
    assert body["sublimacao_maquina"] == "M1"
    untick = (await patch(client, admin_headers, oid, {"sublimacao": False})).json()
    assert untick["status"] == "em_producao" and untick["sublimacao_maquina"] is None and untick["pronto"] is False
    reset = (await patch(client, admin_headers, oid, {"financeiro": False})).json()
    assert not any(reset[f] for f in ("conferencia", "sublimacao", "costura", "expedicao"))


async def test_senseless_status_moves_are_409(client, admin_headers, make_pedido):
    order = await make_pedido()
    oid = order["id"]
    assert (await patch(client, admin_headers, oid, {"status": "entregue"})).status_code == 409
    assert (await patch(client, admin_headers, oid, {"status": "cancelado"})).status_code == 200
    refused = await patch(client, admin_headers, oid, {"status": "em_producao"})
    assert refused.status_code == 409 and "pendente" in refused.json()["detail"]
    assert (await patch(client, admin_headers, oid, {"status": "pendente"})).status_code == 200
    flags = dict.fromkeys(("financeiro", "conferencia", "sublimacao", "costura", "expedicao"), True)
    assert (await patch(client, admin_headers, oid, flags)).json()["status"] == "pronto"
    assert (await patch(client, admin_headers, oid, {"status": "entregue"})).json()["status"] == "entregue"
    assert (await patch(client, admin_headers, oid, {"status": "pendente"})).status_code == 409


async def test_history_rows_old_and_new_values(client, admin_headers, make_pedido):
    order = await make_pedido()
    await patch(client, admin_headers, order["id"], {"observacao": "A", "cliente": "Outro"})
    history = (await client.get(f"/pedidos/{order['id']}/historico", headers=admin_headers)).json()
    changes = {row["campo"]: (row["valor_anterior"], row["valor_novo"]) for row in history if row["acao"] == "update"}
    assert changes == {"observacao": (None, "A"), "cliente": ("João Silva", "Outro")}
    assert all(row["username"] == "admin" for row in history)


async def test_update_events_in_the_same_transaction(client, admin_headers, make_pedido, session):
    order = await make_pedido()
    await patch(client, admin_headers, order["id"], {"observacao": "x"})
    await patch(client, admin_headers, order["id"], {"financeiro": True})
    await patch(client, admin_headers, order["id"], {"status": "entregue"})  # refused: no event
    types = [e.type for e in session.execute(select(OrderEvent).order_by(OrderEvent.id)).scalars()]
    assert types == ["order_created", "order_updated", "order_updated", "order_status_updated"]
    last = session.execute(select(OrderEvent).order_by(OrderEvent.id.desc())).scalars().first()
    message = orjson.loads(last.payload)
    assert message["order"]["financeiro"] is True and message["username"] == "admin"
