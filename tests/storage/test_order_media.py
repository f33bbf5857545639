"""Order and ficha media through the API on both backends: served as before, atomic with the write."""

from __future__ import annotations

from sqlalchemy import func, select

from pedidos.orders.models import Pedido, PedidoImagem
from tests.pedidos.conftest import data_url, jpeg_bytes, png_bytes
from tests.storage.conftest import objects


async def test_image_urls_serve_the_bytes_with_type_and_etag(client, admin_headers, make_pedido, backend):
    raw = png_bytes(30, 20)
    order = await make_pedido(items=[{"descricao": "a", "imagem": data_url(raw)}])
    item = order["items"][0]
    assert item["imagem"].startswith("/pedidos/imagens/") and item["imagem_path"] in objects("pedidos/")
    response = await client.get(item["imagem"], headers=admin_headers)
    assert response.status_code == 200 and response.content == raw
    assert response.headers["content-type"] == "image/png" and response.headers["content-length"] == str(len(raw))
    cached = await client.get(item["imagem"], headers={**admin_headers, "If-None-Match": response.headers["etag"]})
    assert cached.status_code == 304
    assert (await client.get(f"/pedidos/media/{item['imagem_path']}", headers=admin_headers)).content == raw
    assert (await client.get(item["imagem"])).status_code == 401


async def test_multipart_upload_then_claim_and_replace(client, admin_headers, make_pedido, backend):
    raw = jpeg_bytes()
    upload = await client.post(
        "/pedidos/order-items/upload-image", files={"image": ("f.jpg", raw, "image/jpeg")}, headers=admin_headers
    )
    assert upload.status_code == 200 and upload.json()["server_reference"] in objects("pedidos/tmp/")
    order = await make_pedido(items=[{"descricao": "a", "imagem": upload.json()["server_reference"]}])
    assert objects("pedidos/tmp/") == []  # claimed
    old = order["items"][0]["imagem_path"]
    new = png_bytes()
    response = await client.post(
        f"/pedidos/{order['id']}/imagens", files={"image": ("x.png", new)}, data={"item_index": "0"},
        headers=admin_headers,
    )  # fmt: skip
    assert response.status_code == 200, response.text
    assert objects("pedidos/") == [response.json()["imagem_path"]] and old not in objects()
    assert (await client.get(response.json()["imagem"], headers=admin_headers)).content == new


async def test_a_write_that_fails_after_storing_leaves_no_object(client, admin_headers, make_pedido, backend,
                                                                  monkeypatch, session):  # fmt: skip
    written = []
    put = backend.put
    monkeypatch.setattr(backend, "put", lambda key, data, **kw: (written.append(key), put(key, data, **kw)))
    await make_pedido(numero="DUP")
    body = {"numero": "X1", "cliente": "x", "data_entrada": "2026-01-01"}
    # The first image is stored, the second reference is missing: the whole write fails.
    body["items"] = [{"imagem": data_url(png_bytes())}, {"imagem": "pedidos/tmp/" + "0" * 32 + ".png"}]
    response = await client.post("/pedidos", json=body, headers=admin_headers)
    assert response.status_code == 422
    assert written and objects("pedidos/") == []
    assert session.execute(select(func.count()).select_from(PedidoImagem)).scalar_one() == 0


async def test_deleting_an_order_removes_its_objects(client, admin_headers, make_pedido, backend):
    kept = await make_pedido(items=[{"descricao": "a", "imagem": data_url(png_bytes())}])
    gone = await make_pedido(items=[{"descricao": "a", "imagem": data_url(jpeg_bytes(), "image/jpeg")},
                                    {"descricao": "b", "imagem": data_url(png_bytes(5, 5))}])  # fmt: skip
    assert len(objects(f"pedidos/{gone['id']}/")) == 2
    assert (await client.delete(f"/pedidos/{gone['id']}", headers=admin_headers)).status_code == 200
    assert objects(f"pedidos/{gone['id']}/") == [] and objects(f"pedidos/{kept['id']}/")


async def test_a_store_that_does_not_answer_is_503_and_writes_nothing(client, admin_headers, session, monkeypatch,
                                                                       moto_server):  # fmt: skip
    from tests.storage.conftest import use_s3

    use_s3(monkeypatch, moto_server)
    monkeypatch.setattr("config.settings.S3_ENDPOINT_URL", "http://127.0.0.1:9")  # nothing listens there
    body = {"numero": "S1", "cliente": "x", "data_entrada": "2026-01-01", "items": [{"imagem": data_url(png_bytes())}]}
    response = await client.post("/pedidos", json=body, headers=admin_headers)
    assert response.status_code == 503
    assert "Armazenamento de imagens indisponível" in response.json()["detail"]
    assert session.execute(select(func.count()).select_from(Pedido)).scalar_one() == 0
    upload = await client.post("/pedidos/order-items/upload-image", files={"image": ("a.png", png_bytes())},
                               headers=admin_headers)  # fmt: skip
    assert upload.status_code == 503
    health = await client.get("/health")
    assert health.status_code == 503 and health.json()["status"] == "degraded"
    assert health.json()["checks"]["storage"] == "unreachable" and health.json()["storage"] == "s3"


async def test_health_names_the_backend(client, backend):
    response = await client.get("/health")
    assert response.status_code == 200 and response.json()["storage"] == backend.name
    assert response.json()["checks"]["storage"] == "ok"


async def test_ficha_images_and_the_pdf_art_come_from_the_store(client, user_headers, backend):
    from PIL import Image

    from tests.fichas import pdfs
    from tests.fichas.conftest import image_bytes

    art = image_bytes(900, 600, "JPEG", color=(10, 200, 30))
    ficha = await client.post("/fichas", json={"nome": "F", "imagem_base64": data_url(art, "image/jpeg")},
                              headers=user_headers)  # fmt: skip
    assert ficha.status_code == 200, ficha.text
    path = ficha.json()["imagem_path"]
    assert path in objects("fichas/")
    served = await client.get(f"/fichas/imagens/{ficha.json()['id']}", headers=user_headers)
    assert served.status_code == 200 and served.content == art
    pdf = await client.get(f"/fichas/{ficha.json()['id']}/pdf", headers=user_headers)
    assert pdf.status_code == 200, pdf.text
    page = pdfs.read(pdf.content).pages[0]
    [(_w, _h, px_width, px_height)] = pdfs.drawn_images(page)
    assert abs(px_width / px_height - 1.5) < 0.02
    [embedded] = page.images
    with Image.open(embedded.data and __import__("io").BytesIO(embedded.data)) as image:
        red, green, blue = image.convert("RGB").resize((1, 1)).getpixel((0, 0))
    assert green > 150 and red < 60 and blue < 80  # the uploaded art, not an empty box
    assert (await client.delete(f"/fichas/{ficha.json()['id']}", headers=user_headers)).status_code == 200
    assert path not in objects("fichas/")
