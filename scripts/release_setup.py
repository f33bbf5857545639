"""The parts of `scripts.release` that run once per machine or fetch a release: .env, service, updates.

Standard library only, like `scripts.release`.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

from scripts.releases import (
    IS_WINDOWS,
    VERSION_IN_NAME,
    Layout,
    ReleaseError,
    ensure_shared,
    log,
    release_python,
    version_key,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
UNIT_TEMPLATE = Path(__file__).resolve().parent / "sgp.service.template"
SYSTEMD_DIR = Path("/etc/systemd/system")


def init(layout: Layout, *, create_env: bool, port: int, workers: int) -> None:
    """Create shared/ and, when asked, a production .env with a fresh SECRET_KEY (an existing one is kept)."""
    ensure_shared(layout)
    log(f"pastas compartilhadas prontas em {layout.shared}")
    env_file = layout.root / ".env"
    if not create_env:
        return
    if env_file.exists():
        log(f"{env_file} já existe: mantido como está")
        return
    example = PROJECT_DIR / ".env.example"
    lines = example.read_text(encoding="utf-8").splitlines() if example.exists() else []
    replacements = {"SECRET_KEY": secrets.token_urlsafe(48), "ENVIRONMENT": "production"}
    rendered = []
    for line in lines:
        key = line.split("=", 1)[0].strip()
        rendered.append(f"{key}={replacements.pop(key)}" if key in replacements else line)
    rendered += [f"{key}={value}" for key, value in replacements.items()]
    rendered += [f"PORT={port}", f"WORKERS={workers}"]
    env_file.write_text("\n".join(rendered) + "\n", encoding="utf-8")
    if not IS_WINDOWS:
        env_file.chmod(0o600)  # holds SECRET_KEY
    log(f"{env_file} criado com um SECRET_KEY novo")


def default_user() -> str:
    """Who the service runs as: the admin behind sudo, not root."""
    return os.environ.get("SUDO_USER") or getpass.getuser()


def give_shared_to(layout: Layout, user: str) -> None:
    """The service writes the database, media and logs: shared/ must belong to its user."""
    if IS_WINDOWS or os.geteuid() != 0:
        return
    for directory, folders, files in os.walk(layout.shared):
        for name in [directory, *(os.path.join(directory, n) for n in folders + files)]:
            shutil.chown(name, user=user, group=None)


def server_arguments(port: int, workers: int) -> str:
    """The production server (serve.py: uvicorn with the options the fan-out was measured with)."""
    return f"-m serve --host 0.0.0.0 --port {port} --workers {workers}"


def systemd_unit(layout: Layout, *, service: str, port: int, workers: int, user: str | None = None) -> str:
    values = {
        "SERVICE": service,
        "ROOT": str(layout.root),
        "PORT": str(port),
        "WORKERS": str(workers),
        "USER": user or default_user(),
    }
    return re.sub(
        r"\{\{(\w+)\}\}",
        lambda match: values.get(match.group(1), match.group(0)),
        UNIT_TEMPLATE.read_text(encoding="utf-8"),
    )


def nssm_commands(layout: Layout, *, service: str, port: int, workers: int, exists: bool) -> list[list[str]]:
    release = layout.release(layout.current or "")
    python = str(release_python(release))
    logs = layout.shared / "logs"
    settings: dict[str, str | list[str]] = {
        "Application": python,
        "AppParameters": server_arguments(port, workers),
        "AppDirectory": str(release),
        "AppStdout": str(logs / "service.out.log"),
        "AppStderr": str(logs / "service.err.log"),
        "AppRotateFiles": "1",
        "AppRotateOnline": "1",
        "AppRotateBytes": str(10 * 1024 * 1024),
        # /metrics sums every worker (prometheus-client's per-worker files; serve.py empties it at start).
        "AppEnvironmentExtra": [f"PORT={port}", f"PROMETHEUS_MULTIPROC_DIR={layout.shared / 'run' / 'prometheus'}"],
        "Start": "SERVICE_AUTO_START",
    }
    commands = [] if exists else [["nssm", "install", service, python]]
    commands += [["nssm", "set", service, key, *_values(value)] for key, value in settings.items()]
    return commands


def _values(value: str | list[str]) -> list[str]:
    return value if isinstance(value, list) else [value]


def register_service(
    layout: Layout,
    *,
    manager: str,
    service: str,
    port: int,
    workers: int,
    user: str | None = None,
    unit_dir: Path = SYSTEMD_DIR,
    print_only: bool = False,
) -> None:
    """Define the service that runs the server from the current release (systemd unit or NSSM); not started."""
    if manager == "systemd":
        user = user or default_user()
        unit = systemd_unit(layout, service=service, port=port, workers=workers, user=user)
        commands = [["systemctl", "daemon-reload"], ["systemctl", "enable", service]]
        if print_only:
            print(unit)
        else:
            (unit_dir / f"{service}.service").write_text(unit, encoding="utf-8")
            give_shared_to(layout, user)
            log(f"unidade gravada em {unit_dir / f'{service}.service'}")
    else:
        exists = not print_only and subprocess.run(["nssm", "status", service], capture_output=True).returncode == 0
        commands = nssm_commands(layout, service=service, port=port, workers=workers, exists=exists)
    for command in commands:
        if print_only:
            print(" ".join(command))
            continue
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise ReleaseError(f"{' '.join(command)} falhou: {(result.stderr or result.stdout).strip()[-500:]}")


def is_newer(layout: Layout, version: str) -> bool:
    current = layout.current
    return current is None or version_key(version) > version_key(current)


def _download(url: str, target: Path) -> Path:
    try:
        with urllib.request.urlopen(url, timeout=60) as response, target.open("wb") as out:
            while chunk := response.read(1024 * 1024):
                out.write(chunk)
    except OSError as exc:
        raise ReleaseError(f"Download falhou ({url}): {exc}")
    return target


def fetch_from_manifest(manifest_url: str, workdir: Path, *, msi_args: str = "") -> tuple[str, Path]:
    """Read {"version","url","sha256"} from the manifest, download and verify; return (version, source)."""
    try:
        with urllib.request.urlopen(manifest_url, timeout=30) as response:
            manifest = json.loads(response.read())
    except (OSError, ValueError) as exc:
        raise ReleaseError(f"Manifesto ilegível ({manifest_url}): {exc}")
    version = str(manifest.get("version") or "")
    link = manifest.get("url") or manifest.get("download_url") or manifest.get("msi_url")
    if not version or not link:
        raise ReleaseError("O manifesto precisa de 'version' e 'url'")
    link = urllib.parse.urljoin(manifest_url, link)
    package = _download(link, workdir / Path(urllib.parse.urlparse(link).path).name)
    expected = str(manifest.get("sha256") or "").lower()
    if expected and hashlib.sha256(package.read_bytes()).hexdigest() != expected:
        raise ReleaseError(f"sha256 de {package.name} não confere com o manifesto: download corrompido")
    if package.suffix.lower() != ".msi":
        return version, package
    if not IS_WINDOWS:
        raise ReleaseError("Pacotes MSI só podem ser instalados no Windows")
    # The MSI lays the source out in a folder; the release is then installed from that folder.
    extracted = workdir / "msi"
    command = f'msiexec /a "{package}" {msi_args} TARGETDIR="{extracted}"'
    if subprocess.run(command).returncode != 0:
        raise ReleaseError(f"msiexec falhou: {command}")
    return version, extracted


def newest_in_share(watch_path: Path) -> tuple[str, Path] | None:
    """The zip with the highest version in its name (api-sgp-1.2.3.zip), or None."""
    if not watch_path.is_dir():
        raise ReleaseError(f"Pasta de atualização inacessível: {watch_path}")
    found = []
    for package in watch_path.glob("*.zip"):
        match = VERSION_IN_NAME.search(package.stem)
        if match:
            found.append((match.group(1), package))
    return max(found, key=lambda item: version_key(item[0])) if found else None


def temporary_dir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="sgp-update-", dir=os.environ.get("SGP_TMP"))
