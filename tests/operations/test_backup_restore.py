"""backup_database and restore_database on SQLite: consistent under load, verified, pruned, guarded."""

from __future__ import annotations

import gzip
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import backup_database, restore_database
from scripts._common import run
from tests.live import PROJECT_DIR, free_port, wait_until
from tests.operations.conftest import add_orders, on_a_terminal, order_numbers


def db_backups(dest: Path) -> list[Path]:
    return sorted(dest.glob("sgp-db-*.sqlite.gz"))


def unpack(archive: Path, target: Path) -> Path:
    target.write_bytes(gzip.decompress(archive.read_bytes()))
    return target


def count_orders(path: Path) -> int:
    connection = sqlite3.connect(path, timeout=30)
    try:
        return connection.execute("SELECT count(*) FROM pedidos").fetchone()[0]
    finally:
        connection.close()


def test_backup_while_another_process_writes_is_intact_and_restores_every_order_committed_before(
    scratch_db, tmp_path, capsys
):
    # Enough data that the copy is real work, then a writer committing orders without pause.
    add_orders(scratch_db, [f"S{n:05d}" for n in range(3000)], note="x" * 2000)
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.operations.order_writer", f"sqlite:///{scratch_db}", str(stop)],
        cwd=PROJECT_DIR,
        stderr=subprocess.PIPE,
    )
    try:
        wait_until(lambda: count_orders(scratch_db) >= 3050, timeout=30, message="writer running")
        committed_before = order_numbers(scratch_db)
        dest = tmp_path / "backups"

        code = run(
            backup_database.main, ["--dest", str(dest), "--retention", "3", "--database-url", f"sqlite:///{scratch_db}"]
        )

        assert code == 0
        after_backup = count_orders(scratch_db)
        # The writer was never blocked by the backup: it keeps committing.
        wait_until(lambda: count_orders(scratch_db) > after_backup + 20, timeout=30, message="writer progress")
    finally:
        stop.touch()
        writer.wait(timeout=30)
    assert writer.returncode == 0, writer.stderr.read().decode()[-2000:]

    [archive] = db_backups(dest)
    assert "Backup OK" in capsys.readouterr().out
    copy = unpack(archive, tmp_path / "copy.db")
    connection = sqlite3.connect(copy)
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    connection.close()

    target = tmp_path / "restored" / "banco.db"
    code = run(
        restore_database.main,
        ["--from", str(archive), "--database-url", f"sqlite:///{target}", "--port", str(free_port())],
    )
    assert code == 0
    restored = order_numbers(target)
    assert committed_before <= restored
    assert restored <= order_numbers(scratch_db)  # nothing the writer did not commit


def test_retention_keeps_exactly_the_n_newest_and_leaves_other_files(scratch_db, tmp_path):
    dest = tmp_path / "backups"
    dest.mkdir()
    (dest / "notas.txt").write_text("do operador")
    (tmp_path / "media" / "pedidos").mkdir(parents=True)
    (tmp_path / "media" / "pedidos" / "arte.png").write_bytes(b"png")
    taken = []
    for _ in range(5):
        args = [
            "--dest",
            str(dest),
            "--retention",
            "3",
            "--include-media",
            "--database-url",
            f"sqlite:///{scratch_db}",
            "--media-root",
            str(tmp_path / "media"),
        ]
        assert run(backup_database.main, args) == 0
        taken.append(max(db_backups(dest)))

    assert db_backups(dest) == taken[-3:]
    assert len(list(dest.glob("sgp-media-*.tar.gz"))) == 3
    assert (dest / "notas.txt").read_text() == "do operador"


