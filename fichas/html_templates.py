"""The app's HTML templates: media storage objects templates/template-{geral,resumo}.html."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from config import settings
from errors import NotFound
from fichas.schemas import TEMPLATE_TYPES, HtmlContent, HtmlTemplatesIn
from storage import media

NOT_FOUND = "Template HTML não encontrado"


def templates_dir() -> str:
    if settings.MEDIA_STORAGE == "s3":
        return f"s3://{settings.S3_BUCKET}/templates"
    return str(Path(settings.media_root) / "templates")


def _key(template_type: str) -> str:
    if template_type not in TEMPLATE_TYPES:
        raise NotFound(NOT_FOUND)
    return f"templates/template-{template_type}.html"


def _text(template_type: str) -> str | None:
    data = media().get(_key(template_type))
    return None if data is None else data.decode("utf-8")


def save(*, html_in: HtmlTemplatesIn) -> dict:
    """Write the non-empty templates sent; empty values leave the file as it was (as the original)."""
    files = {}
    for template_type in TEMPLATE_TYPES:
        html = getattr(html_in, template_type)
        if html:
            media().put(_key(template_type), html.encode("utf-8"), content_type="text/html; charset=utf-8")
            files[template_type] = f"templates/template-{template_type}.html"
    return {"message": "Templates HTML salvos com sucesso", "files": files}


def status() -> dict:
    templates = {}
    for template_type in TEMPLATE_TYPES:
        info = media().stat(_key(template_type))
        templates[template_type] = {
            "exists": info is not None,
            "size": info.size if info else 0,
            "modified": datetime.fromtimestamp(info.modified, UTC).replace(tzinfo=None).isoformat() if info else None,
            "path": f"templates/template-{template_type}.html",
        }
    return {"templates": templates, "templates_dir": templates_dir()}


def read(template_type: str) -> str:
    text = _text(template_type)
    if text is None:
        raise NotFound(NOT_FOUND)
    return text


def content(template_type: str) -> HtmlContent:
    text = _text(template_type)
    return HtmlContent(html=text, exists=text is not None)
