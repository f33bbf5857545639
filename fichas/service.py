"""The original's /fichas/ CRUD: a named sheet with a description, an optional image and order link."""

from __future__ import annotations

from sqlmodel import Session, select

from database.base import utcnow
from database.pagination import Page, apply_page, count
from errors import NotFound
from fichas import images
from fichas.models import Ficha
from fichas.schemas import FichaCreate, FichaPublic, FichaUpdate
from pedidos.orders.models import Pedido
from storage import OpenObject

NOT_FOUND = "Ficha não encontrada"
PEDIDO_NOT_FOUND = "Pedido não encontrado"


def public(ficha: Ficha) -> FichaPublic:
    return FichaPublic(
        **ficha.model_dump(),
        imagem_url=f"/fichas/imagens/{ficha.id}" if ficha.imagem_path else None,
    )


def get(session: Session, *, ficha_id: int) -> Ficha:
    ficha = session.get(Ficha, ficha_id)
    if ficha is None:
        raise NotFound(NOT_FOUND)
    return ficha


def get_all(session: Session, *, page: Page) -> tuple[list[Ficha], int]:
    statement = select(Ficha).order_by(Ficha.id.desc())
    return list(session.exec(apply_page(statement, page)).all()), count(session, statement)


def _check_pedido(session: Session, pedido_id: int | None) -> None:
    if pedido_id is None:
        return
    pedido = session.get(Pedido, pedido_id)
    if pedido is None or pedido.rascunho:  # a draft has no fichas
        raise NotFound(PEDIDO_NOT_FOUND)


def create(session: Session, *, ficha_in: FichaCreate) -> Ficha:
    """Validate and store the image first, so a bad image leaves no row; a failed flush removes the file."""
    _check_pedido(session, ficha_in.pedido_id)
    path = images.store(*images.decode_base64(ficha_in.imagem_base64)) if ficha_in.imagem_base64 else None
    ficha = Ficha.model_validate(ficha_in, update={"imagem_path": path})
    session.add(ficha)
    try:
        session.flush()
    except Exception:
        images.remove(path)
        raise
    return ficha


def update(session: Session, *, ficha: Ficha, ficha_in: FichaUpdate) -> tuple[Ficha, str | None]:
    """Apply the sent fields; returns the ficha and the replaced image to delete once committed."""
    changes = ficha_in.model_dump(exclude_unset=True)
    if "pedido_id" in changes:
        _check_pedido(session, changes["pedido_id"])
    if "nome" in changes and changes["nome"] is None:
        del changes["nome"]
    replaced = new_path = None
    if "imagem_base64" in changes:
        text = changes.pop("imagem_base64")
        new_path = images.store(*images.decode_base64(text)) if text else None
        replaced, ficha.imagem_path = ficha.imagem_path, new_path
    ficha.sqlmodel_update(changes)
    ficha.ultima_atualizacao = utcnow()
    session.add(ficha)
    try:
        session.flush()
    except Exception:
        images.remove(new_path)
        raise
    return ficha, replaced


def delete(session: Session, *, ficha: Ficha) -> str | None:
    """Delete the row; returns the image to remove once committed."""
    path = ficha.imagem_path
    session.delete(ficha)
    session.flush()
    return path


def image_file(session: Session, *, ficha_id: int) -> tuple[OpenObject, str]:
    """(opened image, mime) of the ficha's image; 404 when it has none."""
    ficha = get(session, ficha_id=ficha_id)
    opened = images.open_image(ficha.imagem_path) if ficha.imagem_path else None
    if opened is None:
        raise NotFound("Imagem não encontrada")
    return opened, images.mime_type(ficha.imagem_path)
