"""Login, logout and token checks as the desktop app and an attacker would exercise them."""

from __future__ import annotations

import time
from datetime import timedelta

from jose import jwt
from sqlalchemy import update

from auth.models import LoginFailure
from auth.security import create_access_token
from config import settings
from tests.conftest import bearer, make_user

ADMIN = {"username": "admin", "password": "admin-senha-123"}


async def test_login_with_json_returns_the_fields_the_app_reads(client, admin):
    response = await client.post("/auth/login", json=ADMIN)
    assert response.status_code == 200
    body = response.json()
    assert body["success"] is True
    assert body["user_id"] == admin.id
    assert body["username"] == "admin"
    assert body["is_admin"] is True
    assert body["message"] == "Login realizado com sucesso"
    assert body["session_token"] == body["access_token"]
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 8 * 24 * 3600
    me = await client.get("/auth/me", headers={"Authorization": f"Bearer {body['session_token']}"})
    assert me.status_code == 200
    assert me.json()["username"] == "admin"


async def test_login_with_form_fields_for_the_docs_authorize_button(client, admin):
    response = await client.post("/auth/login", data=ADMIN)
    assert response.status_code == 200
    assert response.json()["access_token"]


async def test_wrong_password_and_unknown_user_get_the_same_401(client, admin):
    wrong = await client.post("/auth/login", json={"username": "admin", "password": "errada-123"})
    unknown = await client.post("/auth/login", json={"username": "ninguem", "password": "errada-123"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"detail": "Usuário ou senha inválidos"}


async def test_inactive_user_gets_403(client, session):
    make_user(session, username="inativo", password="senha-inativa-1", is_active=False)
    response = await client.post("/auth/login", json={"username": "inativo", "password": "senha-inativa-1"})
    assert response.status_code == 403
    assert response.json()["detail"] == "Usuário inativo"


async def test_login_with_a_password_longer_than_bcrypt_takes_is_401_not_500(client, admin):
    response = await client.post("/auth/login", json={"username": "admin", "password": "x" * 100})
    assert response.status_code == 401


async def test_login_with_missing_fields_is_422(client):
    response = await client.post("/auth/login", json={"username": "admin"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "password"


async def test_five_failures_throttle_that_pair_then_it_recovers(client, admin, session):
    for _ in range(5):
        assert (await client.post("/auth/login", json={**ADMIN, "password": "errada-123"})).status_code == 401
    blocked = await client.post("/auth/login", json=ADMIN)
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["Retry-After"]) <= settings.LOGIN_FAILURE_WINDOW_SECONDS

    # Another client address is not blocked for the same username.
    import httpx

    from main import app

    other = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, client=("10.0.0.9", 1)), base_url="http://testserver"
    )
    async with other:
        assert (await other.post("/auth/login", json=ADMIN)).status_code == 200

    # Once the failures are older than the window, the pair can log in again.
    session.execute(
        update(LoginFailure).values(
            created_at=LoginFailure.created_at - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS + 1)
        )
    )
    session.commit()
    assert (await client.post("/auth/login", json=ADMIN)).status_code == 200


async def test_logout_revokes_the_token(client, admin):
    token = (await client.post("/auth/login", json=ADMIN)).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    logout = await client.post("/auth/logout", headers=headers)
    assert logout.status_code == 200
    assert logout.json() == {"success": True, "message": "Logout realizado com sucesso"}
    assert (await client.get("/auth/me", headers=headers)).status_code == 401
    # A fresh login still works.
    assert (await client.post("/auth/login", json=ADMIN)).status_code == 200


def _forge(payload: dict, key: str = settings.SECRET_KEY, algorithm: str = "HS256") -> str:
    return jwt.encode(payload, key, algorithm=algorithm)


def _b64(data: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


async def test_expired_tampered_alg_none_and_wrong_key_tokens_are_401(client, admin):
    now = int(time.time())
    claims = {"sub": "admin", "user_id": admin.id, "jti": "abc", "iat": now}
    good, _ = create_access_token(username="admin", user_id=admin.id)
    header, payload, signature = good.split(".")
    tampered_payload = _b64(b'{"sub":"admin","user_id":1,"jti":"x","exp":9999999999,"is_admin":true}')
    tokens = {
        "expired": _forge({**claims, "exp": now - 10}),
        "wrong key": _forge({**claims, "exp": now + 600}, key="outra-chave-qualquer-com-32-caracteres!!"),
        "tampered": f"{header}.{tampered_payload}.{signature}",
        "alg none": _b64(b'{"alg":"none","typ":"JWT"}') + f".{payload}.",
        "garbage": "not-a-token",
    }
    for name, token in tokens.items():
        response = await client.get("/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, name
    assert (await client.get("/auth/me", headers={"Authorization": f"Bearer {good}"})).status_code == 200
    assert (await client.get("/auth/me")).status_code == 401


async def test_a_deactivated_users_token_stops_working_at_once(client, admin_headers, session):
    user = make_user(session, username="caixa", password="senha-caixa-1")
    headers = bearer(user)
    assert (await client.get("/auth/me", headers=headers)).status_code == 200
    response = await client.patch(f"/users/{user.id}", json={"is_active": False}, headers=admin_headers)
    assert response.status_code == 200
    assert (await client.get("/auth/me", headers=headers)).status_code == 401


async def test_first_admin_is_created_once_with_the_configured_or_a_random_password(session, monkeypatch):
    from auth.security import verify_password
    from auth.service import ensure_first_admin

    monkeypatch.setattr(settings, "FIRST_ADMIN_PASSWORD", None)
    password = ensure_first_admin(session)
    session.commit()
    assert password and len(password) >= 12
    from sqlalchemy import select

    from auth.models import User

    admin_user = session.execute(select(User).where(User.username == "admin")).scalar_one()
    assert admin_user.is_admin and verify_password(password, admin_user.hashed_password)
    assert ensure_first_admin(session) is None  # users exist: nothing happens
