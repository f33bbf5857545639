"""Order images: validation from the bytes, storage under media/pedidos/, and clean-up tied to the transaction.

Files are written before the commit and removed again if the transaction rolls back; files that
lose their row are removed only after the commit, so a failed request never loses or leaks a file.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
import uuid
from pathlib import Path

from sqlalchemy import event, select
from sqlmodel import Session

from config import settings
from errors import NotFound, Unprocessable
from media import validate_image
from pedidos.models import PedidoImagem

TEMP_DIR = "pedidos/tmp"
TEMP_MAX_AGE_SECONDS = 24 * 3600
IMAGE_URL = re.compile(r"^/pedidos/imagens/(\d+)$")
TEMP_REF = re.compile(r"^/?pedidos/tmp/([0-9a-f]{32}\.(?:jpg|png|webp|gif))$")


# --- files tied to the transaction -----------------------------------------------------------


def _on_commit(session: Session) -> None:
    for path in session.info.pop("media_doomed", []):
        _unlink(path)
    session.info.pop("media_written", None)


def _on_rollback(session: Session) -> None:
    for path in session.info.pop("media_written", []):
        _unlink(path)
    session.info.pop("media_doomed", None)


def _tracked(session: Session, key: str) -> list[Path]:
    if not session.info.get("media_tracking"):
        session.info["media_tracking"] = True
        event.listen(session, "after_commit", _on_commit)
        event.listen(session, "after_rollback", _on_rollback)
    return session.info.setdefault(key, [])


def remove_after_commit(session: Session, path: Path) -> None:
    _tracked(session, "media_doomed").append(path)


def _unlink(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
        return
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.part")
    temp.write_bytes(data)
    os.replace(temp, target)


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
    target = settings.media_root / relative
    _tracked(session, "media_written").append(target)
    _write_atomic(target, data)
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
        path = settings.media_root / TEMP_DIR / match.group(1)
        if not path.is_file():
            raise Unprocessable(f"{field}: imagem temporária não encontrada; envie-a novamente.")
        remove_after_commit(session, path)
        return path.read_bytes()
    match = IMAGE_URL.match(reference)
    if match:
        row = session.get(PedidoImagem, int(match.group(1)))
        path = settings.media_root / row.path if row else None
        if path is None or not path.is_file():
            raise Unprocessable(f"{field}: imagem {reference} não encontrada.")
        return path.read_bytes()
    return None


def remove_rows(session: Session, rows: list[PedidoImagem]) -> None:
    for row in rows:
        remove_after_commit(session, settings.media_root / row.path)
        session.delete(row)
    session.flush()


def images_of(session: Session, pedido_id: int) -> list[PedidoImagem]:
    return list(session.execute(select(PedidoImagem).where(PedidoImagem.pedido_id == pedido_id)).scalars())


# --- temporary uploads and serving ---------------------------------------------------------------


def save_temp(data: bytes, *, declared: str | None = None) -> dict:
    """Store an upload in the temporary area; the original's response fields."""
    _mime, ext = validate_image(data, declared=declared)
    clean_temp()
    name = f"{uuid.uuid4().hex}{ext}"
    _write_atomic(settings.media_root / TEMP_DIR / name, data)
    reference = f"{TEMP_DIR}/{name}"
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
    folder = settings.media_root / TEMP_DIR
    if not folder.is_dir():
        return 0
    limit = time.time() - max_age
    removed = 0
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            pass
    return removed


def media_file(relative: str) -> Path:
    """A file under MEDIA_ROOT; 404 for anything outside it or missing."""
    root = settings.media_root.resolve()
    try:
        path = (root / relative).resolve()
    except (OSError, ValueError):
        raise NotFound("Arquivo não encontrado")
    if not path.is_relative_to(root) or not path.is_file() or "\x00" in relative:
        raise NotFound("Arquivo não encontrado")
    return path


def image_file(session: Session, image_id: int) -> tuple[Path, PedidoImagem]:
    row = session.get(PedidoImagem, image_id)
    if row is None:
        raise NotFound("Imagem não encontrada")
    return media_file(row.path), row
