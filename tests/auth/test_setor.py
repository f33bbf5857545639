"""users.setor: the app's sectors, in login, /auth/me and the user screens."""

from __future__ import annotations

import pytest

from tests.conftest import make_user

SETORES = ["admin", "financeiro", "conferencia", "impressao", "costura", "expedicao", "designer", "vendas", "geral"]


@pytest.mark.parametrize("setor", SETORES)
async def test_admin_creates_and_edits_users_with_each_sector(client, admin_headers, setor):
    created = await client.post(
        "/users",
        json={"username": "u1", "password": "senha-forte-1", "is_admin": False, "setor": setor},
        headers=admin_headers,
    )
    assert created.status_code == 201 and created.json()["setor"] == setor
    assert "password_plain" not in created.json()
    user_id = created.json()["id"]
    patched = await client.patch(f"/users/{user_id}", json={"setor": "costura"}, headers=admin_headers)
    assert patched.json()["setor"] == "costura"
    assert (await client.get(f"/admin/users/{user_id}", headers=admin_headers)).json()["setor"] == "costura"
    listed = await client.get("/users", headers=admin_headers)
    assert {u["username"]: u["setor"] for u in listed.json()}["u1"] == "costura"


async def test_sector_defaults_to_geral(client, admin_headers):
    created = await client.post("/users", json={"username": "u2", "password": "senha-forte-1"}, headers=admin_headers)
    assert created.json()["setor"] == "geral"


@pytest.mark.parametrize("setor", ["Costura", "gerente", "", 3, None])
async def test_unknown_sector_is_422(client, admin_headers, setor):
    body = {"username": "u3", "password": "senha-forte-1", "setor": setor}
    assert (await client.post("/users", json=body, headers=admin_headers)).status_code == 422
    make = await client.post("/users", json={"username": "u4", "password": "senha-forte-1"}, headers=admin_headers)
    if setor is not None:  # PATCH with null means "unchanged"
        patched = await client.patch(f"/users/{make.json()['id']}", json={"setor": setor}, headers=admin_headers)
        assert patched.status_code == 422


async def test_login_and_me_carry_the_sector(client, session):
    make_user(session, username="impressora", password="senha-forte-1", setor="impressao")
    login = await client.post("/auth/login", json={"username": "impressora", "password": "senha-forte-1"})
    assert login.json()["setor"] == "impressao"
    me = await client.get("/auth/me", headers={"Authorization": f"Bearer {login.json()['session_token']}"})
    assert me.json()["setor"] == "impressao"
