"""Command line of `scripts.release`: `python -m scripts.release COMMAND --help`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from scripts.release_deploy import Service, deploy, restart, rollback
from scripts.release_install import install, migrate
from scripts.releases import (
    DEFAULT_SERVICE,
    IS_WINDOWS,
    RESTART_DEFAULT,
    Layout,
    ReleaseError,
    exclusive,
    log,
    prune,
    release_name,
    switch,
)

DESCRIPTION = """Releases beside shared/: install, migrate, switch, restart, check /health, roll back, prune.

    python -m scripts.release --root /opt/sgp deploy --source ./api-sgp-1.2.3.zip

Layout under --root (API_ROOT):
    shared/{db,media,logs,backups}   data kept across releases, never touched here
    releases/vX.Y.Z/                 one folder per release, pointed at shared/
    current (symlink, POSIX) and current.txt / previous.txt (every platform)
    .env                             configuration shared by every release

Standard library only: this runs with the system Python before any release has a venv. The
PowerShell and shell scripts are thin wrappers over this module.
"""


def _at_least_one(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("deve ser 1 ou mais")
    return value


def _service(args: argparse.Namespace) -> Service:
    return Service(
        restart_commands=args.restart_cmd or RESTART_DEFAULT,
        name=args.service,
        port=args.port,
        health_url=args.health_url or f"http://127.0.0.1:{args.port}/health/ready",
        health_timeout=args.health_timeout,
        register=getattr(args, "register_service", None),
        workers=getattr(args, "workers", 4),
        user=getattr(args, "user", None),
        unit_dir=getattr(args, "unit_dir", Path("/etc/systemd/system")),
    )


def _install_options(args: argparse.Namespace) -> dict:
    return {"version": args.version, "link_mode": args.link_mode, "venv": not args.skip_venv, "force": args.force}


def _update(layout: Layout, args: argparse.Namespace) -> None:
    from scripts import release_setup

    with release_setup.temporary_dir() as workdir:
        if args.command == "update":
            version, source = release_setup.fetch_from_manifest(
                args.manifest_url, Path(workdir), msi_args=args.msi_args
            )
        else:
            found = release_setup.newest_in_share(args.watch_path)
            if found is None:
                log(f"nenhum pacote (*.zip com versão no nome) em {args.watch_path}")
                return
            version, source = found
        if not args.force and not release_setup.is_newer(layout, version):
            log(f"já atualizado: {layout.current} (pacote {version})")
            return
        args.version = version
        deploy(layout, source, _service(args), keep=args.keep, backup=not args.no_backup, **_install_options(args))


def run_command(args: argparse.Namespace) -> None:
    layout = Layout(args.root.resolve())
    command = args.command
    if command == "install":
        install(layout, args.source, **_install_options(args))
    elif command == "migrate":
        name = release_name(args.name) if args.name else layout.current
        if not name:
            raise ReleaseError("Nenhuma release em uso; informe qual migrar")
        migrate(layout, name)
    elif command == "switch":
        switch(layout, release_name(args.name))
        if not args.no_restart:
            restart(layout, args.restart_cmd or RESTART_DEFAULT, service=args.service, port=args.port)
    elif command == "rollback":
        rollback(layout, _service(args), to=release_name(args.to) if args.to else None)
    elif command == "list":
        if not layout.installed():
            log(f"nenhuma release instalada em {layout.releases}")
        for name in layout.installed():
            mark = "*" if name == layout.current else "-" if name == layout.previous else " "
            print(f"{mark} {name}")
    elif command == "prune":
        prune(layout, args.keep)
    elif command == "deploy":
        deploy(layout, args.source, _service(args), keep=args.keep, backup=not args.no_backup, **_install_options(args))
    elif command in ("update", "update-from-share"):
        _update(layout, args)
    elif command == "init":
        from scripts import release_setup

        release_setup.init(layout, create_env=args.create_env, port=args.port, workers=args.workers)
    elif command == "service":
        from scripts import release_setup

        release_setup.register_service(
            layout,
            manager=args.manager,
            service=args.service,
            port=args.port,
            workers=args.workers,
            user=args.user,
            unit_dir=args.unit_dir,
            print_only=args.print_only,
        )


def _add_service_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--service", default=DEFAULT_SERVICE, help=f"nome do serviço (padrão: {DEFAULT_SERVICE})")
    sub.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000), help="porta da API")
    sub.add_argument(
        "--restart-cmd",
        action="append",
        metavar="CMD",
        help="comando de reinício, repetível; aceita {service} {release} {python} {root} {port} "
        f"(padrão: {' ; '.join(RESTART_DEFAULT)})",
    )
    sub.add_argument(
        "--health-url",
        help="padrão: http://127.0.0.1:PORT/health/ready (migrações aplicadas, mídia gravável, disco)",
    )
    sub.add_argument("--health-timeout", type=float, default=60.0, help="segundos esperando a resposta de saúde (60)")


def _add_install_options(sub: argparse.ArgumentParser, *, source: bool = True) -> None:
    if source:
        sub.add_argument("--source", type=Path, required=True, help="pasta ou .zip da release")
    sub.add_argument("--version", help="versão (padrão: a do pyproject.toml da origem)")
    sub.add_argument("--skip-venv", action="store_true", help="não cria venv (usa este Python)")
    sub.add_argument(
        "--link-mode",
        choices=["symlink", "env"],
        help="como a release enxerga shared/ (padrão: symlink; env no Windows)",
    )
    sub.add_argument("--force", action="store_true", help="reinstala uma versão já instalada")


def _add_keep_option(sub: argparse.ArgumentParser, *, deploys: bool = True) -> None:
    sub.add_argument("--keep", type=_at_least_one, default=3, help="quantas releases manter (padrão: 3)")
    if deploys:
        sub.add_argument("--no-backup", action="store_true", help="não faz backup do banco antes de migrar")


def _add_service_definition_options(sub: argparse.ArgumentParser) -> None:
    """How `deploy --register-service` and `service` write the unit: its user and folder."""
    sub.add_argument("--user", help="usuário do serviço systemd (padrão: $SUDO_USER ou o atual)")
    sub.add_argument("--unit-dir", type=Path, default=Path("/etc/systemd/system"), help="onde gravar a unidade")


def _add_release_commands(commands) -> None:
    """install, migrate, switch, rollback, list, prune: one step each on releases/."""
    _add_install_options(commands.add_parser("install", help="instala uma release em releases/vX.Y.Z"))
    sub = commands.add_parser("migrate", help="migra o banco com uma release (padrão: a atual)")
    sub.add_argument("name", nargs="?")
    sub = commands.add_parser("switch", help="torna uma release a atual e reinicia o serviço")
    sub.add_argument("name")
    sub.add_argument("--no-restart", action="store_true")
    _add_service_options(sub)
    sub = commands.add_parser("rollback", help="volta para a release anterior e confere /health")
    sub.add_argument("--to", help="release de destino (padrão: a anterior)")
    _add_service_options(sub)
    commands.add_parser("list", help="lista as releases (* atual, - anterior)")
    _add_keep_option(commands.add_parser("prune", help="remove releases antigas"), deploys=False)


def _add_deploy_commands(commands) -> None:
    """deploy, and the two updates that end in one (from a manifest, from a shared folder)."""
    sub = commands.add_parser("deploy", help="install + migrate + switch + restart + /health (+ rollback)")
    _add_install_options(sub)
    _add_service_options(sub)
    _add_keep_option(sub)
    sub.add_argument(
        "--register-service",
        choices=["systemd", "nssm"],
        help="(re)define o serviço antes de reiniciar (primeira instalação)",
    )
    sub.add_argument("--workers", type=int, default=4, help="workers do servidor no serviço (padrão: 4)")
    _add_service_definition_options(sub)
    sub = commands.add_parser("update", help="deploy a partir de um manifesto JSON (zip ou MSI)")
    sub.add_argument("--manifest-url", required=True)
    sub.add_argument("--msi-args", default="/qn", help="argumentos do msiexec (padrão: /qn)")
    share = commands.add_parser("update-from-share", help="deploy do .zip mais novo de uma pasta")
    share.add_argument("--watch-path", type=Path, required=True, help="pasta (ou compartilhamento) com os .zip")
    for updater in (sub, share):
        _add_install_options(updater, source=False)
        _add_service_options(updater)
        _add_keep_option(updater)


def _add_setup_commands(commands) -> None:
    """init and service: once per machine."""
    sub = commands.add_parser("init", help="cria shared/ e, com --create-env, um .env com SECRET_KEY novo")
    sub.add_argument("--create-env", action="store_true")
    sub.add_argument("--port", type=int, default=8000)
    sub.add_argument("--workers", type=int, default=4)
    sub = commands.add_parser("service", help="registra o serviço (systemd ou NSSM) rodando python -m serve")
    sub.add_argument("--manager", choices=["systemd", "nssm"], default="nssm" if IS_WINDOWS else "systemd")
    sub.add_argument("--service", default=DEFAULT_SERVICE)
    sub.add_argument("--port", type=int, default=8000)
    sub.add_argument("--workers", type=int, default=4)
    _add_service_definition_options(sub)
    sub.add_argument("--print-only", action="store_true", help="só mostra a unidade/comandos")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.release", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path(os.environ.get("API_ROOT") or "."),
        help="pasta da instalação, com shared/ e releases/ (padrão: $API_ROOT ou a pasta atual)",
    )
    # The order here is the order `--help` lists the commands in.
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMANDO")
    _add_release_commands(commands)
    _add_deploy_commands(commands)
    _add_setup_commands(commands)
    return parser


# Commands that never touch releases/ or the current pointer.
UNLOCKED = {"list", "service", "init"}
CREATES_ROOT = {"install", "deploy", "update", "update-from-share"}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command in UNLOCKED:
            run_command(args)
        else:
            root = args.root.resolve()
            if args.command in CREATES_ROOT:
                root.mkdir(parents=True, exist_ok=True)
            elif not root.is_dir():
                raise ReleaseError(f"Pasta da instalação não encontrada: {root} (use --root)")
            with exclusive(root):
                run_command(args)
    except ReleaseError as exc:
        print(f"ERRO: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrompido.", file=sys.stderr)
        return 130
    return 0
