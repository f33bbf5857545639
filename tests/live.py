"""Real server processes for tests that need them (WebSocket, workers, crashes)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

PROJECT_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, *, timeout: float = 15.0, interval: float = 0.05, message: str = "condition"):
    """Poll with a deadline instead of sleeping a fixed time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {message}")


class LiveServer:
    """`python -m serve` (production) or Hypercorn, with `options` appended to the command."""

    def __init__(
        self,
        *,
        workers: int = 1,
        server: str = "serve",
        env: dict[str, str] | None = None,
        options: tuple[str, ...] = (),
    ):
        self.port = free_port()
        self.workers = workers
        self.server = server
        self.options = options
        self.env = {**os.environ, **(env or {})}
        self.process: subprocess.Popen | None = None
        # A file, not a pipe: nobody reads a pipe while the server runs, and a full one would stall it.
        # It lives as long as this object, so a test can still read it after stop().
        self.log = tempfile.TemporaryFile()  # noqa: SIM115

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        if self.server == "hypercorn":
            arguments = ["hypercorn", "main:app", "--bind", f"127.0.0.1:{self.port}"]
        else:
            arguments = ["serve", "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"]
        return [sys.executable, "-m", *arguments, "--workers", str(self.workers), *self.options]

    def start(self) -> LiveServer:
        self.process = subprocess.Popen(
            self.command(),
            cwd=PROJECT_DIR,
            env=self.env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )

        def healthy():
            if self.process.poll() is not None:
                raise AssertionError(f"server exited: {self.log_tail()}")
            try:
                return httpx.get(self.url + "/health", timeout=1).status_code == 200
            except httpx.HTTPError:
                return False

        wait_until(healthy, timeout=30, message="server health")
        return self

    def log_tail(self, chars: int = 3000) -> str:
        """The end of what the server wrote to stderr (its log), for a failure message."""
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-chars:]

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                pass
            self.process.wait(timeout=15)

    def stop(self) -> None:
        self.kill(signal.SIGTERM)


@contextmanager
def live_server(**kwargs):
    server = LiveServer(**kwargs).start()
    try:
        yield server
    finally:
        server.stop()
