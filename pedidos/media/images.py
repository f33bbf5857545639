"""Order images: validation from the bytes, storage under pedidos/ in the media storage, and
clean-up tied to the transaction.

Objects are written before the commit and removed again if the transaction rolls back; objects
that lose their row are removed only after the commit, so a failed request never loses or leaks
one. The bytes go through `storage.media()`: a local folder or an S3-compatible bucket.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
import uuid
from pathlib import Path

from sqlalchemy import event, select
from sqlmodel import Session

from config import settings
from errors import NotFound, Unprocessable
from media import validate_image
from pedidos.orders.models import PedidoImagem
from storage import OpenObject, StorageUnavailable, clean_key, media

logger = logging.getLogger("sgp.media")

TEMP_DIR = "pedidos/tmp"
TEMP_MAX_AGE_SECONDS = 24 * 3600
CLEAN_EVERY_SECONDS = 60
_last_clean = -CLEAN_EVERY_SECONDS
IMAGE_URL = re.compile(r"^/pedidos/imagens/(\d+)$")
TEMP_REF = re.compile(r"^/?pedidos/tmp/([0-9a-f]{32}\.(?:jpg|png|webp|gif))$")


# --- objects tied to the transaction ----------------------------------------------------------
# Entries are keys ("pedidos/3/ab.jpg") or prefixes ending in "/" ("pedidos/3/").


def _on_commit(session: Session) -> None:
    _remove(session.info.pop("media_doomed", []))
    session.info.pop("media_written", None)


def _on_rollback(session: Session) -> None:
    _remove(session.info.pop("media_written", []))
    session.info.pop("media_doomed", None)


def _tracked(session: Session, key: str) -> list[str]:
    if not session.info.get("media_tracking"):
        session.info["media_tracking"] = True
        event.listen(session, "after_commit", _on_commit)
        event.listen(session, "after_rollback", _on_rollback)
    return session.info.setdefault(key, [])


def remove_after_commit(session: Session, key: str | Path) -> None:
    """Remove an object (or, for a key ending in "/", everything under it) once the commit succeeds."""
    if isinstance(key, Path):  # a path under MEDIA_ROOT, as callers passed before the storage interface
        relative = key.resolve().relative_to(settings.media_root.resolve()).as_posix()
        key = relative + "/" if key.is_dir() else relative
    _tracked(session, "media_doomed").append(key)


def remove_order_media_after_commit(session: Session, pedido_id: int | None = None) -> None:
    """One order's objects, or (None) every order's but the temporary uploads', after the commit."""
    if pedido_id is not None:
        remove_after_commit(session, f"pedidos/{pedido_id}/")
        return
    folders = {info.key.split("/", 2)[1] for info in media().list("pedidos/") if info.key.count("/") >= 2}
    for folder in sorted(folders - {"tmp"}):
        remove_after_commit(session, f"pedidos/{folder}/")


def _remove(keys: list[str]) -> None:
    # After the commit (or the rollback) nothing can be undone: a failing store only logs.
    backend = media()
    for key in keys:
        try:
            backend.delete_prefix(key) if key.endswith("/") else backend.delete(key)
        except StorageUnavailable as exc:
            logger.warning("Mídia não removida (%s): %s", key, exc.reason)


def store(
    session: Session,
    *,
    pedido_id: int,
    data: bytes,
    item_index: int | None,
    identifier: str | None,
    declared: str | None = None,
):
    """Validate and save image bytes for an order; returns its pedido_imagens row."""
    mime, ext = validate_image(data, declared=declared)
    relative = f"pedidos/{pedido_id}/{uuid.uuid4().hex}{ext}"
    _tracked(session, "media_written").append(relative)
    media().put(relative, data, content_type=mime)
    row = PedidoImagem(
        pedido_id=pedido_id,
        item_index=item_index,
        item_identificador=identifier,
        path=relative,
        mime=mime,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    session.add(row)
    session.flush()
    return row


def read_reference(session: Session, reference: str, *, field: str) -> bytes | None:
    """Bytes behind a temp upload or /pedidos/imagens/{id} reference; None if `reference` is neither."""
    match = TEMP_REF.match(reference)
    if match:
        key = f"{TEMP_DIR}/{match.group(1)}"
        data = media().get(key)
        if data is None:
            raise Unprocessable(f"{field}: imagem temporária não encontrada; envie-a novamente.")
        remove_after_commit(session, key)
        return data
    match = IMAGE_URL.match(reference)
    if match:
        row = session.get(PedidoImagem, int(match.group(1)))
        data = media().get(row.path) if row else None
        if data is None:
            raise Unprocessable(f"{field}: imagem {reference} não encontrada.")
        return data
    return None


def remove_rows(session: Session, rows: list[PedidoImagem]) -> None:
    for row in rows:
        remove_after_commit(session, row.path)
        session.delete(row)
    session.flush()


def images_of(session: Session, pedido_id: int) -> list[PedidoImagem]:
    return list(session.execute(select(PedidoImagem).where(PedidoImagem.pedido_id == pedido_id)).scalars())


# --- temporary uploads and serving ---------------------------------------------------------------


def save_temp(data: bytes, *, declared: str | None = None) -> dict:
    """Store an upload in the temporary area; the original's response fields."""
    global _last_clean
    mime, ext = validate_image(data, declared=declared)
    if time.monotonic() - _last_clean > CLEAN_EVERY_SECONDS:  # a listing per upload is too much on S3
        _last_clean = time.monotonic()
        clean_temp()
    name = f"{uuid.uuid4().hex}{ext}"
    reference = f"{TEMP_DIR}/{name}"
    media().put(reference, data, content_type=mime)
    return {
        "success": True,
        "server_reference": reference,
        "image_reference": reference,
        "path": reference,
        "filename": name,
        "size": len(data),
    }


def clean_temp(max_age: float = TEMP_MAX_AGE_SECONDS) -> int:
    """Remove unclaimed uploads older than `max_age` seconds."""
    now = time.time()
    backend = media()
    old = [info.key for info in backend.list(TEMP_DIR + "/") if info.modified < now - max_age]
    for key in old:
        backend.delete(key)
    return len(old)


def media_file(relative: str) -> OpenObject:
    """An object of the media storage, opened; 404 for a key outside it or missing."""
    key = clean_key(relative)
    opened = media().open(key) if key is not None else None
    if opened is None:
        raise NotFound("Arquivo não encontrado")
    return opened


def image_file(session: Session, image_id: int) -> tuple[OpenObject, PedidoImagem]:
    row = session.get(PedidoImagem, image_id)
    if row is None:
        raise NotFound("Imagem não encontrada")
    return media_file(row.path), row
