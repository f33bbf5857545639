"""What the database scripts share: clear failures, database locations, names, sizes, server probe,
progress bars."""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DEFAULT_PORT = 8000
CHUNK_SIZE = 1024 * 1024


class ScriptError(Exception):
    """A failure the operator can act on: printed as one line, exit code 1 (or `code`)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def run(main: Callable[[list[str] | None], int | None], argv: list[str] | None = None) -> int:
    """Run a script's main, turning ScriptError into a message on stderr and an exit code."""
    try:
        return main(argv) or 0
    except ScriptError as exc:
        print(f"ERRO: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("Interrompido.", file=sys.stderr)
        return 130


def default_database_url() -> str:
    from config import settings

    return settings.database_url


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for another database."""
    if not url.startswith("sqlite"):
        return None
    path = url.split(":///", 1)[-1].split("?", 1)[0]
    if not path or ":memory:" in path:
        raise ScriptError("Banco SQLite em memória não tem arquivo para esta operação")
    return Path(path)


def libpq_url(url: str) -> str:
    """postgresql+psycopg://... → postgresql://..., the form pg_dump and psycopg accept."""
    scheme, rest = url.split("://", 1)
    return "postgresql://" + rest if scheme.startswith("postgres") else url


def redact(url: str) -> str:
    """A URL without its password, for messages."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}"


def timestamp() -> str:
    """UTC, sortable as text, to the millisecond so quick successive runs never collide."""
    now = datetime.now(UTC)
    return now.strftime("%Y%m%d-%H%M%S-") + f"{now.microsecond // 1000:03d}"


def progress_bar(quiet: bool = False, **options: Any):
    """A tqdm bar on stderr: drawn on a terminal, silent when piped (cron, logs) or with --quiet."""
    from tqdm import tqdm

    options.setdefault("unit_scale", options.get("unit") == "B")
    return tqdm(disable=True if quiet else None, **options)


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def sqlite_files_size(path: Path) -> int:
    """The database file plus its WAL, what the database really takes on disk."""
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def default_port(env_file: Path = Path(".env")) -> int:
    """$PORT, else PORT= in the .env that `scripts.release init` wrote, else 8000."""
    port = os.environ.get("PORT")
    if not port and env_file.is_file():
        for line in env_file.read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, value = line.partition("=")
            if key.strip() == "PORT" and value.strip():
                port = value.strip()
    try:
        return int(port or DEFAULT_PORT)
    except ValueError:
        raise ScriptError(f"PORT inválido: {port!r}")


def server_answers(host: str, port: int, timeout: float = 2.0) -> bool:
    """True when anything answers HTTP on host:port/health (even an error status)."""
    try:
        with urllib.request.urlopen(f"http://{host}:{port}/health", timeout=timeout):
            return True
    except urllib.error.HTTPError:
        return True
    except (OSError, ValueError):
        return False
