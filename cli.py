"""The `sgp` command (pyproject's console script): `sgp serve`, `sgp migrate`, `sgp backup`, ...

`sgp NAME ARGS` runs the module behind NAME exactly as `python -m MODULE ARGS` does, so each command
keeps its own options, `--help`, messages and exit code. Modules are imported only when their command
runs: `sgp --help` works before the dependencies are installed, and a command whose module is absent
from this installation says so instead of failing with a traceback.
"""

from __future__ import annotations

import importlib.util
import runpy
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent

# name: (module, what it does: the line `sgp --help` shows the operator)
COMMANDS: dict[str, tuple[str, str]] = {
    "serve": ("serve", "inicia o servidor (uvicorn: --host, --port, --workers N)"),
    "migrate": ("init_db", "atualiza o banco para o esquema mais recente e cria o primeiro admin"),
    "backup": ("scripts.backup_database", "backup online verificado (--dest, --retention, --include-media)"),
    "restore": ("scripts.restore_database", "restaura um backup (--from ARQUIVO; recusa com o servidor no ar)"),
    "reset-admin": ("scripts.reset_admin", "nova senha para um administrador (quando ninguém consegue entrar)"),
    "seed": ("scripts.seed_pedidos", "pedidos falsos em massa (--amount, --start-date, --end-date)"),
    "seed-producoes": ("scripts.seed_producoes", "os tipos de produção do app (idempotente)"),
    "media-migrate": ("scripts.media_migrate", "move a mídia entre a pasta local e o S3 (--to s3|local)"),
    "maintenance": ("scripts.db_maintenance", "verificação de integridade, VACUUM, ANALYZE"),
    "remove-duplicates": ("scripts.remove_duplicates", "une cadastros duplicados"),
    "notify-overdue": ("scripts.notify_overdue", "notifica pedidos com entrega vencida"),
    "release": ("scripts.release", "versões ao lado de shared/: install, migrate, switch, deploy, rollback"),
}

INSTALL_HINT = "pip install -r requirements.txt"


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = [
        "uso: sgp COMANDO [OPÇÕES]    (sgp COMANDO --help mostra as opções de cada um)",
        "",
        "comandos:",
        *(f"  {name:<{width}}  {summary}" for name, (_, summary) in COMMANDS.items()),
    ]
    return "\n".join(lines)


def _module_exists(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # its parent package is missing too
        return False


def _is_ours(module: str | None) -> bool:
    top = (module or "").split(".")[0]
    return bool(top) and ((PROJECT_DIR / top).is_dir() or (PROJECT_DIR / f"{top}.py").is_file())


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(usage())
        return 0 if args else 2
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        print(f"sgp: comando desconhecido {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = COMMANDS[name][0]
    if not _module_exists(module):
        print(f"sgp {name}: este comando não existe nesta instalação (falta o módulo {module})", file=sys.stderr)
        return 2
    saved_argv = sys.argv
    sys.argv = [module, *rest]  # runpy puts the module's path first, as `python -m` does
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as done:
        return _exit_code(done.code)
    except ModuleNotFoundError as missing:
        if _is_ours(missing.name):
            raise  # one of the project's own modules: a bug, not an installation problem
        print(
            f"sgp {name}: falta o pacote Python {missing.name!r}; instale as dependências: {INSTALL_HINT}",
            file=sys.stderr,
        )
        return 1
    finally:
        sys.argv = saved_argv
    return 0


def _exit_code(code: object) -> int:
    """SystemExit's code as the shell sees it: None is 0, an int itself, a message printed and 1."""
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
