"""Images: each way in round-trips the bytes; bad input refused; no orphan files; auth on media."""

from __future__ import annotations

import base64
import os
import time

from sqlalchemy import func, select

from config import settings
from pedidos.media import images
from pedidos.orders.models import PedidoImagem
from tests.pedidos.conftest import data_url, jpeg_bytes, png_bytes


def media_files() -> list[str]:
    root = settings.media_root
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


async def fetch(client, headers, url):
    return await client.get(url, headers=headers)


async def test_data_url_round_trip(client, admin_headers, make_pedido):
    raw = png_bytes()
    order = await make_pedido(items=[{"descricao": "a", "imagem": data_url(raw)}])
    item = order["items"][0]
    assert item["imagem"].startswith("/pedidos/imagens/") and item["imagem_path"].startswith(f"pedidos/{order['id']}/")
    response = await fetch(client, admin_headers, item["imagem"])
    assert response.content == raw and response.headers["content-type"] == "image/png"
    etag = response.headers["etag"]
    cached = await client.get(item["imagem"], headers={**admin_headers, "If-None-Match": etag})
    assert cached.status_code == 304
    via_media = await fetch(client, admin_headers, f"/pedidos/media/{item['imagem_path']}")
    assert via_media.content == raw


async def test_upload_then_claim_on_save(client, admin_headers, make_pedido):
    raw = jpeg_bytes()
    upload = await client.post(
        "/pedidos/order-items/upload-image", files={"image": ("foto.jpg", raw, "image/jpeg")}, headers=admin_headers
    )
    assert upload.status_code == 200, upload.text
    info = upload.json()
    assert info["success"] is True and info["server_reference"].startswith("pedidos/tmp/")
    assert info["image_reference"] == info["path"] == info["server_reference"] and info["size"] == len(raw)
    assert info["filename"].endswith(".jpg")  # type from the bytes, not the claimed name
    order = await make_pedido(items=[{"descricao": "a", "imagem": info["server_reference"]}])
    item = order["items"][0]
    assert (await fetch(client, admin_headers, item["imagem"])).content == raw
    assert not any(path.startswith("pedidos/tmp/") for path in media_files())  # claimed


async def test_multipart_per_item_and_replace_removes_old_file(client, admin_headers, make_pedido, session):
    order = await make_pedido(items=[{"descricao": "a", "imagem": data_url(png_bytes())}])
    old_path = order["items"][0]["imagem_path"]
    raw = jpeg_bytes()
    response = await client.post(
        f"/pedidos/{order['id']}/imagens",
        files={"image": ("x.jpg", raw)},
        data={"item_index": "0"},
        headers=admin_headers,
    )
    assert response.status_code == 200, response.text
    current = (await client.get(f"/pedidos/{order['id']}", headers=admin_headers)).json()
    assert (await fetch(client, admin_headers, current["items"][0]["imagem"])).content == raw
    assert old_path not in media_files() and current["items"][0]["imagem_path"] in media_files()
    assert session.execute(select(func.count()).select_from(PedidoImagem)).scalar_one() == 1


async def test_patch_empty_imagem_deletes_and_copied_order_gets_own_file(client, admin_headers, make_pedido):
    source = await make_pedido(items=[{"descricao": "a", "imagem": data_url(png_bytes())}])
    copy = await make_pedido(items=[{"descricao": "a", "imagem": source["items"][0]["imagem"]}])
    assert copy["items"][0]["imagem"] != source["items"][0]["imagem"]
    await client.delete(f"/pedidos/{source['id']}", headers=admin_headers)
    assert (await fetch(client, admin_headers, copy["items"][0]["imagem"])).status_code == 200
    assert not any(path.startswith(f"pedidos/{source['id']}/") for path in media_files())
    items = [{**copy["items"][0], "imagem": ""}]
    patched = (await client.patch(f"/pedidos/{copy['id']}", json={"items": items}, headers=admin_headers)).json()
    assert patched["items"][0]["imagem"] is None and media_files() == []


