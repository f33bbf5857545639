"""Migrate the database to head and create the first admin: `python -m database.init_db`."""

from __future__ import annotations

import argparse
import logging

from alembic import command
from alembic.config import Config
from sqlalchemy.exc import IntegrityError

from config import PROJECT_DIR, settings

logger = logging.getLogger("sgp.db")


def alembic_config(url: str | None = None) -> Config:
    config = Config(str(PROJECT_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_DIR / "database" / "migrations"))
    config.set_main_option("sqlalchemy.url", (url or settings.database_url).replace("%", "%%"))
    return config


def migrate(url: str | None = None) -> None:
    command.upgrade(alembic_config(url), "heads")


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
