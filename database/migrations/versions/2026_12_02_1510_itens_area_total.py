"""pedido_itens.area_total_cm2 (an item's m² × quantity) and the statistics' covering index

Revision ID: 1510
Revises: 1500
Create Date: 2026-12-02 17:00:00

The material and automação statistics summed, per item, a CASE over metro_quadrado, largura and
altura parsed from text (on SQLite a GLOB and a REAL cast per side, on PostgreSQL a regex and a
NUMERIC cast) and read each item's table row. The area becomes a column, written by
pedidos.orders.items.item_area_cm2 on every item write (the original 1.4's rule: metro_quadrado, else
largura × altura, else 1 m²; times the quantity; exact cm²), and the index
ix_pedido_itens_materiais covers every column those statistics read, so a year is read from
indexes alone. ADD COLUMN keeps the table (and relatorio_itens' triggers, which watch other columns).

Backfill: items with a stored area (area_cm2 > 0: metro_quadrado already parsed by the API) in
one SQL per batch of ids, the same on both databases; the others parse largura and altura here,
with the API's rules, so both databases get the same exact figure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import sqlalchemy as sa
from alembic import op

revision: str = "1510"
down_revision: str | None = "1500"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 50_000
CM2_PER_M2 = 10_000  # pedidos.orders.items.CM2_PER_M2
MAX_AREA_CM2 = 10**12  # pedidos.orders.items.MAX_AREA_CM2
MAX_CENTS = 10**15  # database.types.MAX_CENTS
# materiais.indexes.COLUMNS
_COUNTED = ["pedido_id", "tecido", "tipo_producao", "area_total_cm2", "quantidade", "valor_calculado"]
INDEX_COLUMNS = [*_COUNTED, "tem_overloque", "tem_elastico", "tem_ilhos", "tem_emenda", "total_ilhos"]
_NUMBER = re.compile(r"^-?[0-9.,]+$")


def _centi(text: str | None) -> int:
    """database.types.parse_money of a text column as of this revision (metres → cm); 0 when unreadable."""
    cleaned = (text or "").strip().replace("R$", "").replace(" ", "").replace("\u00a0", "")
    if not cleaned or not _NUMBER.match(cleaned):
        return 0
    if "," in cleaned and "." in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    elif cleaned.count(",") > 1:
        cleaned = cleaned.replace(",", "")
    elif cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return 0
    if not amount.is_finite() or abs(amount) * 100 >= MAX_CENTS:
        return 0
    return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _area(area_cm2: int, largura: str | None, altura: str | None, quantidade: int) -> int:
    """pedidos.orders.items.item_area_cm2 from the row (area_cm2 is metro_quadrado parsed, quantidade the quantity)."""
    unit = area_cm2
    if unit <= 0:
        sides = _centi(largura) * _centi(altura)
        unit = sides if sides > 0 else CM2_PER_M2
    return min(unit * quantidade, MAX_AREA_CM2)


def upgrade() -> None:
    op.add_column("pedido_itens", sa.Column("area_total_cm2", sa.BigInteger(), nullable=False, server_default="0"))
    bind = op.get_bind()
    last = bind.execute(sa.text("SELECT max(id) FROM pedido_itens")).scalar() or 0
    stored = sa.text(
        "UPDATE pedido_itens SET area_total_cm2 = CASE WHEN area_cm2 <= :most / quantidade"
        " THEN area_cm2 * quantidade ELSE :most END"
        " WHERE id >= :start AND id < :end AND area_cm2 > 0 AND quantidade > 0"
    )
    others = sa.text(
        "SELECT id, area_cm2, largura, altura, quantidade FROM pedido_itens"
        " WHERE id >= :start AND id < :end AND NOT (area_cm2 > 0 AND quantidade > 0)"
    )
    update = sa.text("UPDATE pedido_itens SET area_total_cm2 = :area WHERE id = :id")
    # Batches of ids: one long UPDATE would hold a huge journal (SQLite) or bloat at once (PostgreSQL).
    for start in range(0, last + 1, BATCH):
        bounds = {"start": start, "end": start + BATCH}
        bind.execute(stored, {**bounds, "most": MAX_AREA_CM2})
        rows = bind.execute(others, bounds).all()
        if rows:
            bind.execute(update, [{"id": id_, "area": _area(*fields)} for id_, *fields in rows])
    op.create_index("ix_pedido_itens_materiais", "pedido_itens", INDEX_COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_pedido_itens_materiais", "pedido_itens")
    op.drop_column("pedido_itens", "area_total_cm2")
