"""/fichas/templates: the app's mm layouts and its HTML templates."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from auth.dependencies import AdminUser, CurrentUser
from database.session import SessionDep
from fichas import html_templates, templates_service
from fichas.schemas import HtmlContent, HtmlTemplatesIn, TemplatesIn, TemplatesOut, TemplateTypePath

router = APIRouter(prefix="/fichas/templates", tags=["Fichas"])


@router.get("", response_model=TemplatesOut, summary="Templates das fichas")
def get_templates(session: SessionDep, _user: CurrentUser) -> TemplatesOut:
    """Os layouts geral e resumo (campos em mm); o padrão quando nenhum foi salvo."""
    return templates_service.get_all(session)


@router.put("", response_model=TemplatesOut, summary="Salvar templates das fichas (admin)")
def put_templates(templates_in: TemplatesIn, session: SessionDep, _admin: AdminUser) -> TemplatesOut:
    """Grava os layouts geral e resumo."""
    return templates_service.update(session, templates_in=templates_in)


@router.put("/html", summary="Salvar templates HTML (admin)")
def put_html_templates(html_in: HtmlTemplatesIn, _admin: AdminUser) -> dict:
    """Grava o HTML dos templates geral e resumo (valores vazios ficam como estão)."""
    return html_templates.save(html_in=html_in)


@router.get("/html", summary="Situação dos templates HTML (admin)")
def get_html_templates(_admin: AdminUser) -> dict:
    """Se cada template HTML existe, seu tamanho e data de alteração."""
    return html_templates.status()


@router.get("/html/{template_type}", response_class=HTMLResponse, summary="Template HTML (admin)")
def get_html_template(template_type: TemplateTypePath, _admin: AdminUser) -> HTMLResponse:
    """O HTML salvo do template geral ou resumo."""
    return HTMLResponse(html_templates.read(template_type))


@router.get("/html/{template_type}/content", response_model=HtmlContent, summary="Conteúdo do template HTML")
def get_html_template_content(template_type: TemplateTypePath, _user: CurrentUser) -> HtmlContent:
    """O HTML do template geral ou resumo em JSON, com exists falso quando não há."""
    return html_templates.content(template_type)
