"""Order images: uploads and authenticated streaming with ETag."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, Response, StreamingResponse

from auth.dependencies import CurrentUser
from config import settings
from database.session import SessionDep
from errors import Unprocessable
from media import MIME_BY_EXTENSION, too_large
from pedidos.media import image_writes, images
from pedidos.orders import drafts
from pedidos.orders.schemas import PathId
from storage import OpenObject

router = APIRouter(prefix="/pedidos", tags=["Pedidos"])


def _read_upload(upload: UploadFile) -> bytes:
    data = upload.file.read(settings.max_image_bytes + 1)
    if len(data) > settings.max_image_bytes:
        raise too_large()
    if not data:
        raise Unprocessable("Arquivo de imagem vazio.")
    return data


def _serve(request: Request, opened: OpenObject, etag: str, media_type: str | None) -> Response:
    quoted = f'"{etag}"'
    if quoted in [tag.strip() for tag in request.headers.get("if-none-match", "").split(",")]:
        opened.chunks.close()
        return Response(status_code=304, headers={"ETag": quoted})
    headers = {"ETag": quoted, "Cache-Control": "private, max-age=0", "X-Content-Type-Options": "nosniff"}
    if opened.path is not None:  # the local folder: sent as a file, as before
        opened.chunks.close()
        return FileResponse(opened.path, media_type=media_type, headers=headers)
    headers["Content-Length"] = str(opened.info.size)
    # A sync iterator: Starlette pulls each chunk in the threadpool, so S3 reads never block the loop.
    return StreamingResponse(opened.chunks, media_type=media_type or "application/octet-stream", headers=headers)


def _guess(key: str) -> str | None:
    return MIME_BY_EXTENSION.get("." + key.rsplit(".", 1)[-1].lower()) if "." in key else None


@router.post(
    "/order-items/upload-image",
    summary="Enviar imagem (área temporária)",
    description="Guarda a imagem até um pedido a usar; devolve a referência para pôr em item.imagem.",
)
def upload_image(
    image: Annotated[UploadFile, File()],
    _user: CurrentUser,
    order_item_id: Annotated[str | None, Form()] = None,
) -> dict[str, Any]:
    return images.save_temp(_read_upload(image), declared=image.content_type)


@router.post(
    "/{pedido_id}/imagens",
    summary="Enviar imagem de um item",
    description="Anexa uma imagem (JPEG, PNG, WebP ou GIF) ao item de índice item_index do pedido.",
)
def add_image(
    pedido_id: PathId,
    session: SessionDep,
    user: CurrentUser,
    image: Annotated[UploadFile, File()],
    item_index: Annotated[int, Form()] = 0,
) -> dict[str, Any]:
    return image_writes.add_image(
        session, pedido_id, _read_upload(image), item_index, user=user, declared=image.content_type
    )


@router.get(
    "/imagens/{image_id}",
    summary="Imagem de um pedido",
    description="O arquivo da imagem, com ETag (304 quando não mudou).",
)
def get_image(image_id: PathId, request: Request, session: SessionDep, user: CurrentUser) -> Response:
    drafts.check_image_visible(session, image_id, user)
    opened, row = images.image_file(session, image_id)
    return _serve(request, opened, row.sha256, row.mime)


@router.get(
    "/media/{relative:path}",
    summary="Arquivo de mídia",
    description="Um arquivo da pasta de mídia pelo caminho relativo (imagem_path), com ETag.",
)
def get_media(relative: str, request: Request, _user: CurrentUser) -> Response:
    opened = images.media_file(relative)
    info = opened.info
    return _serve(request, opened, f"{int(info.modified * 1e9):x}-{info.size:x}", _guess(info.key))
