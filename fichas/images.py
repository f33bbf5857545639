"""Ficha images: base64 in, validated from the bytes with Pillow, stored under media/fichas/."""

from __future__ import annotations

import uuid
from pathlib import Path

from config import settings
from media import MIME_BY_EXTENSION, decode_base64_image, validate_image


def decode_base64(text: str) -> tuple[bytes, str | None]:
    """Bytes (and claimed type) from a data URL or bare base64; 413 over the limit, 422 when not base64."""
    return decode_base64_image(text, field="imagem_base64", allow_bare=True)


def store(data: bytes, declared: str | None = None) -> str:
    """Write the validated image; returns its path relative to MEDIA_ROOT."""
    _mime, extension = validate_image(data, declared=declared)
    relative = f"fichas/{uuid.uuid4().hex}{extension}"
    target = settings.media_root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return relative


def remove(relative: str | None) -> None:
    if relative:
        (settings.media_root / relative).unlink(missing_ok=True)


def absolute(relative: str) -> Path:
    return settings.media_root / relative


def mime_type(relative: str) -> str:
    return MIME_BY_EXTENSION.get("." + relative.rsplit(".", 1)[-1], "application/octet-stream")
