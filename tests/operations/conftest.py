"""Fixtures for the operations scripts: scratch databases, order factories, a fake server."""

from __future__ import annotations

import http.server
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session

from database.engine import build_engine
from database.migrate import migrate
from pedidos.orders.models import Pedido
from tests.live import PROJECT_DIR, free_port
from tests.operations.release_fakes import FakeService


@pytest.fixture
def scratch_db(tmp_path) -> Path:
    """A migrated SQLite database of its own, apart from the one the app under test uses."""
    path = tmp_path / "db" / "banco.db"
    path.parent.mkdir()
    migrate(f"sqlite:///{path}")
    return path


def add_orders(path: Path, numeros: list[str], *, note: str | None = None) -> None:
    """Commit orders into a SQLite file through the app's model (so new columns keep their defaults)."""
    engine = build_engine(f"sqlite:///{path}")
    try:
        with Session(engine) as session:
            session.add_all(
                Pedido(numero=numero, data_entrada=date(2026, 1, 2), cliente="Cliente", observacao=note)
                for numero in numeros
            )
            session.commit()
    finally:
        engine.dispose()


def order_numbers(path: Path) -> set[str]:
    connection = sqlite3.connect(path, timeout=30)
    try:
        return {row[0] for row in connection.execute("SELECT numero FROM pedidos")}
    finally:
        connection.close()


def on_a_terminal(args: list[str]) -> str:
    """Run a script with a pseudo-terminal as its stderr (as an operator's shell); what it drew there."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", *args], cwd=PROJECT_DIR, stdout=subprocess.DEVNULL,
                               stderr=follower)  # fmt: skip
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the script exited: the terminal is closed
            break
        if not chunk:
            break
        drawn += chunk
    os.close(leader)
    assert process.wait(timeout=120) == 0
    return drawn.decode(errors="replace")


class _HealthHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'{"status":"ok"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args):
        pass


@pytest.fixture
def running_server() -> Iterator[int]:
    """Something answering /health on a free port, as the SGP service would; yields the port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), _HealthHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    # The release's migrations must find its own shared/ database, not the test suite's.
    monkeypatch.delenv("API_ROOT", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    path = tmp_path / "sgp"
    path.mkdir()
    return path


@pytest.fixture
def service(root):
    with FakeService(root) as fake:
        yield fake
