"""relatorios covering indexes, wider

Revision ID: 0600
Revises: 0400
Create Date: 2026-11-29 01:30:00

Replaces the 0400 report indexes with supersets so that every report's year scan is index-only:
the order indexes also carry numero (analítico rows), tipo_pagamento and the workflow flags
(financeiro by payment type and by stage); the item index also carries descricao (analítico rows).
Without them each of those reads costs a lookup into the wide table row (~50k orders and ~125k
items per year of the benchmark). Must match the Index declarations in relatorios/models.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0600"
down_revision: str | None = "0400"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

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
]
ITEM_COLUMNS = [
    "pedido_id",
    "item_index",
    "valor_calculado",
    "vendedor",
    "designer",
    "tipo_producao",
    "quantidade",
    "area_cm2",
    "descricao",
]
OLD_ORDER_COLUMNS = ORDER_COLUMNS[:6]
OLD_ITEM_COLUMNS = ITEM_COLUMNS[:8]


def upgrade() -> None:
    op.drop_index("ix_pedido_itens_relatorio", table_name="pedido_itens")
    op.drop_index("ix_pedidos_relatorio_entrega", table_name="pedidos")
    op.drop_index("ix_pedidos_relatorio_entrada", table_name="pedidos")
    op.create_index("ix_pedidos_periodo_entrada", "pedidos", ["data_entrada", *ORDER_COLUMNS, "data_entrega"])
    op.create_index("ix_pedidos_periodo_entrega", "pedidos", ["data_entrega", *ORDER_COLUMNS, "data_entrada"])
    op.create_index("ix_pedido_itens_periodo", "pedido_itens", ITEM_COLUMNS)
    _analyze_if_analyzed(["ix_pedidos_periodo_entrada", "ix_pedidos_periodo_entrega", "ix_pedido_itens_periodo"])


def downgrade() -> None:
    op.drop_index("ix_pedido_itens_periodo", table_name="pedido_itens")
    op.drop_index("ix_pedidos_periodo_entrega", table_name="pedidos")
    op.drop_index("ix_pedidos_periodo_entrada", table_name="pedidos")
    op.create_index("ix_pedidos_relatorio_entrada", "pedidos", ["data_entrada", *OLD_ORDER_COLUMNS, "data_entrega"])
    op.create_index("ix_pedidos_relatorio_entrega", "pedidos", ["data_entrega", *OLD_ORDER_COLUMNS, "data_entrada"])
    op.create_index("ix_pedido_itens_relatorio", "pedido_itens", OLD_ITEM_COLUMNS)
    _analyze_if_analyzed(["ix_pedidos_relatorio_entrada", "ix_pedidos_relatorio_entrega", "ix_pedido_itens_relatorio"])


def _analyze_if_analyzed(indexes: list[str]) -> None:
    """SQLite: a database that has statistics gets them for the new indexes too.

    Otherwise the planner, seeing stats for the old narrow indexes only, keeps choosing
    ix_pedido_itens_pedido_id (and a lookup per item) over the covering index.
    """
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    if bind.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first() is None:
        return
    for name in indexes:
        op.execute(f"ANALYZE {name}")
