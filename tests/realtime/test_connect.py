"""Who may open /ws/orders: a valid, unrevoked token of an active user, by query or header."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx
import pytest
from jose import jwt
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from config import settings
from tests.conftest import make_user
from tests.realtime.support import next_message, open_socket, token_of, write_event, ws_url


async def closed_with(ws) -> tuple[int, str]:
    with pytest.raises(ConnectionClosed):
        await next_message(ws, timeout=5)
    return ws.close_code, ws.close_reason


def expired_token(user) -> str:
    past = datetime(2020, 1, 1)
    claims = {
        "sub": user.username,
        "user_id": user.id,
        "jti": "x" * 32,
        "iat": 1577836000,
        "exp": int((past + timedelta(hours=1) - datetime(1970, 1, 1)).total_seconds()),
    }
    return jwt.encode(claims, settings.SECRET_KEY, algorithm="HS256")


@pytest.mark.parametrize("token", [None, "", "not-a-jwt", "expired", "wrong-key", "alg-none"])
async def test_bad_tokens_are_closed_with_1008(cluster, user, token):
    if token == "expired":
        token = expired_token(user)
    elif token == "wrong-key":
        token = jwt.encode({"sub": "ana", "user_id": user.id, "jti": "y", "exp": 4102444800}, "x" * 40)
    elif token == "alg-none":
        token = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." + token_of(user).split(".")[1] + "."
    async with connect(ws_url(cluster.url, token), compression=None) as ws:
        assert await closed_with(ws) == (1008, "Token inválido ou ausente")


async def test_revoked_token_is_closed_with_1008(cluster, user):
    token = token_of(user)
    response = httpx.post(cluster.http_url + "/auth/logout", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    async with connect(ws_url(cluster.url, token), compression=None) as ws:
        assert await closed_with(ws) == (1008, "Token inválido ou ausente")


async def test_inactive_user_is_closed_with_1008(cluster, session):
    inactive = make_user(session, username="inativo", is_active=False)
    async with await open_socket(cluster.url, inactive) as ws:
        assert (await closed_with(ws))[0] == 1008


async def test_authorization_header_works_like_the_query_token(cluster, user):
    headers = {"Authorization": f"Bearer {token_of(user)}"}
    async with connect(ws_url(cluster.url), additional_headers=headers, compression=None) as ws:
        write_event({"type": "order_deleted", "order_id": 7})
        assert (await next_message(ws))["order_id"] == 7


async def test_login_token_opens_the_socket(cluster, user):
    response = httpx.post(cluster.http_url + "/auth/login", json={"username": "ana", "password": "senha-forte-1"})
    token = response.json()["access_token"]
    async with connect(ws_url(cluster.url, token), compression=None) as ws:
        event_id = write_event({"type": "order_deleted", "order_id": 8})
        assert await next_message(ws) == {"type": "order_deleted", "order_id": 8, "event_id": event_id}
