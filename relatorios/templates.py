"""GET/PUT /relatorios/templates: the saved filter sets, stored as the app sends them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from database.base import utcnow
from relatorios.models import RelatorioTemplate

ESCOPO = "global"


def get_templates(session: Session) -> Any:
    """What was last PUT; an empty object before the first save."""
    found = _saved(session)
    return {} if found is None or found.conteudo is None else found.conteudo


def put_templates(session: Session, *, conteudo: Any, username: str | None) -> Any:
    """Replace the saved set with `conteudo` (any JSON object or array)."""
    found = _saved(session)
    if found is None:
        try:
            # Two first saves at once: the loser's insert hits the unique scope and updates instead.
            with session.begin_nested():
                session.add(RelatorioTemplate(escopo=ESCOPO, conteudo=conteudo, updated_by=username))
            return conteudo
        except IntegrityError:
            found = _saved(session)
    found.conteudo = conteudo
    found.updated_by = username
    found.updated_at = utcnow()
    session.add(found)
    session.flush()
    return conteudo


def _saved(session: Session) -> RelatorioTemplate | None:
    statement = select(RelatorioTemplate).where(RelatorioTemplate.escopo == ESCOPO)
    return session.execute(statement).scalar_one_or_none()
