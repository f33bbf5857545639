"""Create the product types the app knows: `python -m scripts.seed_producoes`. Safe to run again."""

from __future__ import annotations

import argparse

from sqlalchemy import select
from sqlmodel import Session

from database.session import session_scope
from database.types import search_key
from producoes.models import Producao

PRODUCOES = {
    "painel": "Painel sublimado",
    "generica": "Produção genérica",
    "totem": "Totem",
    "lona": "Lona",
    "adesivo": "Adesivo",
    "canga": "Canga",
    "impressao_3d": "Impressão 3D",
    "mochilinha": "Mochilinha",
    "bolsinha": "Bolsinha",
    "mesa_babado": "Mesa com babado",
}


def seed_producoes(session: Session) -> list[str]:
    """Insert the missing product types (matched by normalised name); returns the names created."""
    existing = set(session.execute(select(Producao.name_key)).scalars())
    created = []
    for name, description in PRODUCOES.items():
        if search_key(name) not in existing:
            session.add(Producao(name=name, name_key=search_key(name), description=description))
            created.append(name)
    session.flush()
    return created


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__).parse_args(argv)
    with session_scope() as session:
        created = seed_producoes(session)
    print(f"{len(created)} tipo(s) de produção criado(s): {', '.join(created) or 'nenhum'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
