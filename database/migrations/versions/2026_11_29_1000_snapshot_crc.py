"""pedidos.snapshot_crc, snapshot_size: what a gzip list needs of each snapshot besides its piece

Revision ID: 1000
Revises: 0900
Create Date: 2026-11-29 06:20:00

Null for existing snapshots: `python -m database.init_db` (every start) stores them again
(pedidos/snapshots.py fill_missing treats a snapshot without them as missing).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "1000"
down_revision: str | None = "0900"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pedidos") as batch:
        batch.add_column(sa.Column("snapshot_crc", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("snapshot_size", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pedidos") as batch:
        batch.drop_column("snapshot_size")
        batch.drop_column("snapshot_crc")
