"""A new password for an administrator: `python -m scripts.reset_admin [--username admin]`.

Without options a random password is set and shown once; `--prompt` asks for one (twice, hidden),
`--password-stdin` reads it from the first line of stdin (for scripts). Every session the admin had
ends, and a deactivated admin is active again. The password is printed, never logged.
"""

from __future__ import annotations

import argparse
import getpass
import secrets
import sys

from scripts._common import ScriptError, run


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.reset_admin", description=__doc__.splitlines()[0])
    parser.add_argument("--username", default="admin", help="o administrador (padrão: admin)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--prompt", action="store_true", help="pede a senha nova no terminal")
    source.add_argument("--password-stdin", action="store_true", help="lê a senha nova da primeira linha da entrada")
    return parser.parse_args(argv)


def new_password(options: argparse.Namespace) -> tuple[str, bool]:
    """The password and whether it was generated here (then it must be shown)."""
    from auth.security import password_problem

    if options.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif options.prompt:
        password = getpass.getpass("Senha nova: ")
        if getpass.getpass("Repita a senha: ") != password:
            raise ScriptError("As senhas não conferem; nada foi alterado")
    else:
        return secrets.token_urlsafe(12), True
    problem = password_problem(password)
    if problem:
        raise ScriptError(f"{problem}; nada foi alterado")
    return password, False


def main(argv: list[str] | None = None) -> int:
    return run(_main, argv)


def _main(argv: list[str] | None) -> int:
    options = parse(argv)
    password, generated = new_password(options)

    from sqlalchemy.exc import SQLAlchemyError

    from auth.service import reset_admin
    from database.session import session_scope
    from errors import AppError

    try:
        with session_scope() as session:
            user = reset_admin(session, username=options.username.strip(), password=password)
            username = user.username
    except AppError as exc:
        raise ScriptError(str(exc.detail)) from None
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise ScriptError(f"Banco inacessível ou não migrado ({reason}): rode python -m init_db") from None
    if generated:
        from init_db import show_once

        show_once(
            [
                f"SGP: nova senha do administrador '{username}'",
                "",
                f"  senha: {password}",
                "",
                "Anote-a: ela não é mostrada de novo nem gravada no log.",
                "As sessões abertas desse usuário foram encerradas.",
            ]
        )
    else:
        print(f"Senha de '{username}' alterada; as sessões abertas desse usuário foram encerradas.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
