"""Resource limits: pages capped, big bodies refused before they are read whole, long searches refused."""

from __future__ import annotations

import orjson

from config import settings
from database import pagination


async def test_a_page_above_the_maximum_is_capped_not_refused(client, user_headers, monkeypatch):
    for nome in ("Ana", "Bia", "Caio"):
        assert (await client.post("/designers", json={"nome": nome}, headers=user_headers)).status_code == 201
    monkeypatch.setattr(pagination, "MAX_PAGE", 2)
    response = await client.get("/designers", params={"limit": 500_000}, headers=user_headers)
    assert response.status_code == 200
    assert len(response.json()) == 2
    assert response.headers["x-total-count"] == "3"


async def test_a_declared_body_over_the_limit_is_413_at_once(client, admin_headers, monkeypatch):
    monkeypatch.setattr(settings, "MAX_REQUEST_BODY_MB", 1)
    body = orjson.dumps({"cliente": "x" * (2 * 1024 * 1024), "data_entrada": "2026-05-01"})
    response = await client.post(
        "/pedidos/", content=body, headers={**admin_headers, "Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert "limite" in response.json()["detail"]


async def test_a_streamed_body_is_cut_off_at_the_limit(client, admin_headers, monkeypatch):
    monkeypatch.setattr(settings, "MAX_REQUEST_BODY_MB", 1)
    sent = []

    async def chunks():
        yield b'{"cliente": "'
        for _ in range(64):  # 64 × 64 KiB = 4 MiB, no Content-Length
            sent.append(1)
            yield b"x" * 65536
        yield b'", "data_entrada": "2026-05-01"}'

    response = await client.post(
        "/pedidos/", content=chunks(), headers={**admin_headers, "Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert len(sent) < 64  # refused before the whole body was read
    assert (await client.get("/pedidos/", headers=admin_headers)).json() == []


async def test_a_very_long_search_is_refused(client, user_headers):
    long_text = "a" * 5000
    for path in ("/pedidos/", "/clientes", "/designers"):
        response = await client.get(path, params={"q": long_text}, headers=user_headers)
        assert response.status_code == 422, path
    response = await client.get("/pedidos/", params={"cliente": long_text}, headers=user_headers)
    assert response.status_code == 422
