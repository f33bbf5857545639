"""db_maintenance: a healthy file is checked and compacted (exit 0); a damaged one is reported (exit ≠ 0)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from scripts import db_maintenance
from scripts._common import run
from tests.operations.conftest import add_orders, order_numbers

PAGE = 4096


def maintain(path: Path, *flags: str) -> int:
    return run(db_maintenance.main, ["--database-url", f"sqlite:///{path}", *flags])


def test_healthy_database_passes_and_vacuum_gives_space_back(scratch_db, capsys):
    add_orders(scratch_db, [f"P{n}" for n in range(500)], note="y" * 4000)
    connection = sqlite3.connect(scratch_db)
    with connection:
        connection.execute("DELETE FROM pedidos WHERE numero != 'P1'")
    connection.close()
    size_before = scratch_db.stat().st_size

    assert maintain(scratch_db, "--analyze", "--optimize") == 0

    out = capsys.readouterr().out
    assert "integridade ok" in out and "VACUUM" in out and "ANALYZE" in out
    assert scratch_db.stat().st_size < size_before / 4
    assert order_numbers(scratch_db) == {"P1"}


def test_no_vacuum_only_checks(scratch_db, capsys):
    add_orders(scratch_db, ["P1"])
    assert maintain(scratch_db, "--no-vacuum") == 0
    assert "VACUUM" not in capsys.readouterr().out


def damage(path: Path) -> None:
    """Overwrite the middle of the file: b-tree pages of the orders table turn to garbage."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=DELETE")  # everything in the main file, no WAL
    connection.close()
    pages = path.stat().st_size // PAGE
    with path.open("r+b") as raw:
        for page in range(pages // 3, 2 * pages // 3):
            raw.seek(page * PAGE + 8)
            raw.write(b"\xa5" * 64)


def test_damaged_database_exits_non_zero_and_is_left_as_it_was(scratch_db, capsys):
    add_orders(scratch_db, [f"P{n}" for n in range(2000)], note="z" * 300)
    damage(scratch_db)
    damaged_bytes = scratch_db.read_bytes()

    assert maintain(scratch_db) != 0

    assert "DANIFICADO" in capsys.readouterr().err
    assert scratch_db.read_bytes() == damaged_bytes


def test_a_file_that_is_not_a_database_is_reported_as_damaged(tmp_path, capsys):
    path = tmp_path / "banco.db"
    path.write_bytes(b"isto nao e um banco" * 500)
    assert maintain(path) != 0
    assert "DANIFICADO" in capsys.readouterr().err


def test_broken_foreign_key_is_reported(scratch_db, capsys):
    connection = sqlite3.connect(scratch_db)
    with connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(pedido_itens)")]
        assert "pedido_id" in columns
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute(
            "INSERT INTO pedido_itens (pedido_id, item_index, valor_unitario, quantidade,"
            " valor_calculado, area_cm2, extras) VALUES (999, 0, 0, 1, 0, 0, '{}')"
        )
    connection.close()

    assert maintain(scratch_db, "--no-vacuum") != 0
    assert "pedido_itens" in capsys.readouterr().out


def test_missing_database_fails_clearly(tmp_path, capsys):
    assert maintain(tmp_path / "nada.db") != 0
    assert "não encontrado" in capsys.readouterr().err
