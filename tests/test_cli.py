"""The `sgp` command: it lists its commands, hands options to the scripts and says what is missing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import cli
from tests.live import PROJECT_DIR


def test_help_lists_every_command(capsys):
    assert cli.main(["--help"]) == 0
    shown = capsys.readouterr().out
    for name in cli.COMMANDS:
        assert f"  {name} " in shown
    for name in ("serve", "migrate", "backup", "restore", "seed", "reset-admin", "media-migrate"):
        assert name in cli.COMMANDS


def test_no_command_prints_the_list_and_fails(capsys):
    assert cli.main([]) == 2
    assert "backup" in capsys.readouterr().out


def test_an_unknown_command_is_refused_with_the_list(capsys):
    assert cli.main(["bakcup"]) == 2
    err = capsys.readouterr().err
    assert "comando desconhecido 'bakcup'" in err
    assert "backup" in err


def test_a_command_whose_module_is_absent_says_so(capsys, monkeypatch):
    monkeypatch.setitem(cli.COMMANDS, "ghost", ("scripts.ghost_command", "nothing"))
    assert cli.main(["ghost", "--help"]) == 2
    assert "falta o módulo scripts.ghost_command" in capsys.readouterr().err


def test_options_reach_the_script_and_its_exit_code_comes_back(capsys):
    assert cli.main(["backup", "--help"]) == 0
    assert "--retention" in capsys.readouterr().out
    assert cli.main(["backup", "--no-such-option"]) == 2
    assert "--no-such-option" in capsys.readouterr().err


def test_migrate_creates_the_schema_and_the_first_admin_in_a_new_sqlite_file(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # the default: shared/db/banco.db
    env.update(API_ROOT=str(tmp_path), FIRST_ADMIN_PASSWORD="senha-do-admin-1", ENVIRONMENT="development")
    # Run from an empty folder, so no .env is read; the script's folder puts the project on sys.path.
    done = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "cli.py"), "migrate"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Banco pronto" in done.stdout
    database = tmp_path / "shared" / "db" / "banco.db"
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        admins = connection.execute("SELECT username FROM users WHERE is_admin").fetchall()
    assert {"pedidos", "pedido_itens", "users", "order_events", "relatorio_itens", "alembic_version"} <= tables
    assert admins == [("admin",)]
