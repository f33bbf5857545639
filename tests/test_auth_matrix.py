"""Every route of the app, walked from the router table: no way in without a valid token.

A new route cannot escape this test: it is found in app.routes. Public routes are an explicit list.
"""

from __future__ import annotations

import base64
import re
import time
from datetime import timedelta

import pytest
from fastapi.routing import iter_route_contexts
from jose import jwt

from auth import dependencies
from auth.models import RevokedToken
from auth.security import create_access_token
from config import settings
from database.base import utcnow
from main import app
from tests.conftest import make_user

PUBLIC = {
    ("GET", "/"),
    ("GET", "/health"),
    ("GET", "/health/ready"),
    ("POST", "/auth/login"),
    ("GET", "/docs"),
    ("GET", "/docs/oauth2-redirect"),
    ("GET", "/redoc"),
    ("GET", "/openapi.json"),
}


def _requires_admin(dependant) -> bool:
    if dependant is None:
        return False
    # /metrics: an admin, or a scraper with METRICS_TOKEN (tests/test_metrics.py).
    admin_checks = (dependencies.admin, dependencies.metrics_reader)
    return any(dep.call in admin_checks or _requires_admin(dep) for dep in dependant.dependencies)


def _routes() -> list[tuple[str, str, object]]:
    found = []
    for route in iter_route_contexts(app.routes):
        for method in sorted((getattr(route, "methods", None) or set()) - {"HEAD"}):
            found.append((method, route.path, route))
    return found


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


ROUTES = _routes()
PROTECTED = [(m, p, r) for m, p, r in ROUTES if (m, p) not in PUBLIC]
ADMIN_ONLY = [(m, p, r) for m, p, r in PROTECTED if _requires_admin(getattr(r, "dependant", None))]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.fixture
def bad_tokens(session, admin) -> dict[str, str]:
    now = int(time.time())
    claims = {"sub": "admin", "user_id": admin.id, "jti": "j1", "iat": now}
    good, _ = create_access_token(username="admin", user_id=admin.id)
    header, payload, signature = good.split(".")
    revoked, revoked_claims = create_access_token(username="admin", user_id=admin.id)
    session.add(RevokedToken(jti=revoked_claims.jti, user_id=admin.id, expires_at=utcnow() + timedelta(days=1)))
    inactive_user = make_user(session, username="desligado", is_active=False, is_admin=True)
    inactive, _ = create_access_token(username=inactive_user.username, user_id=inactive_user.id)
    session.commit()
    return {
        "expired": jwt.encode({**claims, "exp": now - 5}, settings.SECRET_KEY, algorithm="HS256"),
        "wrong key": jwt.encode({**claims, "exp": now + 600}, "x" * 40, algorithm="HS256"),
        "tampered": ".".join([header, _b64(b'{"sub":"admin","user_id":1,"jti":"z","exp":9999999999}'), signature]),
        "alg none": _b64(b'{"alg":"none","typ":"JWT"}') + f".{payload}.",
        "revoked": revoked,
        "inactive user": inactive,
    }


def test_the_public_routes_are_exactly_the_documented_ones():
    public_found = {(m, p) for m, p, _ in ROUTES} & PUBLIC
    assert public_found == PUBLIC


async def test_public_routes_answer_without_a_token(client):
    for method, path in PUBLIC - {("POST", "/auth/login")}:
        response = await client.request(method, path)
        assert response.status_code == 200, (method, path)


async def test_every_other_route_needs_a_valid_token(client, bad_tokens):
    assert len(PROTECTED) >= 10
    failures = []
    for method, path, _route in PROTECTED:
        url = _concrete(path)
        response = await client.request(method, url)
        if response.status_code != 401:
            failures.append((method, path, "no token", response.status_code))
        for name, token in bad_tokens.items():
            response = await client.request(method, url, headers={"Authorization": f"Bearer {token}"})
            if response.status_code != 401:
                failures.append((method, path, name, response.status_code))
    assert failures == []


async def test_admin_routes_refuse_other_users_with_403(client, user_headers):
    assert {("GET", "/users"), ("GET", "/metrics")} <= {(m, p) for m, p, _ in ADMIN_ONLY}
    failures = []
    for method, path, _route in ADMIN_ONLY:
        response = await client.request(method, _concrete(path), headers=user_headers)
        if response.status_code != 403:
            failures.append((method, path, response.status_code))
    assert failures == []
