"""How the API is served: `python -m serve --host 0.0.0.0 --port 8000 --workers 4` (any uvicorn option may follow).

uvicorn with the options the realtime fan-out was measured with (scripts/bench_ws.py):
- uvloop and httptools (from uvicorn[standard]; uvicorn picks them up when installed), its fastest
  event loop and HTTP parser;
- pedidos/realtime/ws_protocol.py: a socket's queued events leave in one write, each encoded once per worker
  (when the installed uvicorn lacks the internals it builds on, uvicorn's stock protocol, with one log line:
  pedidos/realtime/ws_protocol_check.py);
- no permessage-deflate: compressing every event once per socket costs more CPU than the whole rest
  of the fan-out, to save a little bandwidth on a LAN.
Hypercorn also serves the app (it always negotiates deflate and sends one message per write).

Before any worker starts: a weak SECRET_KEY is refused when listening beyond localhost, the stored
key is created (so every worker reads the same one), and the Prometheus multiprocess folder is
emptied (set up when several workers have none, so /metrics sums them all).
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from uvicorn.main import main as uvicorn


def options() -> list[str]:
    from pedidos.realtime.ws_protocol_check import ws_option

    protocol, warning = ws_option()
    if warning:
        logging.getLogger("sgp.serve").warning(warning)
    return ["--ws", protocol, "--ws-per-message-deflate", "false"]


def workers(argv: list[str]) -> int:
    value = os.environ.get("WEB_CONCURRENCY") or os.environ.get("UVICORN_WORKERS") or "1"
    for index, argument in enumerate(argv):
        if argument == "--workers" and index + 1 < len(argv):
            value = argv[index + 1]
        elif argument.startswith("--workers="):
            value = argument.split("=", 1)[1]
    return int(value) if value.isdigit() else 1


def prepare_metrics_dir(argv: list[str]) -> Path | None:
    """Empty PROMETHEUS_MULTIPROC_DIR of a previous run's files, or make a temporary one for
    several workers; returns the folder to remove when the server stops, if any."""
    configured = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not configured and workers(argv) < 2:
        return None
    if configured:
        directory, temporary = Path(configured), None
        directory.mkdir(parents=True, exist_ok=True)
        # Only prometheus-client's own files: the folder may not be ours alone.
        for stale in directory.glob("*.db"):
            stale.unlink(missing_ok=True)
    else:
        directory = temporary = Path(tempfile.mkdtemp(prefix="sgp-metrics-"))
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(directory)  # the workers inherit it
    return temporary


def main(argv: list[str] | None = None) -> None:
    from listen import refuse_weak_secret
    from storage.startup import refuse_unreachable_storage

    argv = sys.argv[1:] if argv is None else argv
    refuse_weak_secret(argv)  # also creates shared/secret_key when SECRET_KEY is unset
    refuse_unreachable_storage()
    temporary = prepare_metrics_dir(argv)
    try:
        # Options given on the command line come last, so they win over these defaults.
        uvicorn(["main:app", *options(), *argv])
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    main()
