"""GET /health/ready: can this server take traffic? Public, 503 naming the failing check, no secrets."""

from __future__ import annotations

from sqlalchemy import text

from config import settings
from database import engine as engines


async def test_ready_when_every_check_passes(client):
    response = await client.get("/health/ready")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "ready" and body["failing"] == []
    assert body["checks"] == {"database": "ok", "migrations": "ok", "storage": "ok", "disk": "ok"}
    assert (await client.get("/health")).json()["checks"] == {"api": "ok", "database": "ok", "storage": "ok"}


async def test_not_ready_names_the_check_and_reveals_nothing(client, monkeypatch):
    monkeypatch.setattr(settings, "READY_MIN_FREE_DISK_MB", 10**12)  # more than any disk has free
    response = await client.get("/health/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not_ready" and body["failing"] == ["disk"] and body["checks"]["disk"] == "low"
    for secret in (settings.SECRET_KEY, str(settings.API_ROOT), settings.database_url.split("@")[-1]):
        assert secret not in response.text


async def test_not_ready_while_migrations_are_behind(client):
    with engines.write_engine.begin() as connection:
        head = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    try:
        response = await client.get("/health/ready")
    finally:
        with engines.write_engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head})
    assert response.status_code == 503
    assert response.json()["failing"] == ["migrations"] and response.json()["checks"]["migrations"] == "behind"
    assert (await client.get("/health/ready")).status_code == 200


async def test_not_ready_when_media_cannot_be_written(client, monkeypatch, tmp_path):
    blocker = tmp_path / "arquivo"
    blocker.write_text("não é uma pasta")
    monkeypatch.setattr(settings, "MEDIA_ROOT", blocker / "media")  # a folder that cannot be made
    response = await client.get("/health/ready")
    assert response.status_code == 503
    assert "storage" in response.json()["failing"] and response.json()["checks"]["storage"] == "not_writable"
    assert str(tmp_path) not in response.text
