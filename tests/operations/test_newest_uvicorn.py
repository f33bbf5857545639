"""The WebSocket fan-out against uvicorn: the pinned one, one without the internals, the newest on the index.

pedidos/realtime/ws_protocol.py builds on uvicorn internals; serve.py checks them at start-up and
falls back to uvicorn's stock protocol. The last test installs the newest uvicorn on the package
index into a throwaway folder under /tmp and runs the realtime tests (real servers through
`python -m serve`) with it; without a reachable index it is skipped, saying so.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

import pytest

import serve
from pedidos.realtime import ws_protocol_check

ROOT = Path(__file__).resolve().parents[2]


def test_the_pinned_uvicorn_serves_the_batched_fan_out():
    assert ws_protocol_check.missing() is None
    assert serve.options()[:2] == ["--ws", "pedidos.realtime.ws_protocol:FanOutWebSocketProtocol"]


def test_a_uvicorn_without_the_internals_gets_the_stock_protocol_and_one_log_line(monkeypatch, caplog):
    # As after an upgrade that moved the sans-I/O protocol: its module cannot be imported.
    monkeypatch.setitem(sys.modules, "uvicorn.protocols.websockets.websockets_sansio_impl", None)
    monkeypatch.delitem(sys.modules, "pedidos.realtime.ws_protocol")
    with caplog.at_level(logging.WARNING, logger="sgp.serve"):
        assert serve.options() == ["--ws", "websockets-sansio", "--ws-per-message-deflate", "false"]
    lines = [record.getMessage() for record in caplog.records if record.name == "sgp.serve"]
    assert len(lines) == 1 and "stock protocol" in lines[0]


def _newest_on_the_index() -> str | None:
    try:
        found = subprocess.run(
            [sys.executable, "-m", "pip", "index", "versions", "uvicorn"], capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r"^uvicorn \(([^)]+)\)", found.stdout, re.MULTILINE)
    return match.group(1) if match else None


@pytest.mark.slow
def test_the_realtime_tests_pass_on_the_newest_uvicorn_on_the_index():
    newest = _newest_on_the_index()
    if newest is None:
        pytest.skip("the package index is not reachable: the newest uvicorn cannot be fetched")
    if newest == version("uvicorn"):
        pytest.skip(f"uvicorn {newest}, the pinned one, is the newest on the index: the suite already runs on it")
    target = Path(tempfile.gettempdir()) / f"sgp-uvicorn-{newest}"
    if not (target / "uvicorn").is_dir():
        installed = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--target",
                str(target),
                f"uvicorn=={newest}",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if installed.returncode != 0:
            pytest.skip(f"uvicorn {newest} could not be installed from the index: {installed.stderr[-300:]}")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), str(ROOT)])}
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import uvicorn; from pedidos.realtime import ws_protocol_check as c; "
            "print(uvicorn.__version__, c.missing())",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert check.stdout.split(" ", 1)[0] == newest, check.stderr
    # Either the batched fan-out still fits (prints None) or serve.py falls back: the tests pass in both.
    print(f"uvicorn {newest}: fan-out protocol {check.stdout.strip().split(' ', 1)[1]}")
    realtime = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/realtime", "-q", "-p", "no:cacheprovider", "-x"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=1200,
    )
    assert realtime.returncode == 0, realtime.stdout[-3000:] + realtime.stderr[-2000:]
