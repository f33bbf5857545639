"""POST /auth/change-password (and PATCH /users/me/password): the old sessions end at once."""

from __future__ import annotations

import pytest

from auth import service as auth_service
from database.session import open_session
from tests.conftest import bearer, make_user
from tests.pedidos.conftest import pedido_body

PASSWORD = "senha-antiga-1"


@pytest.fixture
def operator(session):
    return make_user(session, username="operador", password=PASSWORD)


async def _login(client, password=PASSWORD) -> dict[str, str]:
    response = await client.post("/auth/login", json={"username": "operador", "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['session_token']}"}


@pytest.mark.parametrize("path", ["/auth/change-password", "/users/me/password"])
async def test_change_ends_other_sessions_and_keeps_the_one_that_changed_it(client, operator, admin_headers, path):
    order = (await client.post("/pedidos/", json=pedido_body(), headers=admin_headers)).json()
    changer, other = await _login(client), await _login(client)
    # Warm the fast path's cache for the other token on both hot routes.
    for headers in (changer, other):
        assert (await client.get("/pedidos/", headers=headers)).status_code == 200
        assert (await client.get(f"/pedidos/{order['id']}", headers=headers)).status_code == 200

    body = {"current_password": PASSWORD, "new_password": "senha-nova-123"}
    method = client.post if path.startswith("/auth") else client.patch
    changed = await method(path, json=body, headers=changer)
    assert changed.status_code == 200, changed.text
    assert changed.json() == {"success": True, "message": "Senha alterada com sucesso"}

    for url in ("/pedidos/", f"/pedidos/{order['id']}", "/auth/me"):
        assert (await client.get(url, headers=other)).status_code == 401, url
        assert (await client.get(url, headers=changer)).status_code == 200, url
    # The WebSocket checks tokens through the same function.
    with open_session(write=False) as db:
        assert auth_service.user_for_token(db, other["Authorization"][7:]) is None
        assert auth_service.user_for_token(db, changer["Authorization"][7:]) is not None

    old = await client.post("/auth/login", json={"username": "operador", "password": PASSWORD})
    assert old.status_code == 401
    fresh = await _login(client, "senha-nova-123")
    assert (await client.get("/pedidos/", headers=fresh)).status_code == 200


async def test_wrong_current_password_is_400_and_changes_nothing(client, operator):
    headers = await _login(client)
    wrong = await client.post(
        "/auth/change-password",
        json={"current_password": "errada-123", "new_password": "senha-nova-123"},
        headers=headers,
    )
    assert wrong.status_code == 400 and wrong.json()["detail"] == "Senha atual incorreta"
    assert (await client.get("/auth/me", headers=headers)).status_code == 200
    await _login(client)


async def test_repeated_wrong_guesses_are_slowed(client, operator):
    headers = await _login(client)
    body = {"current_password": "errada-123", "new_password": "senha-nova-123"}
    codes = [(await client.post("/auth/change-password", json=body, headers=headers)).status_code for _ in range(6)]
    assert codes[:5] == [400] * 5 and codes[5] == 429
    right = {"current_password": PASSWORD, "new_password": "senha-nova-123"}
    blocked = await client.post("/auth/change-password", json=right, headers=headers)
    assert blocked.status_code == 429 and "Retry-After" in blocked.headers


@pytest.mark.parametrize("new", ["curta", "é" * 37, "x" * 73])
async def test_weak_or_too_long_new_password_is_422(client, operator, new):
    headers = await _login(client)
    body = {"current_password": PASSWORD, "new_password": new}
    assert (await client.post("/auth/change-password", json=body, headers=headers)).status_code == 422
    await _login(client)  # unchanged


@pytest.mark.parametrize(
    "body", [None, {}, {"current_password": PASSWORD}, {"current_password": 1, "new_password": []}]
)
async def test_bad_bodies_are_422(client, operator, body):
    headers = await _login(client)
    assert (await client.post("/auth/change-password", json=body, headers=headers)).status_code == 422


async def test_unauthenticated_is_401(client):
    body = {"current_password": PASSWORD, "new_password": "senha-nova-123"}
    assert (await client.post("/auth/change-password", json=body)).status_code == 401
    bad = {"Authorization": "Bearer not-a-jwt"}
    assert (await client.post("/auth/change-password", json=body, headers=bad)).status_code == 401


async def test_admin_reset_ends_the_users_sessions(client, operator, admin_headers):
    headers = await _login(client)
    assert (await client.get("/pedidos/", headers=headers)).status_code == 200
    reset = await client.patch(f"/users/{operator.id}", json={"password": "nova-senha-123"}, headers=admin_headers)
    assert reset.status_code == 200
    assert "password_plain" not in reset.json() and "password" not in reset.json()
    assert (await client.get("/pedidos/", headers=headers)).status_code == 401
    assert (await client.get("/users", headers=admin_headers)).status_code == 200  # the admin's stays
    await _login(client, "nova-senha-123")


async def test_admin_resetting_own_password_keeps_their_session(client, admin, session):
    headers = bearer(admin)
    other = bearer(admin)
    reset = await client.patch(f"/users/{admin.id}", json={"password": "nova-senha-123"}, headers=headers)
    assert reset.status_code == 200
    assert (await client.get("/users", headers=headers)).status_code == 200
    assert (await client.get("/users", headers=other)).status_code == 401
