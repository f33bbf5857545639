"""The order's numero: the next one (max + 1 over numeric numeros) and the check that one is free."""

from __future__ import annotations

from sqlalchemy import bindparam, select, text
from sqlmodel import Session

from database.prepared import Prepared
from errors import Conflict
from pedidos.orders.indexes import NUMERO_EXPR
from pedidos.orders.models import Pedido

# Any constant: the key of the PostgreSQL advisory lock that serialises numero generation.
NUMERO_LOCK_KEY = 7_300_113


def next_numero(session: Session) -> str:
    """max + 1 over numeric numeros, 10 digits; race-free because writers are serialised (see below)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(_NUMERO_LOCK, {"key": NUMERO_LOCK_KEY})
    # On SQLite, write transactions are BEGIN IMMEDIATE: no other writer runs until we commit.
    found = _HIGHEST_NUMERO[dialect].fetch(session)
    current = (found[0][0] if found else None) or 0
    return f"{int(current) + 1:010d}"


_NUMERO_LOCK = text("SELECT pg_advisory_xact_lock(:key)")
_HIGHEST_NUMERO = {
    "postgresql": Prepared(text(f"SELECT max({NUMERO_EXPR['postgresql']}) FROM pedidos")),
    # Walks the expression index of migration 0100 from its top.
    "sqlite": Prepared(
        text(
            f"SELECT {NUMERO_EXPR['sqlite']} FROM pedidos WHERE {NUMERO_EXPR['sqlite']} IS NOT NULL "
            f"ORDER BY {NUMERO_EXPR['sqlite']} DESC LIMIT 1"
        )
    ),
}


_NUMERO_TAKEN = Prepared(
    select(Pedido.__table__.c.id)
    .where(Pedido.__table__.c.numero == bindparam("numero"), Pedido.__table__.c.id != bindparam("exclude_id"))
    .limit(1)
)


def check_numero_free(session: Session, numero: str, *, exclude_id: int | None = None) -> None:
    if _NUMERO_TAKEN.fetch(session, {"numero": numero, "exclude_id": exclude_id or 0}):
        raise Conflict(f"Já existe um pedido com o número {numero}.")
