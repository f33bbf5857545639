"""Putting a release in place: unpack a folder or zip into releases/vX.Y.Z, link it to shared/, its
venv, its migrations and the backup taken before them (scripts.release install / migrate / deploy).

Standard library only, like `scripts.release`.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

from scripts.releases import (
    IS_WINDOWS,
    Layout,
    ReleaseError,
    ensure_shared,
    log,
    release_name,
    release_python,
    run_step,
)

# Runtime data and installation state live beside releases, never inside one.
TOP_LEVEL_SKIP = {".git", ".venv", "shared", "releases", ".env", "current", "current.txt", "previous.txt"}
SKIP_ANYWHERE = {"__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache"}


def _copy_filter(top: Path):
    def ignore(directory: str, names: list[str]) -> set[str]:
        skip = {n for n in names if n in SKIP_ANYWHERE or n.endswith(".pyc")}
        return skip | (TOP_LEVEL_SKIP & set(names) if Path(directory) == top else set())

    return ignore


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


def create_venv(release: Path) -> None:
    """The release's own venv with its requirements (no pip at all when there is nothing to install)."""
    log("criando venv e instalando dependências (pode levar alguns minutos)")
    requirements = release / "requirements.txt"
    without_pip = [] if requirements.is_file() else ["--without-pip"]
    run_step([sys.executable, "-m", "venv", *without_pip, str(release / ".venv")], what="Criação do venv")
    if requirements.is_file():
        python = str(release_python(release))
        pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", str(requirements)]
        run_step(pip, what="pip install")


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
    run_step([str(release_python(release)), "-m", "init_db"], what="Migração", cwd=release, echo=True)


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
    run_step(command, what="Backup antes da migração", cwd=release, echo=True)
