"""database.checkpointer: the WAL is copied back by the server's own thread, not by commits."""

from __future__ import annotations

import sqlite3
import time

from database.checkpointer import Checkpointer


def test_writes_are_checkpointed_in_the_background(tmp_path):
    path = tmp_path / "wal.db"
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")  # no commit checkpoints: only the thread's
    writer.execute("CREATE TABLE t (x TEXT)")
    checkpointer = Checkpointer(str(path), interval=0.05)
    checkpointer.start()
    try:
        for n in range(200):
            writer.execute("INSERT INTO t VALUES (?)", ("x" * 500 + str(n),))
        checkpointer.wake.set()  # what the engine's commit hook does (checkpointer.written)
        size = path.stat().st_size
        deadline = time.monotonic() + 5
        while path.stat().st_size == size and time.monotonic() < deadline:
            time.sleep(0.05)
        assert path.stat().st_size > size  # the rows reached the database file, copied from the log
    finally:
        checkpointer.stop()
        writer.close()
    assert not checkpointer._thread.is_alive()


def test_a_committed_write_wakes_the_checkpointer_and_a_read_does_not(monkeypatch, tmp_path):
    from sqlalchemy import text

    from database import checkpointer as checkpoints
    from database import engine as engines

    waiting = Checkpointer(str(tmp_path / "unused.db"), interval=1)  # not started: only its event
    monkeypatch.setattr(checkpoints, "_running", waiting)
    with engines.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
        connection.commit()
    assert not waiting.wake.is_set()
    with engines.write_engine.begin() as connection:
        connection.execute(text("UPDATE auth_epoch SET value = value WHERE id = 1"))
    assert waiting.wake.is_set() == (engines.engine.dialect.name == "sqlite")
