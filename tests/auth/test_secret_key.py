"""The signing key: generated once into shared/secret_key when unset, shared by every worker, and
`change-me` or a short key refused when the server listens beyond localhost."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor

import httpx
import pytest
from jose import jwt

from config import Settings
from listen import addresses, beyond_localhost, weak_secret_problem
from secret_key import SecretKeyError, stored
from tests.conftest import make_user
from tests.live import PROJECT_DIR, LiveServer, free_port, live_server, wait_until

STRONG = "k" * 40


def _forged(user, key: str) -> str:
    now = int(time.time())
    claims = {"sub": user.username, "user_id": user.id, "jti": "forjado", "iat": now, "exp": now + 600}
    return jwt.encode(claims, key, algorithm="HS256")


async def test_a_token_signed_with_change_me_is_refused(client, session):
    admin = make_user(session, username="chefe", is_admin=True)
    response = await client.get("/users", headers={"Authorization": f"Bearer {_forged(admin, 'change-me')}"})
    assert response.status_code == 401


def test_the_key_file_is_created_private_and_reused(tmp_path):
    first = Settings(API_ROOT=tmp_path, SECRET_KEY="")
    key_file = tmp_path / "shared" / "secret_key"
    assert key_file.read_text().strip() == first.SECRET_KEY and len(first.SECRET_KEY) >= 32
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert Settings(API_ROOT=tmp_path, SECRET_KEY="").SECRET_KEY == first.SECRET_KEY
    # A key that is set wins, and the file is left alone.
    assert Settings(API_ROOT=tmp_path, SECRET_KEY=STRONG).SECRET_KEY == STRONG
    assert first.SECRET_KEY not in repr(first)


def test_processes_starting_together_agree_on_one_key(tmp_path):
    path = tmp_path / "shared" / "secret_key"
    with ProcessPoolExecutor(max_workers=6) as pool:
        keys = set(pool.map(stored, [path] * 24))
    assert keys == {path.read_text().strip()}
    assert [p.name for p in path.parent.iterdir()] == ["secret_key"]  # no temporary file left


def test_a_damaged_key_file_is_refused_not_replaced(tmp_path):
    path = tmp_path / "secret_key"
    path.write_text("curta\n")
    with pytest.raises(SecretKeyError, match="apague o arquivo"):
        stored(path)
    assert path.read_text() == "curta\n"


def test_the_listening_address_is_read_from_uvicorn_and_hypercorn_options():
    assert addresses([]) == [("127.0.0.1", None)]
    assert addresses(["--host", "0.0.0.0", "--port", "9000"]) == [("0.0.0.0", 9000)]
    assert addresses(["main:app", "--bind=[::1]:8000"]) == [("::1", 8000)]
    assert not beyond_localhost(["--host", "localhost"]) and not beyond_localhost(["--uds", "/tmp/sgp.sock"])
    assert beyond_localhost(["-b", "0.0.0.0:80"]) and beyond_localhost(["--host", "sgp.loja.lan"])
    assert weak_secret_problem(["--host", "127.0.0.1"], "change-me") is None  # a developer's own machine
    assert weak_secret_problem(["--host", "0.0.0.0"], STRONG) is None


def _serve(*options: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *options],
        cwd=PROJECT_DIR,
        env={**os.environ, "ENVIRONMENT": "development", **env},
        capture_output=True,
        text=True,
        timeout=90,
    )


@pytest.mark.parametrize("key", ["change-me", "curta-demais-para-assinar"])
def test_a_weak_key_is_refused_when_listening_beyond_localhost(key, tmp_path):
    result = _serve("serve", "--host", "0.0.0.0", "--port", str(free_port()), SECRET_KEY=key, API_ROOT=str(tmp_path))
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [lines[0]] and lines[0].startswith("Configuração inválida: SECRET_KEY inseguro")
    assert "0.0.0.0" in lines[0] and "Traceback" not in result.stderr


def test_uvicorn_started_by_hand_is_refused_too(tmp_path):
    port = str(free_port())
    result = _serve("uvicorn", "main:app", "--host", "0.0.0.0", "--port", port, SECRET_KEY="change-me")
    assert result.returncode != 0
    assert "Configuração inválida: SECRET_KEY inseguro ('change-me')" in result.stderr


def test_every_worker_signs_with_the_generated_key_and_a_restart_reuses_it(session, tmp_path):
    admin = make_user(session, username="chefe", is_admin=True)
    metrics_dir = tmp_path / "prometheus"
    env = {"SECRET_KEY": "", "API_ROOT": str(tmp_path), "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}
    key_file = tmp_path / "shared" / "secret_key"

    server = LiveServer(workers=2, env=env).start()
    try:
        key = key_file.read_text().strip()
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600 and len(key) >= 32
        token, forged = _forged(admin, key), _forged(admin, "change-me")
        answers: dict[str, set[int]] = {"generated key": set(), "change-me": set()}

        def both_workers_answered() -> bool:
            # A new connection each time, so either worker may take it.
            for name, signed in (("generated key", token), ("change-me", forged)):
                response = httpx.get(server.url + "/users", headers={"Authorization": f"Bearer {signed}"})
                answers[name].add(response.status_code)
            return len({path.stem.rsplit("_", 1)[-1] for path in metrics_dir.glob("counter_*.db")}) >= 2

        wait_until(both_workers_answered, timeout=60, interval=0, message="both workers to answer")
        assert answers == {"generated key": {200}, "change-me": {401}}
    finally:
        server.stop()

    with live_server(env=env) as restarted:
        assert key_file.read_text().strip() == key
        assert httpx.get(restarted.url + "/users", headers={"Authorization": f"Bearer {token}"}).status_code == 200
