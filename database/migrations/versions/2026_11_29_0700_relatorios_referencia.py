"""relatorios: covering index on the reference date (data_entrega, else data_entrada)

Revision ID: 0700
Revises: 0600
Create Date: 2026-11-29 02:00:00

The closing reports' default period is "data_entrega, or data_entrada when there is none". Written
as an OR of two ranges, SQLite ran it as a MULTI-INDEX OR: one rowid set, then a lookup into the
wide table row per order (a year of the benchmark: ~50k lookups, twice the join's own cost). One
index on COALESCE(data_entrega, data_entrada) makes it a single covering range, and hands the
sintético "data" groups their rows already in date order. Must match relatorios/models.py.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0700"
down_revision: str | None = "0600"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_pedidos_periodo_referencia"
ORDER_COLUMNS = [
    "status",
    "valor_frete",
    "valor_total",
    "valor_itens",
    "cliente",
    "forma_envio",
    "numero",
    "tipo_pagamento",
    "financeiro",
    "conferencia",
    "sublimacao",
    "costura",
    "expedicao",
    "data_entrada",
    "data_entrega",
]


def upgrade() -> None:
    op.create_index(INDEX, "pedidos", [sa.text("coalesce(data_entrega, data_entrada)"), *ORDER_COLUMNS])
    bind = op.get_bind()
    # SQLite: a database that has statistics gets them for the new index too (see 0600).
    analyzed = "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
    if bind.dialect.name == "sqlite" and bind.exec_driver_sql(analyzed).first() is not None:
        op.execute(f"ANALYZE {INDEX}")


def downgrade() -> None:
    op.drop_index(INDEX, table_name="pedidos")
