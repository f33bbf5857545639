"""Ficha images: base64 in, validated from the bytes with Pillow, stored under fichas/ in the media storage."""

from __future__ import annotations

import logging
import uuid

from media import MIME_BY_EXTENSION, decode_base64_image, validate_image
from storage import OpenObject, StorageUnavailable, media

logger = logging.getLogger("sgp.media")


def decode_base64(text: str) -> tuple[bytes, str | None]:
    """Bytes (and claimed type) from a data URL or bare base64; 413 over the limit, 422 when not base64."""
    return decode_base64_image(text, field="imagem_base64", allow_bare=True)


def store(data: bytes, declared: str | None = None) -> str:
    """Write the validated image; returns its path relative to MEDIA_ROOT."""
    mime, extension = validate_image(data, declared=declared)
    relative = f"fichas/{uuid.uuid4().hex}{extension}"
    media().put(relative, data, content_type=mime)
    return relative


def remove(relative: str | None) -> None:
    if not relative:
        return
    try:
        media().delete(relative)
    except StorageUnavailable as exc:  # runs after the commit: nothing to undo, only to report
        logger.warning("Imagem de ficha não removida (%s): %s", relative, exc.reason)


def open_image(relative: str) -> OpenObject | None:
    return media().open(relative)


def mime_type(relative: str) -> str:
    return MIME_BY_EXTENSION.get("." + relative.rsplit(".", 1)[-1], "application/octet-stream")
