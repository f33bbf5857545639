"""Alembic, configured for this project: `migrate()` brings the database to the latest schema."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from config import PROJECT_DIR, settings


def alembic_config(url: str | None = None) -> Config:
    config = Config(str(PROJECT_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_DIR / "database" / "migrations"))
    config.set_main_option("sqlalchemy.url", (url or settings.database_url).replace("%", "%%"))
    return config


def migrate(url: str | None = None) -> None:
    command.upgrade(alembic_config(url), "heads")
