"""Stand-ins for the service manager in release tests: a restart hook and the service's /health.

The hook records which release it (re)started; the fake service answers /health as that release
would: 503 when the release folder holds a BROKEN file, 200 otherwise.
"""

from __future__ import annotations

import http.server
import json
import shutil
import sys
import threading
from pathlib import Path

from tests.live import PROJECT_DIR, free_port

HOOK = Path(__file__).with_name("restart_hook.py")
IGNORE = shutil.ignore_patterns(".git", ".venv", "shared", "releases", "__pycache__", "*.pyc", ".env", ".*_cache")


def restart_command(root: Path) -> str:
    return f"{sys.executable} {HOOK} {root / 'restarts.log'} {{release}}"


def fake_service_options(root: Path, service) -> list[str]:
    """Restart through the recording hook and check the fake service's health, quickly."""
    return ["--restart-cmd", restart_command(root), "--health-url", service.health_url, "--health-timeout", "1.5"]


def restarts(root: Path) -> list[str]:
    log = root / "restarts.log"
    return [Path(line).name for line in log.read_text().splitlines()] if log.exists() else []


def make_source(base: Path, version: str, *, broken: bool = False, real: bool = False) -> Path:
    """Release `version`: a copy of this project (real) or a stub whose migration only prints.

    `broken`: the release's /health fails once it is started.
    """
    source = base / f"src-{version}"
    if real:
        shutil.copytree(PROJECT_DIR, source, ignore=IGNORE)
        pyproject = source / "pyproject.toml"
        pyproject.write_text(pyproject.read_text().replace('version = "2.0.0"', f'version = "{version}"', 1))
    else:
        (source / "database").mkdir(parents=True)
        (source / "pyproject.toml").write_text(f'[project]\nname = "sgp"\nversion = "{version}"\n')
        (source / "database" / "__init__.py").write_text("")
        (source / "init_db.py").write_text("print('banco migrado')\n")
    if broken:
        (source / "BROKEN").write_text("this release fails its health check")
    return source


class FakeService:
    def __init__(self, root: Path):
        self.root = root
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                started = restarts(fake.root)
                release = fake.root / "releases" / started[-1] if started else None
                ok = release is not None and release.is_dir() and not (release / "BROKEN").exists()
                body = json.dumps({"status": "ok" if ok else "degraded", "release": release and release.name})
                self.send_response(200 if ok else 503)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *_args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def health_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/health"

    def health(self) -> tuple[int, dict]:
        import httpx

        response = httpx.get(self.health_url, timeout=5)
        return response.status_code, response.json()

    def __enter__(self) -> FakeService:
        self.thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.server.shutdown()
        self.server.server_close()
