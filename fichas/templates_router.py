"""/fichas/templates: the app's mm layouts and its HTML templates."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from auth.dependencies import AdminUser, CurrentUser
from database.session import SessionDep
from fichas import html_templates, templates_service
from fichas.schemas import HtmlContent, HtmlTemplatesIn, TemplatesIn, TemplatesOut

router = APIRouter(prefix="/fichas/templates", tags=["fichas"])


@router.get("", response_model=TemplatesOut)
def get_templates(session: SessionDep, _user: CurrentUser) -> TemplatesOut:
    return templates_service.get_all(session)


@router.put("", response_model=TemplatesOut)
def put_templates(templates_in: TemplatesIn, session: SessionDep, _admin: AdminUser) -> TemplatesOut:
    return templates_service.update(session, templates_in=templates_in)


@router.put("/html")
def put_html_templates(html_in: HtmlTemplatesIn, _admin: AdminUser) -> dict:
    return html_templates.save(html_in=html_in)


@router.get("/html")
def get_html_templates(_admin: AdminUser) -> dict:
    return html_templates.status()


@router.get("/html/{template_type}", response_class=HTMLResponse)
def get_html_template(template_type: str, _admin: AdminUser) -> HTMLResponse:
    return HTMLResponse(html_templates.read(template_type))


@router.get("/html/{template_type}/content", response_model=HtmlContent)
def get_html_template_content(template_type: str, _user: CurrentUser) -> HtmlContent:
    return html_templates.content(template_type)
