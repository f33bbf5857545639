"""Ficha images: base64 in, validated from the bytes with Pillow, stored under media/fichas/."""

from __future__ import annotations

import base64
import binascii
import re
import uuid
from io import BytesIO
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from config import settings
from errors import PayloadTooLarge, Unprocessable, UnsupportedMediaType

FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp"),
           "GIF": ("gif", "image/gif")}  # fmt: skip
MIME_BY_EXTENSION = {ext: mime for ext, mime in FORMATS.values()}
_DATA_URL = re.compile(r"^data:[^;,]*(;[^,]*)?,", re.IGNORECASE)


def decode_base64(text: str) -> bytes:
    """Bytes from a data URL or bare base64; 413 above MAX_IMAGE_SIZE_MB, 422 when not base64."""
    payload = _DATA_URL.sub("", text.strip(), count=1)
    payload = "".join(payload.split())
    if len(payload) * 3 // 4 > settings.max_image_bytes:
        raise PayloadTooLarge(f"Imagem maior que {settings.MAX_IMAGE_SIZE_MB} MB")
    try:
        return base64.b64decode(payload + "=" * (-len(payload) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise Unprocessable("imagem_base64 inválida: não é base64") from None


def image_extension(data: bytes) -> str:
    """The file extension for JPEG/PNG/WebP/GIF bytes; 415 for anything else or a broken image."""
    if not data:
        raise UnsupportedMediaType("Arquivo de imagem vazio")
    try:
        with Image.open(BytesIO(data)) as image:
            kind = image.format
            if image.width * image.height > settings.MAX_IMAGE_PIXELS:
                raise Unprocessable("Imagem com dimensões grandes demais")
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise UnsupportedMediaType("Arquivo não é uma imagem válida (aceitos: JPEG, PNG, WebP, GIF)") from None
    if kind not in FORMATS:
        raise UnsupportedMediaType("Formato de imagem não aceito (aceitos: JPEG, PNG, WebP, GIF)")
    return FORMATS[kind][0]


def store(data: bytes) -> str:
    """Write the validated image; returns its path relative to MEDIA_ROOT."""
    extension = image_extension(data)
    relative = f"fichas/{uuid.uuid4().hex}.{extension}"
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
    return MIME_BY_EXTENSION.get(relative.rsplit(".", 1)[-1], "application/octet-stream")
