"""The installation under API_ROOT and its pointers: layout, lock, switch, prune (scripts.release).

Layout under --root (API_ROOT):
    shared/{db,media,logs,backups}   data kept across releases, never touched here
    releases/vX.Y.Z/                 one folder per release, pointed at shared/
    current (symlink, POSIX) and current.txt / previous.txt (every platform)
    .env                             configuration shared by every release

Putting a release in place is scripts/release_install.py; running it (restart, /health, roll back)
scripts/release_deploy.py. Standard library only: this runs with the system Python before any
release has a venv.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

IS_WINDOWS = os.name == "nt"
SHARED_DIRS = ("db", "media", "logs", "backups")
VERSION_IN_NAME = re.compile(r"v?(\d+\.\d+\.\d+(?:[-.][0-9A-Za-z.]+)?)")
DEFAULT_SERVICE = "SGP-API" if IS_WINDOWS else "sgp"
RESTART_DEFAULT = (
    [
        'nssm set {service} AppDirectory "{release}"',
        'nssm set {service} Application "{python}"',
        "-nssm stop {service}",
        "nssm start {service}",
    ]
    if IS_WINDOWS
    else ["systemctl restart {service}"]
)


class ReleaseError(Exception):
    """A step failed; the message says which and what state the installation is in."""


LOCK_NAME = ".release.lock"
STALE_LOCK_SECONDS = 6 * 3600


def _lock_is_stale(lock: Path) -> bool:
    """The process that took the lock is gone (POSIX), or the lock is hours old (Windows)."""
    try:
        pid = int(lock.read_text(encoding="utf-8").strip() or 0)
        age = time.time() - lock.stat().st_mtime
    except (OSError, ValueError):
        return True
    if IS_WINDOWS or pid <= 0:
        return age > STALE_LOCK_SECONDS
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


@contextmanager
def exclusive(root: Path) -> Iterator[None]:
    """One release operation at a time (a scheduled update must not overlap a manual deploy)."""
    lock = root / LOCK_NAME
    for _attempt in range(2):
        try:
            descriptor = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            if not _lock_is_stale(lock):
                raise ReleaseError(f"Outra operação de release está em andamento ({lock}); aguarde que termine")
            lock.unlink(missing_ok=True)
    else:
        raise ReleaseError(f"Não foi possível obter {lock}")
    try:
        os.write(descriptor, str(os.getpid()).encode())
        os.close(descriptor)
        yield
    finally:
        lock.unlink(missing_ok=True)


@dataclass
class Layout:
    root: Path

    @property
    def shared(self) -> Path:
        return self.root / "shared"

    @property
    def releases(self) -> Path:
        return self.root / "releases"

    def release(self, name: str) -> Path:
        return self.releases / name

    def _read(self, marker: str) -> str | None:
        path = self.root / marker
        return path.read_text(encoding="utf-8").strip() or None if path.exists() else None

    @property
    def current(self) -> str | None:
        return self._read("current.txt")

    @property
    def previous(self) -> str | None:
        return self._read("previous.txt")

    def installed(self) -> list[str]:
        if not self.releases.is_dir():
            return []
        names = [p.name for p in self.releases.iterdir() if p.is_dir() and not p.name.startswith(".")]
        return sorted(names, key=version_key)


def log(message: str) -> None:
    print(f"[release] {message}", flush=True)


def version_key(name: str) -> tuple:
    """v1.10.0 sorts after v1.9.0; anything unparsable sorts first."""
    numbers = re.findall(r"\d+", name)
    return tuple(int(n) for n in numbers[:3]) if numbers else (-1,)


def release_name(version: str) -> str:
    """v1.2.3 from "1.2.3" or "v1.2.3"; anything that is not a plain version is refused (it names a folder)."""
    if not re.fullmatch(r"v?\d[0-9A-Za-z.\-_+]*", version):
        raise ReleaseError(f"Versão inválida: {version!r} (use algo como 1.2.3)")
    return version if version.startswith("v") else f"v{version}"


def ensure_shared(layout: Layout) -> None:
    for name in SHARED_DIRS:
        (layout.shared / name).mkdir(parents=True, exist_ok=True)


def _write_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def release_python(release: Path) -> Path:
    """The release's own interpreter, or this one when the venv was skipped."""
    candidate = release / ".venv" / ("Scripts/python.exe" if IS_WINDOWS else "bin/python")
    return candidate if candidate.exists() else Path(sys.executable)


def run_step(command: list[str] | str, *, what: str, cwd: Path | None = None, echo: bool = False) -> None:
    """Run one step; on failure raise with the tail of its output. `echo` shows what it printed."""
    if isinstance(command, str):
        command = command if IS_WINDOWS else shlex.split(command)
    try:
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    except OSError as exc:
        raise ReleaseError(f"{what} falhou: {exc}")
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()[-800:]
        raise ReleaseError(f"{what} falhou (código {result.returncode}): {detail}")
    if echo and result.stdout.strip():
        print(result.stdout.rstrip(), flush=True)


def switch(layout: Layout, name: str) -> None:
    """Make `name` the current release; the one it replaces becomes previous."""
    if not layout.release(name).is_dir():
        raise ReleaseError(f"Release {name} não está instalada ({', '.join(layout.installed()) or 'nenhuma'})")
    current = layout.current
    if current and current != name:
        _write_atomic(layout.root / "previous.txt", current + "\n")
    if not IS_WINDOWS:
        # A new link renamed over the old one: the switch is atomic for anything reading `current`.
        temporary = layout.root / ".current.tmp"
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(Path("releases") / name, target_is_directory=True)
        os.replace(temporary, layout.root / "current")
    _write_atomic(layout.root / "current.txt", name + "\n")
    log(f"release atual: {name}" + (f" (anterior: {current})" if current and current != name else ""))


def prune(layout: Layout, keep: int) -> list[str]:
    """Delete all but the `keep` newest releases; current and previous are always kept."""
    protected = {layout.current, layout.previous}
    installed = layout.installed()
    removable = [name for name in installed[: max(0, len(installed) - keep)] if name not in protected]
    for name in removable:
        shutil.rmtree(layout.release(name))
        log(f"removida {name}")
    return removable
