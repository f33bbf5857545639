"""The Docker image and compose file, built and started for real when a Docker daemon answers.

Skipped, with the reason, on machines with no working daemon (a docker client alone is not enough).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid

import httpx
import pytest

from tests.live import PROJECT_DIR, free_port


def _docker_missing() -> str | None:
    if shutil.which("docker") is None:
        return "no docker client installed"
    try:
        info = subprocess.run(
            ["docker", "info", "--format", "{{.ServerVersion}}"], capture_output=True, text=True, timeout=60
        )
    except subprocess.TimeoutExpired:
        return "the Docker daemon did not answer `docker info` within 60 s"
    if info.returncode != 0:
        lines = (info.stderr or info.stdout).strip().splitlines() or ["docker info failed"]
        return f"no working Docker daemon: {lines[-1]}"
    if subprocess.run(["docker", "compose", "version"], capture_output=True).returncode != 0:
        return "the docker compose plugin is not installed"
    return None


MISSING = _docker_missing()
pytestmark = [pytest.mark.slow, pytest.mark.skipif(MISSING is not None, reason=str(MISSING))]


def _compose(project: str, env_file, *args: str, env: dict[str, str], timeout: float = 120):
    command = ["docker", "compose", "-p", project, "--env-file", str(env_file), *args]
    return subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def compose_env(tmp_path):
    # An empty env file, so a developer's .env beside compose.yaml does not leak into the test.
    env_file = tmp_path / "compose.env"
    env_file.write_text("")
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "POSTGRES_PASSWORD", "SGP_PORT")}
    return env_file, clean


def test_compose_refuses_to_start_without_a_secret_key(compose_env):
    env_file, env = compose_env
    done = _compose(f"sgp-test-{uuid.uuid4().hex[:8]}", env_file, "config", env={**env, "POSTGRES_PASSWORD": "x1"})
    assert done.returncode != 0
    assert "SECRET_KEY" in done.stderr


def test_compose_serves_health_on_postgresql_as_a_non_root_user(compose_env):
    env_file, env = compose_env
    port = free_port()
    env.update(
        SECRET_KEY="docker-test-" + uuid.uuid4().hex + uuid.uuid4().hex,
        POSTGRES_PASSWORD="senha" + uuid.uuid4().hex[:12],
        FIRST_ADMIN_PASSWORD="admin-docker-123",
        SGP_PORT=str(port),
    )
    project = f"sgp-test-{uuid.uuid4().hex[:8]}"
    try:
        up = _compose(
            project, env_file, "up", "-d", "--build", "--wait", "--wait-timeout", "300", env=env, timeout=1800
        )
        assert up.returncode == 0, up.stderr[-3000:]
        health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=10)
        assert health.status_code == 200
        assert health.json()["checks"]["database"] == "ok"
        login = httpx.post(
            f"http://127.0.0.1:{port}/auth/login",
            json={"username": "admin", "password": "admin-docker-123"},
            timeout=10,
        )
        assert login.status_code == 200 and login.json()["is_admin"] is True
        uid = _compose(project, env_file, "exec", "-T", "sgp", "id", "-u", env=env)
        assert uid.returncode == 0 and uid.stdout.strip() not in ("", "0")
        listed = _compose(project, env_file, "exec", "-T", "sgp", "sgp", "--help", env=env)
        assert "backup" in listed.stdout
    finally:
        _compose(project, env_file, "down", "-v", "--rmi", "local", env=env, timeout=300)
