"""Users' sectors (setor): the app's user form sends them and its screens enable stages by them."""

from __future__ import annotations

import pytest

from tests.conftest import bearer, make_user

SETORES = ["admin", "financeiro", "conferencia", "impressao", "costura", "expedicao", "designer", "vendas", "geral"]


@pytest.mark.parametrize("setor", SETORES)
async def test_every_sector_of_the_form_is_kept_and_returned(client, admin_headers, setor):
    created = await client.post(
        "/users", json={"username": f"u-{setor}", "password": "senha-forte-1", "setor": setor}, headers=admin_headers
    )
    assert created.status_code == 201 and created.json()["setor"] == setor
    listed = {user["username"]: user for user in (await client.get("/users", headers=admin_headers)).json()}
    assert listed[f"u-{setor}"]["setor"] == setor
    login = await client.post("/auth/login", json={"username": f"u-{setor}", "password": "senha-forte-1"})
    assert login.json()["setor"] == setor


async def test_without_a_sector_a_user_is_geral(client, admin_headers, session):
    created = await client.post(
        "/users", json={"username": "semsetor", "password": "senha-forte-1"}, headers=admin_headers
    )
    assert created.json()["setor"] == "geral"
    user = make_user(session, username="direto")
    me = await client.get("/auth/me", headers=bearer(user))
    assert me.json()["setor"] == "geral"


async def test_an_admin_moves_a_user_to_another_sector(client, admin_headers, session):
    user = make_user(session, username="mudanca")
    response = await client.patch(f"/users/{user.id}", json={"setor": "impressao"}, headers=admin_headers)
    assert response.status_code == 200 and response.json()["setor"] == "impressao"
    mirror = await client.get(f"/admin/users/{user.id}", headers=admin_headers)
    assert mirror.json()["setor"] == "impressao"
    me = await client.get("/auth/me", headers=bearer(user))
    assert me.json()["setor"] == "impressao"


@pytest.mark.parametrize("setor", ["gerente", "", "ADMIN", 3, None])
async def test_unknown_sectors_are_422(client, admin_headers, session, setor):
    created = await client.post(
        "/users", json={"username": "ruim", "password": "senha-forte-1", "setor": setor}, headers=admin_headers
    )
    assert created.status_code == 422
    user = make_user(session, username="ruim2")
    if setor is not None:  # null in a PATCH means "unchanged"
        patched = await client.patch(f"/users/{user.id}", json={"setor": setor}, headers=admin_headers)
        assert patched.status_code == 422


async def test_staff_cannot_change_their_own_sector(client, session):
    user = make_user(session, username="vendas1", setor="vendas")
    response = await client.patch(f"/users/{user.id}", json={"setor": "admin"}, headers=bearer(user))
    assert response.status_code == 403
