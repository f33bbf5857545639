"""First start: the admin's password in a banner on the console, never in the log file; and
`python -m scripts.reset_admin` when it is lost."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

from sqlalchemy import select

from auth.models import User
from auth.security import verify_password
from scripts import reset_admin
from tests.conftest import bearer, make_user
from tests.live import PROJECT_DIR

BANNER_PASSWORD = re.compile(r"^\|\s+senha:\s+(\S+)\s+\|$", re.MULTILINE)


def _run(module: str, tmp_path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """The command as an operator runs it, on the test database, with its own shared/ folder."""
    env = {**os.environ, "API_ROOT": str(tmp_path), "SECRET_KEY": "", "FIRST_ADMIN_PASSWORD": "", "LOG_LEVEL": "INFO"}
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=PROJECT_DIR,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _stored_admin(session) -> User:
    session.commit()  # a new read transaction: sees what the command wrote
    return session.execute(select(User).where(User.username == "admin")).scalar_one()


def test_first_start_shows_the_password_once_in_a_banner_and_never_logs_it(session, tmp_path):
    first = _run("init_db", tmp_path)
    assert first.returncode == 0, first.stderr
    found = BANNER_PASSWORD.findall(first.stdout)
    assert len(found) == 1
    password = found[0]
    assert "primeiro administrador criado" in first.stdout
    assert re.search(r"\|\s+API:\s+http://localhost:8000/docs\s+\|", first.stdout)
    admin = _stored_admin(session)
    assert admin.is_admin and verify_password(password, admin.hashed_password)

    log = (tmp_path / "shared" / "logs" / "sgp.log").read_text(encoding="utf-8")
    assert "Primeiro administrador 'admin' criado" in log  # the event is logged...
    assert password not in log and password not in first.stderr  # ...its password is not

    again = _run("init_db", tmp_path)
    assert again.returncode == 0 and "senha:" not in again.stdout  # shown once only


def test_reset_admin_shows_a_new_password_once_and_ends_the_admins_sessions(session, tmp_path):
    make_user(session, username="admin", password="senha-antiga-1", is_admin=True)

    result = _run("scripts.reset_admin", tmp_path)
    assert result.returncode == 0, result.stderr
    [password] = BANNER_PASSWORD.findall(result.stdout)
    stored = _stored_admin(session)
    assert verify_password(password, stored.hashed_password)
    assert not verify_password("senha-antiga-1", stored.hashed_password)
    assert stored.tokens_valid_from is not None  # tokens issued before are cut off (the test below)
    log = tmp_path / "shared" / "logs" / "sgp.log"
    assert not log.exists() or password not in log.read_text(encoding="utf-8")


async def test_reset_admin_takes_a_password_from_stdin_and_cuts_off_old_tokens(client, session, monkeypatch, capsys):
    admin = make_user(session, username="admin", password="senha-antiga-1", is_admin=True, is_active=True)
    other = make_user(session, username="outro-admin", is_admin=True)
    old_headers = bearer(admin)
    assert (await client.get("/auth/me", headers=old_headers)).status_code == 200

    monkeypatch.setattr(sys, "stdin", io.StringIO("senha-nova-do-admin\n"))
    assert reset_admin.main(["--password-stdin"]) == 0
    assert "senha-nova-do-admin" not in capsys.readouterr().out  # the operator typed it: not echoed

    assert (await client.get("/auth/me", headers=old_headers)).status_code == 401
    login = await client.post("/auth/login", json={"username": "admin", "password": "senha-nova-do-admin"})
    assert login.status_code == 200
    assert (await client.get("/auth/me", headers=bearer(other))).status_code == 200  # other admins untouched


def test_reset_admin_refuses_bad_input_and_changes_nothing(session, monkeypatch, capsys):
    make_user(session, username="admin", password="senha-antiga-1", is_admin=True)
    make_user(session, username="caixa", password="senha-caixa-1")

    monkeypatch.setattr(sys, "stdin", io.StringIO("curta\n"))
    assert reset_admin.main(["--password-stdin"]) == 1
    assert reset_admin.main(["--username", "caixa"]) == 1
    assert reset_admin.main(["--username", "ninguem"]) == 1
    errors = capsys.readouterr().err
    assert "8 caracteres" in errors and "'caixa' não é administrador" in errors
    assert "'ninguem' não encontrado. Administradores: admin" in errors
    assert verify_password("senha-antiga-1", _stored_admin(session).hashed_password)
