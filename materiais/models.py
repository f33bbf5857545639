"""material_resumo: the material statistics' sums, kept by the database (migration 1520)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel


def _sum() -> int:
    return Field(default=0, sa_column=Column(BigInteger, nullable=False))


class MaterialResumo(SQLModel, table=True):
    """Per entry day, material and product type (as written; '' when blank), the sums of the items of
    live orders (not drafts, not cancelled): kept by migration 1520's triggers on every write to
    `pedido_itens` and `pedidos`, so a year of statistics reads ~15k rows instead of every item.
    Rows are never deleted (a key's sums return to 0); TRUNCATE of either table empties it
    (PostgreSQL's triggers)."""

    __tablename__ = "material_resumo"

    data_entrada: date = Field(primary_key=True)
    tecido: str = Field(max_length=255, primary_key=True)
    tipo_producao: str = Field(max_length=64, primary_key=True)
    itens: int = _sum()
    area_cm2: int = _sum()
    overloque: int = _sum()
    elastico: int = _sum()
    ilhos: int = _sum()
    emenda: int = _sum()
    com_ilhos: int = _sum()  # items with at least one eyelet
    total_ilhos: int = _sum()
