"""A release's life in service: register, switch, restart, check /health/ready, roll back (scripts.release).

Standard library only, like `scripts.release`.
"""

from __future__ import annotations

import json
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from scripts.release_install import backup_before_migrating, install, migrate
from scripts.release_setup import register_service
from scripts.releases import Layout, ReleaseError, log, prune, release_python, run_step, switch


@dataclass
class Service:
    restart_commands: list[str]
    name: str
    port: int
    health_url: str
    health_timeout: float
    # "systemd" or "nssm": (re)define the service for the release before restarting it (first install).
    register: str | None = None
    workers: int = 4
    user: str | None = None  # systemd: who the service runs as
    unit_dir: Path = Path("/etc/systemd/system")


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
            run_step(command, what="Reinício do serviço")
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


def activate(layout: Layout, name: str, service: Service) -> bool:
    """Switch to `name`, restart the service and wait for /health; False when any of it fails."""
    switch(layout, name)
    try:
        if service.register:
            register_service(
                layout,
                manager=service.register,
                service=service.name,
                port=service.port,
                workers=service.workers,
                user=service.user,
                unit_dir=service.unit_dir,
            )
        restart(layout, service.restart_commands, service=service.name, port=service.port)
    except ReleaseError as exc:
        log(f"o serviço não reiniciou com {name}: {exc}")
        return False
    ok = healthy(service.health_url, timeout=service.health_timeout)
    log(f"/health {'ok' if ok else 'FALHOU'} em {service.health_url}")
    return ok


def rollback(layout: Layout, service: Service, *, to: str | None = None) -> str:
    """Switch back to the previous release (or `to`), restart it and check it answers."""
    target = to or layout.previous
    if not target:
        raise ReleaseError("Não há release anterior para voltar")
    log(f"revertendo para {target}")
    if not activate(layout, target, service):
        raise ReleaseError(f"Revertido para {target}, mas /health ainda falha: verifique o serviço e os logs")
    return target


def deploy(layout: Layout, source: Path, service: Service, *, keep: int, backup: bool = True, **install_options) -> str:
    """install → backup → migrate → switch → restart → /health; roll back when the new release is not healthy."""
    name = install(layout, source, **install_options)
    try:
        if backup:
            backup_before_migrating(layout)
        migrate(layout, name)
    except ReleaseError as exc:
        raise ReleaseError(f"{exc}\n{name} ficou instalada mas não está em uso; corrija e rode de novo com --force")
    before = layout.current
    if activate(layout, name, service):
        prune(layout, keep)
        log(f"deploy de {name} concluído")
        return name
    if before and before != name:
        rollback(layout, service, to=before)
        raise ReleaseError(f"{name} não respondeu em /health; revertido para {before}, que está no ar")
    raise ReleaseError(f"{name} não respondeu em /health e não há release anterior para voltar")
