"""Cadastro amounts: JSON numbers out, the shop's own spellings in, nonsense refused."""

from __future__ import annotations

from tests.cadastros.conftest import MATERIAIS, TIPOS_PAGAMENTOS, VENDEDORES


async def test_money_accepts_comma_decimals_and_answers_numbers(client, user_headers):
    response = await client.post("/materiais", json={**MATERIAIS.body, "valor_metro": "1.234,56"}, headers=user_headers)
    assert response.status_code == 201 and response.json()["valor_metro"] == 1234.56
    patched = await client.patch(f"/materiais/{response.json()['id']}", json={"valor_metro": 0.1}, headers=user_headers)
    assert patched.json()["valor_metro"] == 0.1


async def test_negative_amounts_and_impossible_percentages_are_422(client, user_headers):
    bad = [
        ("/materiais", {**MATERIAIS.body, "valor_metro": -1}),
        ("/materiais", {**MATERIAIS.body, "valor_metro": "dez reais"}),
        ("/vendedores", {**VENDEDORES.body, "comissao_percentual": 150}),
        ("/tipos-pagamentos", {**TIPOS_PAGAMENTOS.body, "parcelas_max": 0}),
    ]
    for path, body in bad:
        response = await client.post(path, json=body, headers=user_headers)
        assert response.status_code == 422, (path, body)
