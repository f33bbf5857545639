"""The original's /fichas/ CRUD with base64 images validated from their bytes."""

from __future__ import annotations

import base64

from config import settings
from tests.fichas.conftest import image_bytes, make_pedido


def data_url(data: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


async def test_create_with_image_serves_it_back(client, user_headers):
    png = image_bytes(fmt="PNG")
    body = {"client_id": 7, "nome": "Ficha Ateliê", "descricao": "Bandeira", "imagem_base64": data_url(png)}
    r = await client.post("/fichas/", json=body, headers=user_headers)
    assert r.status_code == 200, r.text
    ficha = r.json()
    assert ficha["client_id"] == 7 and ficha["nome"] == "Ficha Ateliê"
    assert ficha["imagem_path"].startswith("fichas/") and ficha["imagem_path"].endswith(".png")
    assert ficha["imagem_url"] == f"/fichas/imagens/{ficha['id']}"
    assert "imagem_base64" not in ficha
    r = await client.get(ficha["imagem_url"], headers=user_headers)
    assert r.status_code == 200 and r.content == png and r.headers["content-type"] == "image/png"
    assert (await client.get(ficha["imagem_url"])).status_code == 401


async def test_type_comes_from_the_bytes_and_a_false_claim_is_refused(client, user_headers):
    webp = image_bytes(fmt="WEBP")
    r = await client.post("/fichas", json={"nome": "x", "imagem_base64": data_url(webp, "image/png")},
                          headers=user_headers)  # fmt: skip
    assert r.status_code == 415 and "image/webp" in r.json()["detail"]
    r = await client.post("/fichas", json={"nome": "x", "imagem_base64": data_url(webp, "application/octet-stream")},
                          headers=user_headers)  # fmt: skip
    assert r.status_code == 200 and r.json()["imagem_path"].endswith(".webp")
    gif = base64.b64encode(image_bytes(fmt="GIF")).decode()  # bare base64 works too
    r = await client.post("/fichas", json={"nome": "y", "imagem_base64": gif}, headers=user_headers)
    assert r.status_code == 200 and r.json()["imagem_path"].endswith(".gif")


async def test_bad_images_are_refused_and_leave_nothing(client, user_headers):
    not_image = data_url(b"%PDF-1.4 definitely not an image")
    r = await client.post("/fichas", json={"nome": "x", "imagem_base64": not_image}, headers=user_headers)
    assert r.status_code == 415 and "imagem" in r.json()["detail"]
    r = await client.post("/fichas", json={"nome": "x", "imagem_base64": "@@not base64@@"}, headers=user_headers)
    assert r.status_code == 422
    bmp = data_url(image_bytes(fmt="BMP"), "image/bmp")
    r = await client.post("/fichas", json={"nome": "x", "imagem_base64": bmp}, headers=user_headers)
    assert r.status_code == 415
    r = await client.get("/fichas", headers=user_headers)
    assert r.json() == [] and r.headers["x-total-count"] == "0"
    folder = settings.media_root / "fichas"
    assert not folder.exists() or not any(folder.iterdir())


async def test_update_replaces_the_image_and_delete_removes_it(client, user_headers):
    r = await client.post("/fichas", json={"nome": "x", "imagem_base64": data_url(image_bytes(fmt="PNG"))},
                          headers=user_headers)  # fmt: skip
    ficha = r.json()
    old = settings.media_root / ficha["imagem_path"]
    assert old.is_file()
    jpeg = image_bytes(fmt="JPEG")
    body = {"nome": "Novo nome", "imagem_base64": data_url(jpeg, "image/jpeg")}
    r = await client.patch(f"/fichas/{ficha['id']}", json=body, headers=user_headers)
    assert r.status_code == 200, r.text
    updated = r.json()
    assert updated["nome"] == "Novo nome" and updated["descricao"] is None
    assert updated["imagem_path"].endswith(".jpg") and not old.exists()
    new = settings.media_root / updated["imagem_path"]
    r = await client.delete(f"/fichas/{ficha['id']}", headers=user_headers)
    assert r.status_code == 200
    assert not new.exists()
    assert (await client.get(f"/fichas/{ficha['id']}", headers=user_headers)).status_code == 404


async def test_list_get_and_unknown_ids(client, user_headers):
    for nome in ("A", "B", "C"):
        await client.post("/fichas", json={"nome": nome}, headers=user_headers)
    r = await client.get("/fichas", params={"skip": 1, "limit": 1}, headers=user_headers)
    assert r.headers["x-total-count"] == "3" and [f["nome"] for f in r.json()] == ["B"]
    assert (await client.get("/fichas/999", headers=user_headers)).status_code == 404
    assert (await client.patch("/fichas/999", json={"nome": "x"}, headers=user_headers)).status_code == 404
    assert (await client.delete("/fichas/999", headers=user_headers)).status_code == 404
    assert (await client.get("/fichas/imagens/999", headers=user_headers)).status_code == 404
    assert (await client.get("/fichas", headers={})).status_code == 401


async def test_link_to_unknown_order_is_404(client, session, user_headers):
    r = await client.post("/fichas", json={"nome": "x", "pedido_id": 4242}, headers=user_headers)
    assert r.status_code == 404
    pedido = make_pedido(session)
    r = await client.post("/fichas", json={"nome": "x", "pedido_id": pedido.id, "item_index": 0},
                          headers=user_headers)  # fmt: skip
    assert r.status_code == 200 and r.json()["pedido_id"] == pedido.id
