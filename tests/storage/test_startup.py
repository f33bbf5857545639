"""A production server refuses to start on a misconfigured or unreachable object store, in one line."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.live import PROJECT_DIR, free_port


def start(**env: str) -> subprocess.CompletedProcess:
    settings = {**os.environ, "ENVIRONMENT": "production", "SECRET_KEY": "p" * 40, "MEDIA_STORAGE": "s3", **env}
    command = [sys.executable, "-m", "serve", "--host", "127.0.0.1", "--port", str(free_port())]
    return subprocess.run(command, cwd=PROJECT_DIR, env=settings, capture_output=True, text=True, timeout=60)


def test_unreachable_endpoint_stops_production_naming_the_setting():
    result = start(S3_ENDPOINT_URL="http://127.0.0.1:9", S3_BUCKET="midia")
    assert result.returncode != 0
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("SGP não iniciado: S3_ENDPOINT_URL")


def test_missing_bucket_setting_is_refused(moto_server):
    result = start(S3_ENDPOINT_URL=moto_server.url, S3_BUCKET="")
    assert result.returncode != 0 and "S3_BUCKET" in result.stderr.strip().splitlines()[-1]


def test_a_bucket_that_does_not_exist_is_named(moto_server):
    env = {**moto_server.env("nao-existe"), "ENVIRONMENT": "production"}
    result = start(**env)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [result.stderr.strip()] and "S3_BUCKET" in result.stderr
