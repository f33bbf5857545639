"""pedidos.snapshot: each order's JSON kept in its row

Revision ID: 0800
Revises: 0700
Create Date: 2026-11-29 03:20:00

Nullable: existing orders get theirs from `python -m database.init_db` (pedidos/snapshots.py
fill_missing), which every start runs after migrating.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0800"
down_revision: str | None = "0700"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pedidos") as batch:
        batch.add_column(sa.Column("snapshot", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("snapshot_version", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pedidos") as batch:
        batch.drop_column("snapshot_version")
        batch.drop_column("snapshot")
