"""Migrate the database, create the first admin, store missing snapshots: `python -m init_db`.

At the top level, not in database/: it runs domain steps (auth, pedidos), and database/ knows no domain.
"""

from __future__ import annotations

import argparse
import logging

from sqlalchemy.exc import IntegrityError

from config import settings
from database.migrate import migrate

logger = logging.getLogger("sgp.db")


def create_first_admin() -> None:
    from auth.service import ensure_first_admin
    from database.session import session_scope

    try:
        with session_scope() as session:
            password = ensure_first_admin(session)
    except IntegrityError:
        return  # another worker starting at the same moment created it
    if password:
        message = f"Primeiro administrador criado: usuário 'admin', senha '{password}' (troque-a após o login)"
        logger.warning(message)  # console and shared/logs/sgp.log, once


def init_db() -> None:
    from database.engine import write_engine
    from pedidos.snapshots import fill_missing

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
