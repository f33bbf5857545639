"""INSERT ... ON CONFLICT for the running database (SQLite and PostgreSQL share the syntax)."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session


def insert(session: Session, model):
    """A dialect INSERT supporting on_conflict_do_nothing / on_conflict_do_update: race-free upserts."""
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    return dialect.insert(model)
