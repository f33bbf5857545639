"""Item art for the PDF: downscaled once to the box at ~200 dpi, cached as a JPEG on this server.

The art is read from the media storage (local folder or S3); the downscaled copy is a local cache
under MEDIA_ROOT/cache/fichas, keyed by the object's key, size and modification time.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from config import settings
from storage import media

logger = logging.getLogger("sgp.fichas")

DPI = 200
MM_PER_INCH = 25.4
JPEG_QUALITY = 85
DRAFT_FACTOR = 0.85
CACHE_MAX_AGE_SECONDS = 30 * 24 * 3600
PRUNE_EVERY_SECONDS = 3600
_last_prune = 0.0


@dataclass(frozen=True)
class PreparedImage:
    path: Path  # a JPEG reportlab embeds as is
    width: int
    height: int


def cache_dir() -> Path:
    return settings.media_root / "cache" / "fichas"


def _prune(folder: Path) -> None:
    """Drop downscaled copies not rebuilt for a month, at most once an hour per process."""
    global _last_prune
    now = time.time()
    if now - _last_prune < PRUNE_EVERY_SECONDS:
        return
    _last_prune = now
    for entry in folder.glob("*.jpg"):
        try:
            if now - entry.stat().st_mtime > CACHE_MAX_AGE_SECONDS:
                entry.unlink(missing_ok=True)
        except OSError:
            continue


def target_pixels(width_mm: float, height_mm: float) -> tuple[int, int]:
    return (max(1, round(width_mm / MM_PER_INCH * DPI)), max(1, round(height_mm / MM_PER_INCH * DPI)))


def _flatten(image: Image.Image) -> Image.Image:
    # Transparent art prints on white paper: composite instead of carrying a soft mask.
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _downscale(source: bytes, target: tuple[int, int], destination: Path) -> tuple[int, int]:
    with Image.open(io.BytesIO(source)) as image:
        if image.width * image.height > settings.MAX_IMAGE_PIXELS:
            raise ValueError("imagem grande demais")
        if image.format == "JPEG":
            # Decode at 1/2, 1/4 or 1/8 scale straight from the JPEG: most of the speed comes from here.
            # Asking for the fitted size at ~85% lets a 4000×3000 photo decode at 1/4 (~170 dpi in an
            # A4 art box) instead of 1/2: four times less work, no visible loss on a production sheet.
            scale = min(target[0] / image.width, target[1] / image.height, 1.0) * DRAFT_FACTOR
            image.draft("RGB", (max(1, int(image.width * scale)), max(1, int(image.height * scale))))
        image = ImageOps.exif_transpose(image)
        image.thumbnail(target, Image.Resampling.BILINEAR, reducing_gap=2.0)
        image = _flatten(image)
        temporary = destination.with_name(f".{uuid.uuid4().hex}.tmp")
        image.save(temporary, "JPEG", quality=JPEG_QUALITY, optimize=False)
        os.replace(temporary, destination)
        return image.size


def prepare(source: str | None, width_mm: float, height_mm: float) -> PreparedImage | None:
    """A JPEG sized for the box, or None when the art is missing or unreadable (an empty box)."""
    if source is None:
        return None
    try:
        backend = media()
        info = backend.stat(source)
    except Exception as exc:  # the store not answering prints an empty box, never fails the sheet
        logger.warning("Imagem ignorada na ficha (%s): %s", source, exc)
        return None
    if info is None:
        return None
    target = target_pixels(width_mm, height_mm)
    key = hashlib.sha1(f"{backend.name}|{info.key}|{info.modified}|{info.size}|{target}".encode()).hexdigest()
    folder = cache_dir()
    destination = folder / f"{key}.jpg"
    try:
        if destination.is_file():
            with Image.open(destination) as cached:
                return PreparedImage(destination, *cached.size)
        data = backend.get(info.key)
        if data is None:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        _prune(folder)
        size = _downscale(data, target, destination)
        return PreparedImage(destination, *size)
    except Exception as exc:  # any unreadable art prints as an empty box, never as an error
        logger.warning("Imagem ignorada na ficha (%s): %s", source, exc)
        return None
