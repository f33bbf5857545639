"""/fichas CRUD, their images and PDFs, and /pedidos/{id}/fichas.pdf (server-rendered sheets)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Query, Response
from fastapi.responses import FileResponse, StreamingResponse

from auth.dependencies import CurrentUser
from database.pagination import IdPath, PageDep, with_total
from database.session import SessionDep
from fichas import images, pdf_service, service
from fichas.schemas import FichaCreate, FichaPublic, FichaUpdate, TemplateType

fichas_router = APIRouter(prefix="/fichas", tags=["Fichas"])
pedidos_router = APIRouter(prefix="/pedidos", tags=["Fichas"])
TemplateQuery = Annotated[TemplateType, Query(description="Template: geral (A4) ou resumo (70×99 mm)")]


def _pdf(content: bytes, filename: str) -> Response:
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"', "Cache-Control": "no-store"},
    )


# Plain `def` handlers run in the threadpool, so rendering never blocks the event loop.
@pedidos_router.get("/{pedido_id}/fichas.pdf", response_class=Response, summary="Fichas do pedido em PDF")
def pedido_fichas_pdf(
    pedido_id: IdPath, session: SessionDep, _user: CurrentUser, template: TemplateQuery = "geral"
) -> Response:
    """Uma página por item no template salvo (ou o padrão); QR code com <numero>-<n>."""
    # n is the item's 1-based position in the order.
    return _pdf(*pdf_service.pedido_pdf(session, pedido_id=pedido_id, template_type=template))


@fichas_router.get("", response_model=list[FichaPublic], summary="Listar fichas")
def list_fichas(session: SessionDep, _user: CurrentUser, page: PageDep, response: Response) -> list[FichaPublic]:
    """As fichas cadastradas; o total vem em X-Total-Count."""
    return [service.public(ficha) for ficha in with_total(response, service.get_all(session, page=page))]


@fichas_router.post("", response_model=FichaPublic, summary="Criar ficha")
def create_ficha(ficha_in: FichaCreate, session: SessionDep, _user: CurrentUser) -> FichaPublic:
    """Uma ficha com nome, descrição e imagem opcional (base64)."""
    return service.public(service.create(session, ficha_in=ficha_in))


@fichas_router.get("/imagens/{ficha_id}", response_class=FileResponse, summary="Imagem da ficha")
def get_ficha_image(ficha_id: IdPath, session: SessionDep, _user: CurrentUser) -> Response:
    """O arquivo de imagem da ficha."""
    opened, mime = service.image_file(session, ficha_id=ficha_id)
    if opened.path is not None:
        opened.chunks.close()
        return FileResponse(opened.path, media_type=mime)
    return StreamingResponse(opened.chunks, media_type=mime, headers={"Content-Length": str(opened.info.size)})


@fichas_router.get("/{ficha_id}", response_model=FichaPublic, summary="Obter ficha")
def get_ficha(ficha_id: IdPath, session: SessionDep, _user: CurrentUser) -> FichaPublic:
    """Uma ficha pelo id."""
    return service.public(service.get(session, ficha_id=ficha_id))


@fichas_router.patch("/{ficha_id}", response_model=FichaPublic, summary="Atualizar ficha")
def update_ficha(
    ficha_id: IdPath, ficha_in: FichaUpdate, session: SessionDep, _user: CurrentUser, tasks: BackgroundTasks
) -> FichaPublic:
    """Altera os campos enviados; uma imagem nova substitui a antiga."""
    ficha, replaced = service.update(session, ficha=service.get(session, ficha_id=ficha_id), ficha_in=ficha_in)
    # Background tasks run after the response, i.e. after the commit: the old file goes only then.
    tasks.add_task(images.remove, replaced)
    return service.public(ficha)


@fichas_router.delete("/{ficha_id}", summary="Excluir ficha")
def delete_ficha(ficha_id: IdPath, session: SessionDep, _user: CurrentUser, tasks: BackgroundTasks) -> dict:
    """Apaga a ficha e sua imagem."""
    tasks.add_task(images.remove, service.delete(session, ficha=service.get(session, ficha_id=ficha_id)))
    return {"message": "Ficha deletada com sucesso"}


@fichas_router.get("/{ficha_id}/pdf", response_class=Response, summary="Ficha em PDF")
def ficha_pdf(ficha_id: IdPath, session: SessionDep, _user: CurrentUser, template: TemplateQuery = "geral") -> Response:
    """A ficha no template: dados do item de pedido ligado, ou o nome e a descrição dela."""
    return _pdf(*pdf_service.ficha_pdf(session, ficha_id=ficha_id, template_type=template))


router = APIRouter()
# main.py adds fichas.templates_router before this one: "/fichas/templates" is not a ficha id.
router.include_router(fichas_router)
router.include_router(pedidos_router)
