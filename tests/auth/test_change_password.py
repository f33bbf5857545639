"""POST /auth/change-password (today's app's dialog) and PATCH /users/me/password: one rule."""

from __future__ import annotations

import pytest

from auth.security import create_access_token
from tests.conftest import bearer, make_user

CHANGE = "/auth/change-password"


def _token_headers(user) -> dict[str, str]:
    token, _claims = create_access_token(username=user.username, user_id=user.id)
    return {"Authorization": f"Bearer {token}"}


async def _works(client, headers) -> bool:
    # The order routes check tokens through the fast path (cached checks); /auth/me through the plain one.
    statuses = [
        (await client.get("/auth/me", headers=headers)).status_code,
        (await client.get("/pedidos/", headers=headers)).status_code,
        (await client.get("/pedidos/1", headers=headers)).status_code,
    ]
    assert set(statuses) <= {200, 401, 404}, statuses
    if statuses[0] == 200:
        assert statuses[1] == 200 and statuses[2] == 404
    else:
        assert statuses == [401, 401, 401]
    return statuses[0] == 200


async def test_change_password_answers_like_the_original_and_the_new_password_logs_in(client, session):
    user = make_user(session, username="designer1", password="senha-antiga-1")
    response = await client.post(
        CHANGE, json={"current_password": "senha-antiga-1", "new_password": "senha-nova-12"}, headers=bearer(user)
    )
    assert response.status_code == 200
    assert response.json() == {"success": True, "message": "Senha alterada com sucesso"}
    old = await client.post("/auth/login", json={"username": "designer1", "password": "senha-antiga-1"})
    new = await client.post("/auth/login", json={"username": "designer1", "password": "senha-nova-12"})
    assert old.status_code == 401 and new.status_code == 200


@pytest.mark.parametrize("path", [CHANGE, "/users/me/password"])
async def test_other_sessions_end_at_once_and_the_one_in_use_goes_on(client, session, path):
    user = make_user(session, username="caixa", password="senha-antiga-1")
    other, current = _token_headers(user), _token_headers(user)
    assert await _works(client, other) and await _works(client, current)  # both checked (and cached)
    body = {"current_password": "senha-antiga-1", "new_password": "senha-nova-12"}
    call = client.post if path == CHANGE else client.patch
    assert (await call(path, json=body, headers=current)).status_code == 200
    assert not await _works(client, other)
    assert await _works(client, current)
    login = await client.post("/auth/login", json={"username": "caixa", "password": "senha-nova-12"})
    assert await _works(client, {"Authorization": f"Bearer {login.json()['access_token']}"})


async def test_wrong_current_password_is_400_and_changes_nothing(client, session):
    user = make_user(session, username="expedicao1", password="senha-antiga-1")
    headers = bearer(user)
    response = await client.post(
        CHANGE, json={"current_password": "errada-00", "new_password": "senha-nova-12"}, headers=headers
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Senha atual incorreta"}
    assert await _works(client, headers)
    login = await client.post("/auth/login", json={"username": "expedicao1", "password": "senha-antiga-1"})
    assert login.status_code == 200


async def test_repeated_wrong_current_passwords_are_slowed_like_logins(client, session):
    user = make_user(session, username="tentativas", password="senha-antiga-1")
    headers = bearer(user)
    body = {"current_password": "errada-00", "new_password": "senha-nova-12"}
    codes = [(await client.post(CHANGE, json=body, headers=headers)).status_code for _ in range(6)]
    assert codes == [400] * 5 + [429]
    right = {"current_password": "senha-antiga-1", "new_password": "senha-nova-12"}
    assert (await client.post(CHANGE, json=right, headers=headers)).status_code == 429


@pytest.mark.parametrize(
    "body",
    [
        {"current_password": "senha-antiga-1", "new_password": "curta"},
        {"current_password": "senha-antiga-1", "new_password": "x" * 73},
        {"current_password": "senha-antiga-1"},
        {"new_password": "senha-nova-12"},
        {"current_password": 5, "new_password": ["senha-nova-12"]},
    ],
)
async def test_bad_bodies_are_422_and_change_nothing(client, session, body):
    user = make_user(session, username="fraca", password="senha-antiga-1")
    response = await client.post(CHANGE, json=body, headers=bearer(user))
    assert response.status_code == 422
    login = await client.post("/auth/login", json={"username": "fraca", "password": "senha-antiga-1"})
    assert login.status_code == 200


async def test_change_password_needs_a_token(client):
    body = {"current_password": "senha-antiga-1", "new_password": "senha-nova-12"}
    assert (await client.post(CHANGE, json=body)).status_code == 401


async def test_an_admin_reset_ends_the_users_sessions(client, session, admin_headers):
    user = make_user(session, username="resetada", password="senha-antiga-1")
    headers = _token_headers(user)
    assert await _works(client, headers)
    response = await client.patch(f"/users/{user.id}", json={"password": "senha-do-admin-1"}, headers=admin_headers)
    assert response.status_code == 200
    assert not await _works(client, headers)
    assert await _works(client, admin_headers)


async def test_no_password_is_ever_returned(client, admin_headers):
    created = await client.post(
        "/users", json={"username": "nova", "password": "senha-nova-12", "setor": "costura"}, headers=admin_headers
    )
    listed = await client.get("/users", headers=admin_headers)
    for body in (created.json(), *listed.json()):
        assert not {"password", "password_plain", "hashed_password"} & set(body)
