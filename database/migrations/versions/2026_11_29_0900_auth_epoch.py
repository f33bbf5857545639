"""auth_epoch: a counter the database bumps on every change to users or revoked_tokens

Revision ID: 0900
Revises: 0800
Create Date: 2026-11-29 06:10:00

Lets a token's last successful check be reused across writes to other tables (auth.dependencies):
without it, every order written made each client's next request re-check its user.
Triggers, not application code, so no writer (a script, another worker, psql) can forget it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0900"
down_revision: str | None = "0800"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("users", "revoked_tokens")
BUMP = "UPDATE auth_epoch SET value = value + 1 WHERE id = 1"


def upgrade() -> None:
    op.create_table(
        "auth_epoch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO auth_epoch (id, value) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE FUNCTION bump_auth_epoch() RETURNS trigger AS $$ BEGIN {BUMP}; RETURN NULL; END $$ "
            "LANGUAGE plpgsql"
        )
        for table in TABLES:
            op.execute(
                f"CREATE TRIGGER {table}_auth_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION bump_auth_epoch()"
            )
        return
    for table in TABLES:
        for operation in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_auth_epoch_{operation.lower()} AFTER {operation} ON {table} BEGIN {BUMP}; END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"DROP TRIGGER {table}_auth_epoch ON {table}")
        op.execute("DROP FUNCTION bump_auth_epoch()")
    else:
        for table in TABLES:
            for operation in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER {table}_auth_epoch_{operation}")
    op.drop_table("auth_epoch")
