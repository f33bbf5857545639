"""The app's HTML templates: files media/templates/template-{geral,resumo}.html."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

from config import settings
from errors import NotFound
from fichas.schemas import TEMPLATE_TYPES, HtmlContent, HtmlTemplatesIn

NOT_FOUND = "Template HTML não encontrado"


def templates_dir() -> Path:
    return settings.media_root / "templates"


def _file(template_type: str) -> Path:
    if template_type not in TEMPLATE_TYPES:
        raise NotFound(NOT_FOUND)
    return templates_dir() / f"template-{template_type}.html"


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{uuid.uuid4().hex}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def save(*, html_in: HtmlTemplatesIn) -> dict:
    """Write the non-empty templates sent; empty values leave the file as it was (as the original)."""
    files = {}
    for template_type in TEMPLATE_TYPES:
        html = getattr(html_in, template_type)
        if html:
            _write_atomically(_file(template_type), html)
            files[template_type] = f"templates/template-{template_type}.html"
    return {"message": "Templates HTML salvos com sucesso", "files": files}


def status() -> dict:
    templates = {}
    for template_type in TEMPLATE_TYPES:
        path = _file(template_type)
        exists = path.is_file()
        stat = path.stat() if exists else None
        templates[template_type] = {
            "exists": exists,
            "size": stat.st_size if stat else 0,
            "modified": datetime.fromtimestamp(stat.st_mtime, UTC).replace(tzinfo=None).isoformat() if stat else None,
            "path": f"templates/template-{template_type}.html",
        }
    return {"templates": templates, "templates_dir": str(templates_dir())}


def read(template_type: str) -> str:
    path = _file(template_type)
    if not path.is_file():
        raise NotFound(NOT_FOUND)
    return path.read_text(encoding="utf-8")


def content(template_type: str) -> HtmlContent:
    path = _file(template_type)
    if not path.is_file():
        return HtmlContent(html=None, exists=False)
    return HtmlContent(html=path.read_text(encoding="utf-8"), exists=True)
