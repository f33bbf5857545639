"""The generic CRUD, exercised on every lookup table with the app's own request bodies."""

from __future__ import annotations

import pytest

from tests.cadastros.conftest import ALL_PATHS, Module


async def _create(client, headers, module: Module, **overrides):
    response = await client.post(module.path, json={**module.body, **overrides}, headers=headers)
    assert response.status_code == module.create_status, response.text
    return response.json()


async def test_round_trip_create_read_list_patch_delete(client, user_headers, module):
    created = await client.post(module.path + "/", json=module.body, headers=user_headers)
    assert created.status_code == module.create_status, created.text
    record = created.json()
    for key, value in module.body.items():
        assert record[key] == value, key
    record_id = record["id"]
    assert not any(key.endswith("_key") for key in record)

    got = await client.get(f"{module.path}/{record_id}", headers=user_headers)
    assert got.status_code == 200 and got.json() == record

    listed = await client.get(module.path, headers=user_headers)
    assert listed.status_code == 200 and listed.json() == [record]
    assert listed.headers["X-Total-Count"] == "1"

    patched = await client.patch(f"{module.path}/{record_id}/", json=module.patch, headers=user_headers)
    assert patched.status_code == 200, patched.text
    assert patched.json() == {**record, **module.patch}
    assert (await client.get(f"{module.path}/{record_id}", headers=user_headers)).json() == {**record, **module.patch}

    deleted = await client.delete(f"{module.path}/{record_id}", headers=user_headers)
    assert deleted.status_code == module.delete_status
    if module.delete_status == 200:
        assert "message" in deleted.json()
    gone = await client.get(f"{module.path}/{record_id}", headers=user_headers)
    assert gone.status_code == 404 and gone.json()["detail"]


async def test_every_route_needs_a_token(client):
    for module in ALL_PATHS:
        assert (await client.get(module.path)).status_code == 401, module
        assert (await client.post(module.path, json=module.body)).status_code == 401, module
        assert (await client.delete(f"{module.path}/1")).status_code == 401, module


async def test_unknown_id_is_404_for_read_patch_delete(client, user_headers):
    for module in ALL_PATHS:
        assert (await client.get(f"{module.path}/999", headers=user_headers)).status_code == 404, module
        patch = await client.patch(f"{module.path}/999", json=module.patch, headers=user_headers)
        assert patch.status_code == 404, module
        assert (await client.delete(f"{module.path}/999", headers=user_headers)).status_code == 404, module
        huge = await client.get(f"{module.path}/99999999999999999999", headers=user_headers)
        assert huge.status_code == 422, module


async def test_duplicate_name_ignoring_case_accents_and_spaces_is_409(client, user_headers, table):
    await _create(client, user_headers, table, **{table.name_field: "São  João Gráfica"})
    again = await client.post(table.path, json=table.with_name("  sao joao   GRAFICA "), headers=user_headers)
    assert again.status_code == 409
    assert "Já existe" in again.json()["detail"]

    other = await _create(client, user_headers, table, **{table.name_field: "Outro Nome"})
    renamed = await client.patch(
        f"{table.path}/{other['id']}", json={table.name_field: "SÃO JOÃO gráfica"}, headers=user_headers
    )
    assert renamed.status_code == 409
    listed = await client.get(table.path, headers=user_headers)
    assert sorted(r[table.name_field] for r in listed.json()) == ["Outro Nome", "São João Gráfica"]

    # A record may keep its own name with another spelling.
    own = await client.patch(f"{table.path}/{other['id']}", json={table.name_field: "OUTRO nome"}, headers=user_headers)
    assert own.status_code == 200 and own.json()[table.name_field] == "OUTRO nome"


async def test_q_searches_the_name_without_accents_or_case(client, user_headers, table):
    for name in ("Gráfica Ágil", "Papelaria Central", "AGIL Sublimação"):
        await _create(client, user_headers, table, **{table.name_field: name})
    for q, expected in (("agil", 2), ("GRAFICA agil", 1), ("sublimacao", 1), ("nada", 0), ("%", 0)):
        response = await client.get(table.path, params={"q": q}, headers=user_headers)
        assert response.status_code == 200
        assert len(response.json()) == expected, q
        assert response.headers["X-Total-Count"] == str(expected)


async def test_skip_limit_page_with_total_count(client, user_headers, table):
    names = [f"Registro {n}" for n in range(5)]
    for name in names:
        await _create(client, user_headers, table, **{table.name_field: name})
    response = await client.get(table.path, params={"skip": 1, "limit": 2}, headers=user_headers)
    assert [r[table.name_field] for r in response.json()] == names[1:3]
    assert response.headers["X-Total-Count"] == "5"


async def test_ativo_filter_and_ativos_route(client, user_headers, table):
    await _create(client, user_headers, table, **{table.name_field: "Ligado"})
    await _create(client, user_headers, table, **{table.name_field: "Desligado", table.active_field: False})
    if table.active_field in table.body or table.path == "/clientes":
        filtered = await client.get(table.path, params={"ativo": "false"}, headers=user_headers)
        assert [r[table.name_field] for r in filtered.json()] == ["Desligado"]
    ativos = await client.get(f"{table.path}/ativos", headers=user_headers)
    if table.has_ativos:
        assert [r[table.name_field] for r in ativos.json()] == ["Ligado"]
        assert ativos.headers["X-Total-Count"] == "1"
    else:
        assert ativos.status_code in (404, 422)


async def test_null_in_a_required_field_is_422_on_create_and_patch(client, user_headers, table):
    for name in (None, "   ", ""):
        response = await client.post(table.path, json=table.with_name(name), headers=user_headers)
        assert response.status_code == 422, name
    record = await _create(client, user_headers, table)
    for field in (table.name_field, table.active_field):
        patched = await client.patch(f"{table.path}/{record['id']}", json={field: None}, headers=user_headers)
        assert patched.status_code == 422, field
        assert "não pode ser nulo" in str(patched.json()["detail"])
    assert (await client.get(f"{table.path}/{record['id']}", headers=user_headers)).json() == record


@pytest.mark.parametrize("module", [m for m in ALL_PATHS if m.path in ("/pagamentos", "/tipos-pagamentos")], ids=str)
async def test_alias_paths_share_the_table(client, user_headers, module):
    record = await _create(client, user_headers, module)
    other = "/tipos-pagamentos" if module.path == "/pagamentos" else "/pagamentos"
    assert (await client.get(f"{other}/{record['id']}", headers=user_headers)).json() == record


async def test_envios_alias_shares_the_table(client, user_headers):
    created = await client.post("/envios", json={"nome": "Motoboy", "valor": "15,00"}, headers=user_headers)
    assert created.status_code == 201
    listed = await client.get("/tipos-envios/", headers=user_headers)
    assert listed.json() == [{**created.json(), "valor": 15.0, "prazo_dias": 0, "ativo": True}]
