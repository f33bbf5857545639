"""Hostile uploads: each one refused with its documented status, and nothing stored."""

from __future__ import annotations

import base64
import io
import struct
import zlib

import pytest
from PIL import Image
from sqlalchemy import func, select

from config import settings
from pedidos.orders.models import PedidoImagem

UPLOAD = "/pedidos/order-items/upload-image"


def image_bytes(fmt: str, size=(8, 6)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def huge_png(width: int = 50_000, height: int = 50_000) -> bytes:
    """A few hundred bytes that claim 2.5 billion pixels (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + _chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'

HOSTILE_FILES = {
    "png declared as jpeg": ("foto.jpg", image_bytes("PNG"), "image/jpeg", 415),
    "html renamed .png": ("foto.png", HTML, "image/png", 415),
    "svg renamed .png": ("foto.png", SVG, "image/png", 415),
    "jpeg + html polyglot": ("foto.jpg", image_bytes("JPEG") + HTML, "image/jpeg", 415),
    "gif + zip polyglot": ("foto.gif", image_bytes("GIF") + b"PK\x03\x04" + b"\x00" * 40, "image/gif", 415),
    "50,000 x 50,000 pixels": ("foto.png", huge_png(), "image/png", 413),
    "empty file": ("foto.png", b"", "image/png", 422),
}


def _nothing_stored(session) -> None:
    session.expire_all()
    assert session.execute(select(func.count()).select_from(PedidoImagem)).scalar_one() == 0
    media = settings.media_root
    files = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
    assert files == []


@pytest.mark.parametrize("case", HOSTILE_FILES)
async def test_hostile_multipart_upload_is_refused(client, admin_headers, session, case):
    name, data, declared, status = HOSTILE_FILES[case]
    response = await client.post(UPLOAD, files={"image": (name, data, declared)}, headers=admin_headers)
    assert response.status_code == status, response.text
    assert isinstance(response.json()["detail"], str)
    _nothing_stored(session)


async def test_an_over_limit_body_is_413(client, admin_headers, session, monkeypatch):
    monkeypatch.setattr(settings, "MAX_IMAGE_SIZE_MB", 1)
    big = image_bytes("PNG") + b"\x00" * (1024 * 1024 + 10)
    response = await client.post(UPLOAD, files={"image": ("a.png", big, "image/png")}, headers=admin_headers)
    assert response.status_code == 413
    _nothing_stored(session)


async def test_a_filename_with_dot_dots_is_ignored_for_storage(client, admin_headers, session):
    response = await client.post(
        UPLOAD, files={"image": ("../../../etc/passwd.png", image_bytes("PNG"), "image/png")}, headers=admin_headers
    )
    assert response.status_code == 200
    stored = response.json()["server_reference"]
    assert ".." not in stored and "passwd" not in stored
    assert (settings.media_root / stored).resolve().is_relative_to(settings.media_root.resolve())


def _order_with_image(imagem: str) -> dict:
    return {"cliente": "Hostil", "data_entrada": "2026-05-01", "items": [{"descricao": "Painel", "imagem": imagem}]}


@pytest.mark.parametrize(
    ("case", "imagem", "status"),
    [
        ("truncated base64", "data:image/png;base64," + base64.b64encode(image_bytes("PNG")).decode()[:-7], 422),
        ("png declared as jpeg", "data:image/jpeg;base64," + base64.b64encode(image_bytes("PNG")).decode(), 415),
        ("html in a data url", "data:image/png;base64," + base64.b64encode(HTML).decode(), 415),
        ("bomb in a data url", "data:image/png;base64," + base64.b64encode(huge_png()).decode(), 413),
    ],
)
async def test_hostile_data_urls_refuse_the_whole_order(client, admin_headers, session, case, imagem, status):
    response = await client.post("/pedidos/", json=_order_with_image(imagem), headers=admin_headers)
    assert response.status_code == status, response.text
    listed = await client.get("/pedidos/", headers=admin_headers)
    assert listed.json() == []  # nothing half-written: no order without its image
    _nothing_stored(session)


async def test_media_is_served_with_nosniff(client, admin_headers):
    png = image_bytes("PNG")
    imagem = "data:image/png;base64," + base64.b64encode(png).decode()
    created = await client.post("/pedidos/", json=_order_with_image(imagem), headers=admin_headers)
    assert created.status_code == 200, created.text
    url = created.json()["items"][0]["imagem"]
    response = await client.get(url, headers=admin_headers)
    assert response.status_code == 200 and response.content == png
    assert response.headers["content-type"] == "image/png"
    assert response.headers["x-content-type-options"] == "nosniff"
