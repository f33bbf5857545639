"""Clientes: the original's required strings, a valid UF, an optional CPF/CNPJ and e-mail."""

from __future__ import annotations

from cadastros.validators import is_valid_cnpj, is_valid_cpf
from tests.cadastros.conftest import CLIENTES

VALID_CPFS = ["52998224725", "11144477735", "39053344705"]
INVALID_CPFS = ["52998224724", "11144477736", "11111111111", "1234567890"]
VALID_CNPJS = ["11222333000181", "11444777000161", "04252011000110"]
INVALID_CNPJS = ["11222333000180", "11444777000162", "00000000000000"]


def test_cpf_check_digits_on_known_numbers():
    assert all(is_valid_cpf(cpf) for cpf in VALID_CPFS)
    assert not any(is_valid_cpf(cpf) for cpf in INVALID_CPFS)


def test_cnpj_check_digits_on_known_numbers():
    assert all(is_valid_cnpj(cnpj) for cnpj in VALID_CNPJS)
    assert not any(is_valid_cnpj(cnpj) for cnpj in INVALID_CNPJS)


async def test_valid_documento_is_accepted_and_stored_as_digits(client, user_headers):
    cases = [("529.982.247-25", "52998224725"), ("11.222.333/0001-81", "11222333000181"), ("", None), (None, None)]
    for index, (documento, stored) in enumerate(cases):
        body = {**CLIENTES.body, "nome": f"Cliente {index}", "documento": documento}
        response = await client.post("/clientes/", json=body, headers=user_headers)
        assert response.status_code == 201, response.text
        assert response.json()["documento"] == stored


async def test_invalid_cpf_or_cnpj_is_422(client, user_headers):
    for documento in ["529.982.247-24", "11.222.333/0001-80", "111.111.111-11", "12345", "abc"]:
        response = await client.post("/clientes", json={**CLIENTES.body, "documento": documento}, headers=user_headers)
        assert response.status_code == 422, documento
        assert "documento inválido" in response.json()["detail"][0]["msg"]
    assert (await client.get("/clientes", headers=user_headers)).json() == []


async def test_invalid_uf_is_422(client, user_headers):
    for estado in ["XX", "São Paulo", "", "S", None]:
        response = await client.post("/clientes", json={**CLIENTES.body, "estado": estado}, headers=user_headers)
        assert response.status_code == 422, estado


async def test_uf_is_accepted_in_lowercase_and_stored_uppercase(client, user_headers):
    response = await client.post("/clientes", json={**CLIENTES.body, "estado": "mg"}, headers=user_headers)
    assert response.status_code == 201 and response.json()["estado"] == "MG"


async def test_invalid_uf_on_patch_is_422_and_keeps_the_old_one(client, user_headers):
    created = (await client.post("/clientes", json=CLIENTES.body, headers=user_headers)).json()
    response = await client.patch(f"/clientes/{created['id']}", json={"estado": "ZZ"}, headers=user_headers)
    assert response.status_code == 422
    assert (await client.get(f"/clientes/{created['id']}", headers=user_headers)).json()["estado"] == "SP"


async def test_email_is_validated(client, user_headers):
    for email, status in [("sem-arroba", 422), ("a@b", 422), ("cliente@grafica.com.br", 201)]:
        response = await client.post("/clientes", json={**CLIENTES.body, "email": email}, headers=user_headers)
        assert response.status_code == status, email


async def test_original_fields_are_required_strings(client, user_headers):
    for field in ["nome", "cep", "cidade", "estado", "telefone"]:
        missing = {k: v for k, v in CLIENTES.body.items() if k != field}
        assert (await client.post("/clientes", json=missing, headers=user_headers)).status_code == 422, field
        as_null = {**CLIENTES.body, field: None}
        assert (await client.post("/clientes", json=as_null, headers=user_headers)).status_code == 422, field
    assert (await client.get("/clientes", headers=user_headers)).json() == []


async def test_number_in_a_string_field_is_422_as_the_original(client, user_headers):
    response = await client.post("/clientes", json={**CLIENTES.body, "telefone": 11999990000}, headers=user_headers)
    assert response.status_code == 422


async def test_delete_answers_200_with_a_message(client, user_headers):
    created = (await client.post("/clientes", json=CLIENTES.body, headers=user_headers)).json()
    response = await client.delete(f"/clientes/{created['id']}/", headers=user_headers)
    assert response.status_code == 200 and response.json()["message"]
