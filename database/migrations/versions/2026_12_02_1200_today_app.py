"""Today's app (1.4): drafts, finance release time, art status and comments, user sectors

Revision ID: 1200
Revises: 1100
Create Date: 2026-12-02 13:30:00

Columns only (ALTER TABLE ADD COLUMN on SQLite: no table is recreated, so no trigger is lost).
- pedidos.rascunho, criado_por, financeiro_liberado_em; an index for the drafts list.
- pedido_itens.status_arte ("aguardando"; "liberado" where the original's legacy rule says so:
  legenda_imagem == "LIBERADO"), comentarios ([]), designer_busca (search_key(designer), filled here).
- users.setor ("geral"); tokens_valid_from, tokens_kept_jti (a password change ends other sessions).
Every snapshot is cleared: the order JSON gained fields, and `python -m database.init_db` (every
start) stores them again.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "1200"
down_revision: str | None = "1100"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _search_key(text: str | None) -> str:
    # database.types.search_key as of this revision (a migration keeps its own copy).
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().split())


def upgrade() -> None:
    bind = op.get_bind()
    false = sa.text("false") if bind.dialect.name == "postgresql" else sa.text("0")
    op.add_column("pedidos", sa.Column("financeiro_liberado_em", sa.DateTime(), nullable=True))
    op.add_column("pedidos", sa.Column("rascunho", sa.Boolean(), nullable=False, server_default=false))
    op.add_column("pedidos", sa.Column("criado_por", sa.Integer(), nullable=True))
    op.create_index("ix_pedidos_rascunho_criado_por", "pedidos", ["rascunho", "criado_por"])
    op.add_column("pedido_itens", sa.Column("designer_busca", sa.String(255), nullable=False, server_default=""))
    op.add_column("pedido_itens", sa.Column("status_arte", sa.String(20), nullable=False, server_default="aguardando"))
    op.add_column("pedido_itens", sa.Column("comentarios", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
    op.create_index("ix_pedido_itens_designer_busca", "pedido_itens", ["designer_busca"])
    op.add_column("users", sa.Column("setor", sa.String(50), nullable=False, server_default="geral"))
    op.add_column("users", sa.Column("tokens_valid_from", sa.DateTime(), nullable=True))
    op.add_column("users", sa.Column("tokens_kept_jti", sa.String(64), nullable=True))

    legenda = (
        "(extras ->> 'legenda_imagem')"
        if bind.dialect.name == "postgresql"
        else "json_extract(extras, '$.legenda_imagem')"
    )
    op.execute(f"UPDATE pedido_itens SET status_arte = 'liberado' WHERE {legenda} = 'LIBERADO'")
    designers = bind.execute(sa.text("SELECT DISTINCT designer FROM pedido_itens WHERE designer IS NOT NULL")).all()
    update = sa.text("UPDATE pedido_itens SET designer_busca = :key WHERE designer = :designer")
    for (designer,) in designers:
        if _search_key(designer):
            bind.execute(update, {"key": _search_key(designer), "designer": designer})
    op.execute("UPDATE pedidos SET snapshot = NULL, snapshot_version = NULL, snapshot_crc = NULL, snapshot_size = NULL")


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("tokens_kept_jti")
        batch.drop_column("tokens_valid_from")
        batch.drop_column("setor")
    op.drop_index("ix_pedido_itens_designer_busca", "pedido_itens")
    with op.batch_alter_table("pedido_itens") as batch:
        batch.drop_column("comentarios")
        batch.drop_column("status_arte")
        batch.drop_column("designer_busca")
    op.drop_index("ix_pedidos_rascunho_criado_por", "pedidos")
    with op.batch_alter_table("pedidos") as batch:
        batch.drop_column("criado_por")
        batch.drop_column("rascunho")
        batch.drop_column("financeiro_liberado_em")
    op.execute("UPDATE pedidos SET snapshot = NULL, snapshot_version = NULL, snapshot_crc = NULL, snapshot_size = NULL")
