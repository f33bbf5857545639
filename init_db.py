"""Migrate the database, create the first admin, store missing snapshots: `python -m init_db`.

At the top level, not in database/: it runs domain steps (auth, pedidos), and database/ knows no domain.
"""

from __future__ import annotations

import argparse
import logging
import sys

from sqlalchemy.exc import IntegrityError

from config import settings
from database.migrate import migrate

logger = logging.getLogger("sgp.db")


def framed(lines: list[str]) -> str:
    """Lines in an ASCII frame (any console's encoding can show it), to stand out of the log lines."""
    width = max(len(line) for line in lines)
    border = "+" + "-" * (width + 4) + "+"
    return "\n".join([border, *(f"|  {line.ljust(width)}  |" for line in lines), border])


def show_once(lines: list[str]) -> None:
    """On the console only, never through logging: the log file must not keep a password."""
    print("\n" + framed(lines) + "\n", file=sys.stdout, flush=True)


def create_first_admin() -> None:
    from auth.service import ensure_first_admin
    from database.session import session_scope
    from listen import docs_url

    try:
        with session_scope() as session:
            password = ensure_first_admin(session)
    except IntegrityError:
        return  # another worker starting at the same moment created it
    if not password:
        return
    show_once(
        [
            "SGP: primeiro administrador criado",
            "",
            "  usuário: admin",
            f"  senha:   {password}",
            f"  API:     {docs_url()}",
            "",
            "Anote a senha: ela não é mostrada de novo nem gravada no log.",
            "Troque-a após o login; perdida, gere outra: python -m scripts.reset_admin",
        ]
    )
    logger.warning("Primeiro administrador 'admin' criado; a senha foi mostrada uma vez no console")


def init_db() -> None:
    from database.engine import write_engine
    from pedidos.read_side.snapshots import fill_missing

    migrate()
    create_first_admin()
    filled = fill_missing(write_engine)
    if filled:
        logger.info("Snapshots de %d pedidos gravados", filled)


def main() -> None:
    from middleware.request_id import setup_logging

    argparse.ArgumentParser(description=__doc__).parse_args()
    setup_logging()
    init_db()
    print(f"Banco pronto: {settings.database_url.split('@')[-1]}")


if __name__ == "__main__":
    main()
