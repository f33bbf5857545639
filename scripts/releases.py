"""Releases beside shared/: install, migrate, switch, restart, check /health, roll back, prune.

    python -m scripts.release --root /opt/sgp deploy --source ./api-sgp-1.2.3.zip

Layout under --root (API_ROOT):
    shared/{db,media,logs,backups}   data kept across releases, never touched here
    releases/vX.Y.Z/                 one folder per release, pointed at shared/
    current (symlink, POSIX) and current.txt / previous.txt (every platform)
    .env                             configuration shared by every release

Standard library only: this runs with the system Python before any release has a venv. The
PowerShell and shell scripts are thin wrappers over this module.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

IS_WINDOWS = os.name == "nt"
SHARED_DIRS = ("db", "media", "logs", "backups")
# Runtime data and installation state live beside releases, never inside one.
TOP_LEVEL_SKIP = {".git", ".venv", "shared", "releases", ".env", "current", "current.txt", "previous.txt"}
SKIP_ANYWHERE = {"__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache"}
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


def _copy_filter(top: Path):
    def ignore(directory: str, names: list[str]) -> set[str]:
        skip = {n for n in names if n in SKIP_ANYWHERE or n.endswith(".pyc")}
        return skip | (TOP_LEVEL_SKIP & set(names) if Path(directory) == top else set())

    return ignore


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


def read_version(source: Path) -> str:
    pyproject = source / "pyproject.toml"
    if pyproject.is_file():
        version = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {}).get("version")
        if version:
            return str(version)
    raise ReleaseError(f"Versão não encontrada em {pyproject}; informe --version")


def unpack_source(source: Path, workdir: Path) -> Path:
    """A folder is used as it is; a zip is extracted (into its single top folder when it has one)."""
    if source.is_dir():
        return source
    if not zipfile.is_zipfile(source):
        raise ReleaseError(f"Origem inválida (nem pasta nem zip): {source}")
    with zipfile.ZipFile(source) as archive:
        archive.extractall(workdir)
    entries = [p for p in workdir.iterdir() if not p.name.startswith("__MACOSX")]
    return entries[0] if len(entries) == 1 and entries[0].is_dir() else workdir


def link_shared(layout: Layout, release: Path, mode: str) -> None:
    """Point a release at shared/ and the root .env: symlinks, or API_ROOT written into its .env."""
    root_env = layout.root / ".env"
    if mode == "symlink":
        (release / "shared").symlink_to(layout.shared, target_is_directory=True)
        if root_env.exists():
            (release / ".env").symlink_to(root_env)
        return
    lines = root_env.read_text(encoding="utf-8").splitlines() if root_env.exists() else []
    lines = [line for line in lines if not line.strip().startswith("API_ROOT=")]
    (release / ".env").write_text("\n".join([*lines, f"API_ROOT={layout.root}"]) + "\n", encoding="utf-8")


def release_python(release: Path) -> Path:
    """The release's own interpreter, or this one when the venv was skipped."""
    candidate = release / ".venv" / ("Scripts/python.exe" if IS_WINDOWS else "bin/python")
    return candidate if candidate.exists() else Path(sys.executable)


def _run(command: list[str] | str, *, what: str, cwd: Path | None = None, echo: bool = False) -> None:
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


def create_venv(release: Path) -> None:
    """The release's own venv with its requirements (no pip at all when there is nothing to install)."""
    log("criando venv e instalando dependências (pode levar alguns minutos)")
    requirements = release / "requirements.txt"
    without_pip = [] if requirements.is_file() else ["--without-pip"]
    _run([sys.executable, "-m", "venv", *without_pip, str(release / ".venv")], what="Criação do venv")
    if requirements.is_file():
        python = str(release_python(release))
        pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", str(requirements)]
        _run(pip, what="pip install")


def install(
    layout: Layout,
    source: Path,
    *,
    version: str | None = None,
    link_mode: str | None = None,
    venv: bool = True,
    force: bool = False,
) -> str:
    """Copy a source folder or zip into releases/vX.Y.Z, linked to shared/; return its name."""
    ensure_shared(layout)
    layout.releases.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sgp-release-") as workdir:
        tree = unpack_source(source, Path(workdir))
        name = release_name(version or read_version(tree))
        target = layout.release(name)
        if target.exists():
            if not force:
                raise ReleaseError(f"{name} já está instalada em {target} (use --force para reinstalar)")
            if name == layout.current:
                raise ReleaseError(f"{name} é a release em uso; troque de release antes de reinstalá-la")
            shutil.rmtree(target)
        partial = layout.releases / f".{name}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        log(f"instalando {name} de {source}")
        shutil.copytree(tree, partial, ignore=_copy_filter(tree), symlinks=True)
    try:
        link_shared(layout, partial, link_mode or ("env" if IS_WINDOWS else "symlink"))
        os.replace(partial, target)
        # The venv is made at its final path: venvs do not survive being moved.
        if venv:
            create_venv(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        shutil.rmtree(target, ignore_errors=True)
        raise
    return name


def migrate(layout: Layout, name: str) -> None:
    """Run the release's migrations against the shared database."""
    release = layout.release(name)
    if not release.is_dir():
        raise ReleaseError(f"Release {name} não está instalada")
    log(f"migrando o banco com {name}")
    # echo: on a first install this prints the first admin's password, shown only this once.
    _run([str(release_python(release)), "-m", "init_db"], what="Migração", cwd=release, echo=True)


def backup_before_migrating(layout: Layout) -> None:
    """A verified backup taken with the running release, since migrations do not roll back."""
    current = layout.current
    if not current or not layout.release(current).is_dir():
        return
    release = layout.release(current)
    log(f"backup do banco antes de migrar (com {current})")
    command = [
        str(release_python(release)),
        "-m",
        "scripts.backup_database",
        "--dest",
        # A folder of their own: this retention must not prune the operator's scheduled backups.
        str(layout.shared / "backups" / "pre-deploy"),
        "--retention",
        "10",
    ]
    _run(command, what="Backup antes da migração", cwd=release, echo=True)


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


def restart(layout: Layout, commands: list[str], *, service: str, port: int) -> None:
    """Run the restart commands with {service} {release} {python} {root} {port} filled in.

    A command starting with "-" may fail (stopping a service that is not running yet).
    """
    release = layout.release(layout.current or "")
    values = {
        "service": service,
        "release": release,
        "python": release_python(release),
        "root": layout.root,
        "port": port,
    }
    for template in commands:
        optional = template.startswith("-")
        command = template.removeprefix("-").format(**values)
        log(f"reiniciando: {command}")
        try:
            _run(command, what="Reinício do serviço")
        except ReleaseError:
            if not optional:
                raise


def healthy(url: str, *, timeout: float, interval: float = 0.5) -> bool:
    """Poll the health URL until it says ok (/health) or ready (/health/ready), or the deadline passes."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=max(0.5, min(5.0, timeout))) as response:
                if response.status == 200 and json.loads(response.read() or b"{}").get("status") in ("ok", "ready"):
                    return True
        except (OSError, ValueError):
            pass
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


def prune(layout: Layout, keep: int) -> list[str]:
    """Delete all but the `keep` newest releases; current and previous are always kept."""
    protected = {layout.current, layout.previous}
    installed = layout.installed()
    removable = [name for name in installed[: max(0, len(installed) - keep)] if name not in protected]
    for name in removable:
        shutil.rmtree(layout.release(name))
        log(f"removida {name}")
    return removable
