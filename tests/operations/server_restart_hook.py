"""Restart hook that really runs the API: `server_restart_hook.py PIDFILE RELEASE PORT`.

Stops the server it started last time (its process group, found in PIDFILE) and starts uvicorn
from RELEASE on PORT in the background, as systemd would run the `current` release.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def stop(pidfile: Path) -> None:
    if not pidfile.exists():
        return
    pid = int(pidfile.read_text())
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.killpg(pid, signal.SIGKILL)


def main(pidfile: Path, release: str, port: str) -> None:
    stop(pidfile)
    env = {k: v for k, v in os.environ.items() if k not in ("API_ROOT", "DATABASE_URL")}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "main:app",
        "--host",
        "127.0.0.1",
        "--port",
        port,
        "--log-level",
        "warning",
    ]
    with open(Path(release) / "server.log", "ab") as log:
        process = subprocess.Popen(command, cwd=release, env=env, start_new_session=True, stdout=log, stderr=log)
    pidfile.write_text(str(process.pid))


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
