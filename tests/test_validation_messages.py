"""422s speak Portuguese: each msg names its field (the app shows the msgs joined), in the one
error shape {"detail": [{"loc", "msg", "type"}]}, our own messages without "Value error, "."""

from __future__ import annotations

from tests.cadastros.conftest import CLIENTES
from tests.pedidos.conftest import pedido_body

ENGLISH = ("Field required", "Input should", "Value error", "String should", "valid integer", "JSON decode")


def _problems(response) -> list[dict]:
    assert response.status_code == 422, response.text
    body = response.json()
    assert list(body) == ["detail"] and isinstance(body["detail"], list), body
    for problem in body["detail"]:
        assert set(problem) == {"loc", "msg", "type"}, problem
        assert not any(word in problem["msg"] for word in ENGLISH), problem
    return body["detail"]


async def test_a_missing_required_field_is_named_in_portuguese(client, user_headers):
    body = pedido_body()
    del body["cliente"]
    problems = _problems(await client.post("/pedidos", json=body, headers=user_headers))
    assert problems == [{"loc": ["body", "cliente"], "msg": "cliente: campo obrigatório", "type": "missing"}]


async def test_a_value_outside_a_closed_set_lists_the_allowed_ones(client, user_headers):
    problems = _problems(await client.post("/pedidos", json=pedido_body(prioridade="URGENTE"), headers=user_headers))
    assert problems[0]["loc"] == ["body", "prioridade"]
    assert problems[0]["msg"] == "prioridade: valor inválido; use 'NORMAL' ou 'ALTA'"
    problems = _problems(await client.get("/pedidos", params={"status": ["pendente", "voando"]}, headers=user_headers))
    assert problems[0]["loc"] == ["query", "status", 1]
    assert problems[0]["msg"].startswith("status (valor 2): valor inválido; use 'pendente', ")
    assert problems[0]["msg"].endswith(" ou 'cancelado'")


async def test_an_item_field_says_which_item(client, user_headers):
    items = [pedido_body()["items"][0], {**pedido_body()["items"][0], "valor_unitario": "abc"}]
    problems = _problems(await client.post("/pedidos", json=pedido_body(items=items), headers=user_headers))
    assert problems[0]["loc"] == ["body", "items", 1, "valor_unitario"]
    assert problems[0]["msg"].startswith("valor_unitario (item 2): valor monetário inválido")


async def test_our_own_messages_come_without_the_value_error_prefix(client, user_headers):
    response = await client.post("/clientes", json={**CLIENTES.body, "documento": "123"}, headers=user_headers)
    assert _problems(response)[0]["msg"].startswith("documento inválido: informe um CPF")
    response = await client.post("/clientes", json={**CLIENTES.body, "estado": "XX"}, headers=user_headers)
    assert _problems(response)[0]["msg"].startswith("estado inválido: 'XX'")


async def test_types_lengths_and_ranges_in_portuguese(client, user_headers, admin_headers):
    response = await client.get("/pedidos/abc", headers=user_headers)
    assert _problems(response)[0]["msg"] == "pedido_id: deve ser um número inteiro"
    response = await client.post("/pedidos", json=pedido_body(cliente=""), headers=user_headers)
    assert _problems(response)[0]["msg"] == "cliente: deve ter ao menos 1 caractere(s)"
    response = await client.post("/pedidos", json=pedido_body(financeiro="talvez"), headers=admin_headers)
    assert _problems(response)[0]["msg"] == "financeiro: deve ser verdadeiro ou falso (true/false)"
    response = await client.get("/pedidos", params={"limit": 0}, headers=user_headers)
    assert _problems(response)[0]["msg"] == "limit: deve ser maior ou igual a 1"
    response = await client.post("/pedidos", json=pedido_body(data_entrada="31/01/2026"), headers=user_headers)
    assert "data inválida: use o formato AAAA-MM-DD" in _problems(response)[0]["msg"]


async def test_a_body_that_is_not_json_is_said_so(client, user_headers):
    headers = {**user_headers, "content-type": "application/json"}
    problems = _problems(await client.post("/pedidos", content=b'{"cliente": ', headers=headers))
    assert problems[0]["msg"] == "JSON inválido" and problems[0]["type"] == "json_invalid"


async def test_a_patch_emptying_cliente_speaks_like_the_create(client, admin_headers):
    pedido = (await client.post("/pedidos", json=pedido_body(), headers=admin_headers)).json()
    response = await client.patch(f"/pedidos/{pedido['id']}", json={"cliente": ""}, headers=admin_headers)
    assert _problems(response) == [
        {"loc": ["body", "cliente"], "msg": "cliente: deve ter ao menos 1 caractere(s)", "type": "string_too_short"}
    ]


async def test_validation_never_echoes_the_input_back(client):
    response = await client.post("/auth/login", json={"username": "ana", "password": 12345678})
    problems = _problems(response)
    assert problems[0]["loc"][-1] == "password" and "12345678" not in response.text
