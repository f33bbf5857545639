"""pedido_itens: the finishing the material statistics count, as columns

Revision ID: 1400
Revises: 1300
Create Date: 2026-12-02 15:00:00

The material statistics read acabamento.overloque/elastico/ilhos, emenda and quantidade_ilhos
from each item's JSON `extras`: a year at 100k orders re-parsed the JSON once per field (about
1 s on both databases). They become plain columns, written by pedidos.items.finishing_columns on
every item write and filled here from the JSON with the same rules. ADD COLUMN keeps the table
(and relatorio_itens' SQLite triggers, which watch other columns).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "1400"
down_revision: str | None = "1300"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FLAGS = ("tem_overloque", "tem_elastico", "tem_ilhos", "tem_emenda")
BATCH = 50_000
MAX_ILHOS = 999_999_999  # pedidos.items.MAX_ILHOS

# value IN (True, 1, "true", "1", "True") for acabamento.<name>; emenda truthy and not "sem-emenda";
# quantidade_ilhos as Python's int(): numbers truncated, text of a whole number, true is 1.
SQLITE = {
    "flag": "coalesce(json_extract(extras, '$.acabamento.{name}') IN (1, 'true', '1', 'True'), 0)",
    "tem_emenda": (
        "CASE json_type(extras, '$.emenda') WHEN 'true' THEN 1 WHEN 'integer' THEN json_extract(extras, '$.emenda') <> 0"
        " WHEN 'real' THEN json_extract(extras, '$.emenda') <> 0"
        " WHEN 'text' THEN json_extract(extras, '$.emenda') NOT IN ('', 'sem-emenda')"
        " WHEN 'array' THEN json_array_length(extras, '$.emenda') > 0"
        " WHEN 'object' THEN json_extract(extras, '$.emenda') <> '{}' ELSE 0 END"
    ),
    "ilhos": (
        "CASE json_type(extras, '$.quantidade_ilhos') WHEN 'true' THEN 1"
        " WHEN 'integer' THEN json_extract(extras, '$.quantidade_ilhos')"
        " WHEN 'real' THEN CAST(json_extract(extras, '$.quantidade_ilhos') AS INTEGER)"
        " WHEN 'text' THEN CASE WHEN trim(json_extract(extras, '$.quantidade_ilhos')) GLOB '[0-9]*'"
        " AND NOT trim(json_extract(extras, '$.quantidade_ilhos')) GLOB '*[^0-9]*'"
        " AND length(trim(json_extract(extras, '$.quantidade_ilhos'))) <= 10"
        " THEN CAST(trim(json_extract(extras, '$.quantidade_ilhos')) AS INTEGER) ELSE 0 END"
        " ELSE 0 END"
    ),
}
POSTGRESQL = {
    "flag": "coalesce((extras -> 'acabamento' ->> '{name}') IN ('true', '1', 'True'), false)",
    "tem_emenda": (
        "CASE json_typeof(extras -> 'emenda') WHEN 'boolean' THEN (extras ->> 'emenda') = 'true'"
        " WHEN 'number' THEN (extras ->> 'emenda')::numeric <> 0"
        " WHEN 'string' THEN (extras ->> 'emenda') NOT IN ('', 'sem-emenda')"
        " WHEN 'array' THEN json_array_length(extras -> 'emenda') > 0"
        " WHEN 'object' THEN (extras ->> 'emenda') NOT IN ('{}') ELSE false END"
    ),
    "ilhos": (
        "CASE json_typeof(extras -> 'quantidade_ilhos') WHEN 'boolean' THEN"
        " CASE WHEN (extras ->> 'quantidade_ilhos') = 'true' THEN 1 ELSE 0 END"
        " WHEN 'number' THEN CASE WHEN abs((extras ->> 'quantidade_ilhos')::numeric) < 1e10"
        " THEN trunc((extras ->> 'quantidade_ilhos')::numeric)::bigint ELSE 0 END"
        " WHEN 'string' THEN CASE WHEN btrim(extras ->> 'quantidade_ilhos') ~ '^[0-9]{1,10}$'"
        " THEN btrim(extras ->> 'quantidade_ilhos')::bigint ELSE 0 END"
        " ELSE 0 END"
    ),
}


def _assignments(sql: dict[str, str]) -> str:
    flags = [f"{column} = {sql['flag'].format(name=column[4:])}" for column in FLAGS[:3]]
    ilhos = f"({sql['ilhos']})"
    total = f"total_ilhos = CASE WHEN {ilhos} BETWEEN 1 AND {MAX_ILHOS} THEN {ilhos} ELSE 0 END"
    return ", ".join((*flags, f"tem_emenda = {sql['tem_emenda']}", total))


def upgrade() -> None:
    for column in FLAGS:
        op.add_column("pedido_itens", sa.Column(column, sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("pedido_itens", sa.Column("total_ilhos", sa.Integer(), nullable=False, server_default="0"))
    bind = op.get_bind()
    pg = bind.dialect.name == "postgresql"
    assignments = _assignments(POSTGRESQL if pg else SQLITE)
    last = bind.execute(sa.text("SELECT max(id) FROM pedido_itens")).scalar() or 0
    # Batches of ids: one long UPDATE would hold a huge journal (SQLite) or bloat at once (PostgreSQL).
    for start in range(0, last + 1, BATCH):
        bind.execute(
            sa.text(f"UPDATE pedido_itens SET {assignments} WHERE id >= :start AND id < :end"),
            {"start": start, "end": start + BATCH},
        )


def downgrade() -> None:
    for column in ("total_ilhos", *reversed(FLAGS)):
        op.drop_column("pedido_itens", column)