def test_retention_below_one_is_refused(tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        backup_database.main(["--dest", str(tmp_path), "--retention", "0"])
    assert exit_info.value.code != 0


def test_backup_of_a_missing_database_fails_clearly(tmp_path, capsys):
    code = run(
        backup_database.main, ["--dest", str(tmp_path / "b"), "--database-url", f"sqlite:///{tmp_path}/nao-existe.db"]
    )
    assert code != 0
    assert "não encontrado" in capsys.readouterr().err
    assert not (tmp_path / "nao-existe.db").exists()


def test_restore_refuses_while_the_server_answers(scratch_db, tmp_path, running_server, capsys):
    add_orders(scratch_db, ["A1"])
    dest = tmp_path / "backups"
    assert run(backup_database.main, ["--dest", str(dest), "--database-url", f"sqlite:///{scratch_db}"]) == 0
    add_orders(scratch_db, ["A2"])
    args = [
        "--from",
        str(db_backups(dest)[0]),
        "--database-url",
        f"sqlite:///{scratch_db}",
        "--port",
        str(running_server),
    ]

    assert run(restore_database.main, args) != 0
    assert "servidor está respondendo" in capsys.readouterr().err
    assert order_numbers(scratch_db) == {"A1", "A2"}

    assert run(restore_database.main, [*args, "--force"]) == 0
    assert order_numbers(scratch_db) == {"A1"}


def test_restore_keeps_the_replaced_database_aside(scratch_db, tmp_path):
    add_orders(scratch_db, ["A1"])
    dest = tmp_path / "backups"
    assert run(backup_database.main, ["--dest", str(dest), "--database-url", f"sqlite:///{scratch_db}"]) == 0
    add_orders(scratch_db, ["A2"])

    code = run(
        restore_database.main,
        ["--from", str(db_backups(dest)[0]), "--database-url", f"sqlite:///{scratch_db}", "--port", str(free_port())],
    )

    assert code == 0
    assert order_numbers(scratch_db) == {"A1"}
    [aside] = scratch_db.parent.glob("banco.db.replaced-*[0-9]")
    assert order_numbers(aside) == {"A1", "A2"}


def test_restore_of_a_damaged_backup_changes_nothing(scratch_db, tmp_path, capsys):
    add_orders(scratch_db, ["A1"])
    broken = tmp_path / "sgp-db-broken.sqlite.gz"
    broken.write_bytes(gzip.compress(b"SQLite format 3\x00" + b"\xff" * 8192))

    code = run(
        restore_database.main,
        ["--from", str(broken), "--database-url", f"sqlite:///{scratch_db}", "--port", str(free_port())],
    )

    assert code != 0
    assert "danificado" in capsys.readouterr().err.lower()
    assert order_numbers(scratch_db) == {"A1"}
    assert not list(scratch_db.parent.glob("*.replaced-*"))


@pytest.mark.parametrize("script", ["backup_database", "restore_database", "db_maintenance", "release"])
def test_every_script_has_help(script):
    result = subprocess.run(
        [sys.executable, "-m", f"scripts.{script}", "--help"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert "usage" in result.stdout


def test_restore_finds_the_port_in_the_env_file(tmp_path, monkeypatch):
    from scripts._common import default_port

    monkeypatch.delenv("PORT", raising=False)
    env_file = tmp_path / ".env"
    env_file.write_text("SECRET_KEY=x\nPORT=8123\n")
    assert default_port(env_file) == 8123
    monkeypatch.setenv("PORT", "9001")
    assert default_port(env_file) == 9001


def test_the_summary_counts_the_backups_really_kept(scratch_db, tmp_path, capsys):
    dest = tmp_path / "backups"
    args = ["--dest", str(dest), "--retention", "3", "--database-url", f"sqlite:///{scratch_db}"]
    assert run(backup_database.main, args) == 0
    assert "mantido 1 backup do banco (retenção 3), removidos 0" in capsys.readouterr().out
    assert run(backup_database.main, args) == 0
    assert "mantidos 2 backups do banco (retenção 3), removidos 0" in capsys.readouterr().out
    for _ in range(2):
        assert run(backup_database.main, args) == 0
    assert "mantidos 3 backups do banco (retenção 3), removidos 1" in capsys.readouterr().out.splitlines()[-1]


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_backup_shows_each_step_on_a_terminal_and_nothing_when_quiet_or_piped(scratch_db, tmp_path, capsys):
    add_orders(scratch_db, [f"P{n}" for n in range(200)])
    (tmp_path / "media" / "pedidos" / "1").mkdir(parents=True)
    (tmp_path / "media" / "pedidos" / "1" / "a.png").write_bytes(b"png" * 1000)
    args = ["scripts.backup_database", "--dest", str(tmp_path / "b"), "--database-url", f"sqlite:///{scratch_db}",
            "--include-media", "--media-root", str(tmp_path / "media")]  # fmt: skip

    drawn = on_a_terminal(args)
    for step in ("copiando banco", "verificando integridade", "compactando", "mídia", "verificando mídia"):
        assert step in drawn, (step, drawn[-500:])
    assert "100%" in drawn

    assert on_a_terminal([*args, "--quiet"]) == ""
    assert run(backup_database.main, args[1:]) == 0  # stderr captured: not a terminal
    assert capsys.readouterr().err == ""
