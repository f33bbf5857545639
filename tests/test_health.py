"""GET / and GET /health: public, and honest about the database."""

from __future__ import annotations

from sqlalchemy import create_engine

from database import engine as engines


async def test_root_names_the_api(client):
    response = await client.get("/")
    assert response.status_code == 200
    assert set(response.json()) == {"name", "version", "docs"}


async def test_health_is_ok_with_the_database_up(client):
    response = await client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"api": "ok", "database": "ok", "storage": "ok"}
    assert body["version"] and "T" in body["timestamp"]


async def test_health_is_503_degraded_when_the_database_is_unreachable(client, monkeypatch):
    unreachable = create_engine("postgresql+psycopg://postgres@127.0.0.1:1/none", connect_args={"connect_timeout": 2})
    monkeypatch.setattr(engines, "engine", unreachable)
    response = await client.get("/health")
    assert response.status_code == 503
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["database"] == "unreachable"
