"""PDF use cases: load what a sheet shows from the database, then render (callers run this in a thread)."""

from __future__ import annotations

import os
import re
import threading

from sqlmodel import Session

from errors import NotFound
from fichas import service as fichas_service
from fichas import templates_service
from fichas.pdf.context import order_pages, qr_payload
from fichas.pdf.render import PageData, render_pdf
from fichas.schemas import TemplateOut
from pedidos.orders.models import Pedido

PEDIDO_NOT_FOUND = "Pedido não encontrado"
# Rendering is CPU-bound: past one render per core, extra ones only slow every request down.
_renders = threading.BoundedSemaphore(max(1, os.cpu_count() or 1))


def _render(template: TemplateOut, pages: list[PageData], *, title: str) -> bytes:
    with _renders:
        return render_pdf(template, pages, title=title)


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "sem-numero"


def pedido_pdf(session: Session, *, pedido_id: int, template_type: str) -> tuple[bytes, str]:
    """The order's sheets, one page per item; returns (pdf bytes, file name)."""
    pedido = session.get(Pedido, pedido_id)
    if pedido is None or pedido.rascunho:  # a draft is not produced: it has no sheets
        raise NotFound(PEDIDO_NOT_FOUND)
    template = templates_service.get(session, template_type=template_type)
    pages = order_pages(session, pedido)
    pdf = _render(template, pages, title=f"Fichas do pedido {pedido.numero}")
    return pdf, f"fichas-pedido-{_safe(pedido.numero)}-{template_type}.pdf"


def ficha_pdf(session: Session, *, ficha_id: int, template_type: str) -> tuple[bytes, str]:
    """A ficha's sheet: its linked order item's data when linked, its own name and text otherwise."""
    ficha = fichas_service.get(session, ficha_id=ficha_id)
    template = templates_service.get(session, template_type=template_type)
    pedido = session.get(Pedido, ficha.pedido_id) if ficha.pedido_id else None
    pedido = None if pedido is not None and pedido.rascunho else pedido
    own_image = ficha.imagem_path or None
    if pedido is not None:
        pages = order_pages(session, pedido, item_index=ficha.item_index)
    else:
        pages = [PageData(values={}, qr_payload=qr_payload(f"FICHA-{ficha.id}", None))]
    for page in pages:
        page.values.setdefault("numero", f"Ficha {ficha.id}")
        page.values.update(nome=ficha.nome, ficha=ficha.nome)
        if ficha.descricao:
            page.values.setdefault("descricao", ficha.descricao)
            page.values["descricao_ficha"] = ficha.descricao
        if not page.values.get("descricao"):
            page.values["descricao"] = ficha.descricao or ficha.nome
        if own_image is not None:
            page.image = own_image
    return _render(template, pages, title=f"Ficha {ficha.nome}"), f"ficha-{ficha.id}-{template_type}.pdf"
