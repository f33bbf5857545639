"""Saved template layouts: read with defaults, upsert by type (admin)."""

from __future__ import annotations

from sqlmodel import Session, select

from database.base import utcnow
from fichas.defaults import DEFAULTS
from fichas.models import FichaTemplate
from fichas.schemas import TEMPLATE_TYPES, TemplateIn, TemplateOut, TemplatesIn, TemplatesOut

# The layout's wire names (the app's camelCase) and the columns that keep them, both ways.
_COLUMNS = {
    "title": "title",
    "width": "width",
    "height": "height",
    "marginTop": "margin_top",
    "marginBottom": "margin_bottom",
    "marginLeft": "margin_left",
    "marginRight": "margin_right",
}


def _out(row: FichaTemplate) -> TemplateOut:
    layout = {name: getattr(row, column) for name, column in _COLUMNS.items()}
    return TemplateOut(templateType=row.template_type, fields=row.fields, updatedAt=row.updated_at, **layout)


def default_template(template_type: str) -> TemplateOut:
    return TemplateOut(templateType=template_type, updatedAt=None, **DEFAULTS[template_type])


def get(session: Session, *, template_type: str) -> TemplateOut:
    """The saved layout, or the default one when none was saved."""
    row = session.exec(select(FichaTemplate).where(FichaTemplate.template_type == template_type)).first()
    return _out(row) if row else default_template(template_type)


def get_all(session: Session) -> TemplatesOut:
    return TemplatesOut(**{t: get(session, template_type=t) for t in TEMPLATE_TYPES})


def _save(session: Session, template_type: str, data: TemplateIn) -> None:
    row = session.exec(select(FichaTemplate).where(FichaTemplate.template_type == template_type)).first()
    if row is None:
        row = FichaTemplate(template_type=template_type, width=data.width, height=data.height)
    for name, column in _COLUMNS.items():
        setattr(row, column, getattr(data, name))
    row.fields = [f.model_dump() for f in data.fields]
    row.updated_at = utcnow()
    session.add(row)


def update(session: Session, *, templates_in: TemplatesIn) -> TemplatesOut:
    """Upsert the templates sent; the others stay as they were."""
    for template_type in TEMPLATE_TYPES:
        data = getattr(templates_in, template_type)
        if data is not None:
            _save(session, template_type, data)
    session.flush()
    return get_all(session)
