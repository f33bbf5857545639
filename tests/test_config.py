"""Production refuses weak secrets, with a one-line reason."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.live import PROJECT_DIR


def _start_config(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import config; print('ok')"],
        cwd=PROJECT_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_the_default_secret_key():
    result = _start_config(ENVIRONMENT="production", SECRET_KEY="change-me")
    assert result.returncode != 0
    lines = [line for line in result.stderr.strip().splitlines() if line]
    assert lines[-1].startswith("Configuração inválida: SECRET_KEY inseguro em produção")
    assert "Traceback" not in result.stderr


def test_production_refuses_a_short_secret_key():
    result = _start_config(ENVIRONMENT="production", SECRET_KEY="curta-demais")
    assert result.returncode != 0
    assert "32 caracteres" in result.stderr


def test_production_accepts_a_long_random_key():
    result = _start_config(ENVIRONMENT="production", SECRET_KEY="k" * 48)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_relative_paths_resolve_under_shared(tmp_path):
    from config import Settings

    configured = Settings(API_ROOT=tmp_path, DATABASE_URL="sqlite:///db/x.db", MEDIA_ROOT="media")
    assert configured.database_url == f"sqlite:///{tmp_path}/shared/db/x.db"
    assert configured.media_root == tmp_path / "shared" / "media"
    assert Settings(DATABASE_URL="postgresql://u@h/db").database_url == "postgresql+psycopg://u@h/db"
