"""Image uploads, one set of rules for order and ficha images.

The type comes from the bytes (JPEG, PNG, WebP, GIF), never from the name or the claimed type;
a claimed image type that disagrees with the bytes, bytes after the image's end (a polyglot that
is also HTML, a ZIP or a script), too many bytes or too many pixels are all refused.
"""

from __future__ import annotations

import base64
import binascii
import io
import re

from PIL import Image

from config import settings
from errors import PayloadTooLarge, Unprocessable, UnsupportedMediaType

ACCEPTED = {
    "JPEG": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
    "GIF": ("image/gif", ".gif"),
}
MIME_BY_EXTENSION = {ext: mime for mime, ext in ACCEPTED.values()}
ALIASES = {"image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg", "image/x-png": "image/png"}
NOT_AN_IMAGE = "Arquivo não é uma imagem válida: envie JPEG, PNG, WebP ou GIF."
DATA_URL = re.compile(r"^data:([\w/+.-]*)(;[^,]*)?,", re.IGNORECASE)

# Pillow's own bomb guard at our limit (it raises at twice the value); we refuse at the limit below.
Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS


def too_large() -> PayloadTooLarge:
    return PayloadTooLarge(f"Imagem maior que o limite de {settings.MAX_IMAGE_SIZE_MB} MB.")


def _ends_cleanly(data: bytes, kind: str) -> bool:
    """True when nothing follows the image's own end marker (padding zeros allowed)."""
    if kind == "JPEG":
        return data.rstrip(b"\x00").endswith(b"\xff\xd9")
    if kind == "PNG":
        return data.endswith(b"IEND\xaeB`\x82")
    if kind == "GIF":
        return data.rstrip(b"\x00").endswith(b";")
    if kind == "WEBP":
        declared = int.from_bytes(data[4:8], "little") + 8
        return len(data) in (declared, declared + 1)
    return False


def validate_image(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """(mime, extension) of accepted image bytes; 413 too big, 415 not an accepted image, 422 empty."""
    if len(data) > settings.max_image_bytes:
        raise too_large()
    if not data:
        raise Unprocessable("Arquivo de imagem vazio.")
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format or ""
            if kind not in ACCEPTED:
                raise UnsupportedMediaType(NOT_AN_IMAGE)
            width, height = image.size
            if width * height > settings.MAX_IMAGE_PIXELS:
                raise PayloadTooLarge("Imagem com dimensões grandes demais.")
            image.verify()
    except Image.DecompressionBombError:
        raise PayloadTooLarge("Imagem com dimensões grandes demais.") from None
    except (OSError, SyntaxError, ValueError, Image.UnidentifiedImageError):
        raise UnsupportedMediaType(NOT_AN_IMAGE) from None
    mime, extension = ACCEPTED[kind]
    claimed = ALIASES.get((declared or "").lower().strip(), (declared or "").lower().strip())
    if claimed.startswith("image/") and claimed != mime:
        raise UnsupportedMediaType(f"O conteúdo é {mime}, mas foi declarado como {claimed}.")
    if not _ends_cleanly(data, kind):
        raise UnsupportedMediaType("Imagem com dados extras após o fim do arquivo: não aceita.")
    return mime, extension


def decode_base64_image(text: str, *, field: str, allow_bare: bool = False) -> tuple[bytes, str | None]:
    """(bytes, claimed mime) of a data:...;base64, URL (or bare base64); 413 over the limit, 422 broken."""
    match = DATA_URL.match(text.strip())
    if match:
        if "base64" not in (match.group(2) or ""):
            raise Unprocessable(f"{field}: imagem em data URL sem base64.")
        payload, claimed = text.strip()[match.end() :], match.group(1) or None
    elif allow_bare:
        payload, claimed = text, None
    else:
        raise Unprocessable(f"{field}: imagem em data URL sem base64.")
    payload = "".join(payload.split())
    if len(payload) * 3 // 4 > settings.max_image_bytes + 3:
        raise too_large()
    try:
        return base64.b64decode(payload, validate=True), claimed
    except (binascii.Error, ValueError):
        raise Unprocessable(f"{field}: imagem em base64 inválida.") from None
