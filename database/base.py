"""Shared model plumbing: stable constraint names and naive-UTC timestamps."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import SQLModel

# Stable constraint names, so migrations name the same constraint the same way on both databases.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Naive UTC, the original's timestamp format ("2026-01-12T08:00:42.621711")."""
    return datetime.now(UTC).replace(tzinfo=None)


__all__ = ["SQLModel", "utcnow"]
