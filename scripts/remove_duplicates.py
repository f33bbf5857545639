"""Merge lookup records whose names are equal ignoring case, accents and spaces.

    python -m scripts.remove_duplicates --dry-run              # show what would change
    python -m scripts.remove_duplicates --table clientes --confirm

Keeps the oldest record of each group, re-points every order/item that used the others to it,
then deletes the others — all in one transaction. Without --confirm nothing is changed.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from cadastros import references
from cadastros.crud import CrudSpec
from cadastros.registry import SPECS
from database.session import session_scope
from database.types import search_key


def find_duplicates(session: Session, spec: CrudSpec) -> list[tuple[Any, list[Any]]]:
    """Groups of (kept = oldest, duplicates), by the normalised name (not the stored key, which may be stale)."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for record in session.execute(select(spec.model).order_by(spec.model.id)).scalars():
        groups[search_key(getattr(record, spec.name_field))].append(record)
    return [(records[0], records[1:]) for records in groups.values() if len(records) > 1]


def merge(session: Session, spec: CrudSpec, kept: Any, duplicates: list[Any]) -> int:
    """Re-point references to `kept`, delete `duplicates`; returns the number of order rows changed."""
    changed = sum(references.repoint(session, spec.table, duplicate, kept) for duplicate in duplicates)
    for duplicate in duplicates:
        session.delete(duplicate)
    session.flush()
    # Only now, with the duplicates gone, can the kept record take the normalised key.
    setattr(kept, spec.key_field, search_key(getattr(kept, spec.name_field)))
    session.add(kept)
    session.flush()
    return changed


def run(session: Session, tables: list[str], *, apply: bool, out=print) -> int:
    """Report (and with apply=True, merge) duplicates; returns how many records are (or would be) removed."""
    removed = 0
    for table in tables:
        spec = SPECS[table]
        for kept, duplicates in find_duplicates(session, spec):
            uses = sum(references.usage_count(session, table, d) for d in duplicates)
            names = ", ".join(f"#{d.id} {getattr(d, spec.name_field)!r}" for d in duplicates)
            out(
                f"{table}: manter #{kept.id} {getattr(kept, spec.name_field)!r}; "
                f"remover {names} ({uses} pedido(s) a re-apontar)"
            )
            if apply:
                merge(session, spec, kept, duplicates)
            removed += len(duplicates)
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.remove_duplicates",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--table", choices=sorted(SPECS), help="só esta tabela (padrão: todas)")
    parser.add_argument("--dry-run", action="store_true", help="apenas mostrar o que mudaria")
    parser.add_argument("--confirm", action="store_true", help="aplicar as mudanças")
    args = parser.parse_args(argv)

    apply = args.confirm and not args.dry_run
    tables = [args.table] if args.table else sorted(SPECS)
    with session_scope(write=apply) as session:
        removed = run(session, tables, apply=apply)
        if not apply:
            session.rollback()
    if apply:
        print(f"{removed} registro(s) duplicado(s) removido(s).")
    else:
        print(f"{removed} registro(s) duplicado(s) seriam removidos. Nada foi alterado (use --confirm para aplicar).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