async def test_wrong_type_too_large_broken_base64(client, admin_headers, make_pedido, monkeypatch):
    not_image = data_url(b"%PDF-1.4 not an image", "image/png")
    response = await client.post(
        "/pedidos",
        json={"cliente": "x", "data_entrada": "2026-01-01", "items": [{"imagem": not_image}]},
        headers=admin_headers,
    )
    assert response.status_code == 415 and "imagem" in response.json()["detail"].lower()
    broken = "data:image/png;base64,@@@não-é-base64"
    response = await client.post(
        "/pedidos",
        json={"cliente": "x", "data_entrada": "2026-01-01", "items": [{"imagem": broken}]},
        headers=admin_headers,
    )
    assert response.status_code == 422 and "base64" in response.json()["detail"]
    upload = await client.post(
        "/pedidos/order-items/upload-image", files={"image": ("a.txt", b"hello")}, headers=admin_headers
    )
    assert upload.status_code == 415
    monkeypatch.setattr(settings, "MAX_IMAGE_SIZE_MB", 0)
    upload = await client.post(
        "/pedidos/order-items/upload-image", files={"image": ("a.png", png_bytes())}, headers=admin_headers
    )
    assert upload.status_code == 413


async def test_decompression_bomb_refused(client, admin_headers, monkeypatch):
    monkeypatch.setattr(settings, "MAX_IMAGE_PIXELS", 100)
    upload = await client.post(
        "/pedidos/order-items/upload-image", files={"image": ("a.png", png_bytes(20, 20))}, headers=admin_headers
    )
    assert upload.status_code == 413


async def test_failed_request_leaves_no_file_or_row(client, admin_headers, make_pedido, session):
    await make_pedido(numero="DUP")
    body = {"numero": "X1", "cliente": "x", "data_entrada": "2026-01-01"}
    body["items"] = [{"imagem": data_url(png_bytes())}, {"imagem": "data:image/png;base64,%%%"}]
    response = await client.post("/pedidos", json=body, headers=admin_headers)
    assert response.status_code == 422
    assert media_files() == []
    assert session.execute(select(func.count()).select_from(PedidoImagem)).scalar_one() == 0


async def test_media_needs_token_and_refuses_traversal(client, admin_headers, make_pedido):
    order = await make_pedido(items=[{"descricao": "a", "imagem": data_url(png_bytes())}])
    item = order["items"][0]
    assert (await client.get(item["imagem"])).status_code == 401
    assert (await client.get(f"/pedidos/media/{item['imagem_path']}")).status_code == 401
    for path in ("../../etc/passwd", "..%2F..%2Fconfig.py", "pedidos/../../../../etc/passwd", "%2e%2e/%2e%2e/x"):
        response = await client.get(f"/pedidos/media/{path}", headers=admin_headers)
        assert response.status_code == 404, path
    assert (await client.get("/pedidos/imagens/999", headers=admin_headers)).status_code == 404


def test_old_unclaimed_uploads_are_cleaned():
    folder = settings.media_root / images.TEMP_DIR
    folder.mkdir(parents=True, exist_ok=True)
    old, new = folder / "old.png", folder / "new.png"
    old.write_bytes(b"x")
    new.write_bytes(b"x")
    past = time.time() - 2 * images.TEMP_MAX_AGE_SECONDS
    os.utime(old, (past, past))
    assert images.clean_temp() == 1 and not old.exists() and new.exists()


def test_base64_helpers_reject_non_base64_data_url():
    import pytest

    from errors import Unprocessable
    from media import decode_base64_image

    with pytest.raises(Unprocessable):
        decode_base64_image("data:image/png," + base64.b64encode(b"x").decode(), field="imagem")


async def test_patch_items_keeps_images_by_index_and_by_invented_id(client, admin_headers, make_pedido):
    order = await make_pedido(items=[{"descricao": "a", "imagem": data_url(png_bytes())}, {"descricao": "b"}])
    image = order["items"][0]["imagem"]
    by_index = [{"descricao": "a2"}, {"descricao": "b2"}]  # no ids, no imagem: matched by position
    body = (await client.patch(f"/pedidos/{order['id']}", json={"items": by_index}, headers=admin_headers)).json()
    assert body["items"][0]["imagem"] == image and body["items"][0]["id"] == order["items"][0]["id"]
    invented = [{"id": order["id"] * 1000 + 1, "descricao": "b3"}, {"id": order["id"] * 1000, "descricao": "a3"}]
    body = (await client.patch(f"/pedidos/{order['id']}", json={"items": invented}, headers=admin_headers)).json()
    assert [i["id"] for i in body["items"]] == [order["items"][1]["id"], order["items"][0]["id"]]
    assert body["items"][1]["imagem"] == image
    assert (await client.get(image, headers=admin_headers)).status_code == 200
