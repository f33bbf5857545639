"""Both media backends for one test: the local folder and S3 (a real moto server, one bucket per test)."""

from __future__ import annotations

import pytest

from config import settings
from storage import media
from tests.storage.moto import MotoServer


@pytest.fixture(scope="session")
def moto_server():
    server = MotoServer().start()
    yield server
    server.stop()


def use_s3(monkeypatch, server: MotoServer, bucket: str | None = None) -> str:
    bucket = bucket or server.new_bucket()
    for name, value in server.env(bucket).items():
        monkeypatch.setattr(settings, name, value)
    return bucket


@pytest.fixture(params=["local", "s3"])
def backend(request, monkeypatch):
    """The media storage under test; the app and the test see the same one."""
    if request.param == "s3":
        use_s3(monkeypatch, request.getfixturevalue("moto_server"))
    return media()


def objects(prefix: str = "") -> list[str]:
    return [info.key for info in media().list(prefix)]
