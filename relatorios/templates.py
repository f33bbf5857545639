"""GET/PUT /relatorios/templates: the saved filter sets, stored as the app sends them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from database.base import utcnow
from relatorios.models import RelatorioTemplate

ESCOPO = "global"


def get_templates(session: Session) -> Any:
    """What was last PUT; an empty object before the first save."""
    found = session.execute(select(RelatorioTemplate).where(RelatorioTemplate.escopo == ESCOPO)).scalar_one_or_none()
    return {} if found is None or found.conteudo is None else found.conteudo


def put_templates(session: Session, *, conteudo: Any, username: str | None) -> Any:
    """Replace the saved set with `conteudo` (any JSON object or array)."""
    found = session.execute(select(RelatorioTemplate).where(RelatorioTemplate.escopo == ESCOPO)).scalar_one_or_none()
    if found is None:
        found = RelatorioTemplate(escopo=ESCOPO)
    found.conteudo = conteudo
    found.updated_by = username
    found.updated_at = utcnow()
    session.add(found)
    session.flush()
    return conteudo
