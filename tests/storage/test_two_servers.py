"""Two SGP servers (different API_ROOTs) on one PostgreSQL and one S3 endpoint behave as one system.

The servers are real processes (`python -m serve`) and the object store is moto's standalone
server: nothing is mocked. PostgreSQL only: two servers cannot share one SQLite file over a network.
"""

from __future__ import annotations

import asyncio
import io
import shutil
import tempfile
from contextlib import ExitStack

import httpx
import pytest
from PIL import Image
from sqlalchemy import text

from database import engine as engines
from database.base import SQLModel
from tests.conftest import IS_POSTGRES, bearer, make_user
from tests.fichas import pdfs
from tests.live import LiveServer
from tests.pedidos.conftest import data_url, pedido_body
from tests.realtime.support import messages, next_message, open_socket

pytestmark = pytest.mark.skipif(not IS_POSTGRES, reason="two servers share one database only on PostgreSQL")


@pytest.fixture(autouse=True)
def _clean_state():
    """Every table but the event log: the servers' dispatchers track its last id across tests."""
    yield
    tables = [t.name for t in reversed(SQLModel.metadata.sorted_tables) if t.name != "order_events"]
    with engines.write_engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))


@pytest.fixture(scope="module")
def servers(moto_server):
    bucket = moto_server.new_bucket()
    with ExitStack() as stack:
        started = []
        for _name in ("a", "b"):
            root = tempfile.mkdtemp(prefix="sgp-server-")
            stack.callback(shutil.rmtree, root, True)
            server = LiveServer(env={**moto_server.env(bucket), "API_ROOT": root}).start()
            stack.callback(server.stop)
            started.append(server)
        yield started


@pytest.fixture
def chefe(session):
    return make_user(session, username="chefe", is_admin=True)  # not "admin": the servers create that one


def art(color=(20, 180, 40)) -> bytes:
    """A 600×400 PNG of one colour with light noise (hundreds of KB: several S3 chunks)."""
    noise = Image.effect_noise((600, 400), 20).convert("RGB")
    image = Image.blend(Image.new("RGB", (600, 400), color), noise, 0.1)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


async def test_an_image_uploaded_through_a_is_served_by_b_byte_for_byte(servers, chefe):
    a, b = servers
    headers = bearer(chefe)
    first, second = art(), art((200, 20, 20))
    async with httpx.AsyncClient(base_url=a.url, timeout=30) as on_a, httpx.AsyncClient(base_url=b.url) as on_b:
        order = (await on_a.post("/pedidos/", json=pedido_body(items=[{"descricao": "x", "imagem": data_url(first)}]),
                                 headers=headers)).json()  # fmt: skip
        served = await on_b.get(order["items"][0]["imagem"], headers=headers)
        assert served.status_code == 200 and served.content == first
        assert served.headers["content-type"] == "image/png" and served.headers["etag"]
        upload = await on_a.post(f"/pedidos/{order['id']}/imagens", files={"image": ("y.png", second)},
                                 data={"item_index": "0"}, headers=headers)  # fmt: skip
        assert upload.status_code == 200, upload.text
        assert (await on_b.get(upload.json()["imagem"], headers=headers)).content == second
        assert (await on_b.get(order["items"][0]["imagem"], headers=headers)).status_code == 404  # replaced on A
        # The app's two-step upload: the temporary file taken by A is claimed by an order saved on B.
        temp = await on_a.post("/pedidos/order-items/upload-image", files={"image": ("z.png", first)}, headers=headers)
        claimed = await on_b.post("/pedidos/", json=pedido_body(items=[{"descricao": "z",
                                  "imagem": temp.json()["server_reference"]}]), headers=headers)  # fmt: skip
        assert claimed.status_code == 200, claimed.text
        assert (await on_a.get(claimed.json()["items"][0]["imagem"], headers=headers)).content == first


async def test_a_socket_on_b_hears_a_change_on_a_and_a_reconnect_to_b_gets_what_it_missed(servers, chefe):
    a, b = servers
    headers = bearer(chefe)
    async with httpx.AsyncClient(base_url=a.url, timeout=30) as on_a:
        async with await open_socket(b.ws_url, chefe) as ws:
            order = (await on_a.post("/pedidos/", json=pedido_body(), headers=headers)).json()
            heard = await next_message(ws, timeout=10)
            assert heard["type"] == "order_created" and heard["order_id"] == order["id"]
        for note in ("primeira", "segunda"):
            patched = await on_a.patch(f"/pedidos/{order['id']}", json={"observacao": note}, headers=headers)
            assert patched.status_code == 200, patched.text
        async with await open_socket(b.ws_url, chefe, since=heard["event_id"]) as ws:
            missed = await messages(ws, 2, timeout=10)
    assert [m["type"] for m in missed] == ["order_updated", "order_updated"]
    assert [m["order"]["observacao"] for m in missed] == ["primeira", "segunda"]
    assert heard["event_id"] < missed[0]["event_id"] < missed[1]["event_id"]


async def test_200_concurrent_creates_over_a_and_b_get_200_distinct_numeros(servers, chefe):
    headers = bearer(chefe)
    limits = httpx.Limits(max_connections=20)
    clients = [httpx.AsyncClient(base_url=s.url, timeout=60, limits=limits) for s in servers]
    try:
        answers = await asyncio.gather(*(clients[n % 2].post("/pedidos/", json=pedido_body(), headers=headers)
                                         for n in range(200)))  # fmt: skip
    finally:
        for client in clients:
            await client.aclose()
    assert [r.status_code for r in answers] == [200] * 200
    assert len({r.json()["numero"] for r in answers}) == 200


async def test_the_closing_report_is_the_same_from_a_and_b(servers, chefe):
    a, b = servers
    headers = bearer(chefe)
    params = {"report_type": "analitico_designer_cliente", "start_date": "2026-01-01", "end_date": "2026-12-31"}
    async with httpx.AsyncClient(base_url=a.url, timeout=30) as on_a, httpx.AsyncClient(base_url=b.url) as on_b:
        for n in range(3):
            body = pedido_body(data_entrada="2026-01-31", cliente=f"Cliente {n}", valor_total=f"{100 + n}.00")
            assert (await on_a.post("/pedidos/", json=body, headers=headers)).status_code == 200
        reports = [await c.get("/relatorios-fechamentos/pedidos/relatorio", params=params, headers=headers)
                   for c in (on_a, on_b)]  # fmt: skip
    bodies = [r.json() for r in reports]
    for body in bodies:
        body.pop("generated_at", None)  # the clock of each server, not the report
    assert bodies[0] == bodies[1] and "Cliente 2" in reports[0].text
    csvs = []
    async with httpx.AsyncClient(timeout=30) as http:
        for server in servers:
            csvs.append((await http.get(server.url + "/relatorios-fechamentos/pedidos/relatorio",
                                        params={**params, "formato": "csv"}, headers=headers)).content)  # fmt: skip
    assert csvs[0] == csvs[1] and b"Cliente 2" in csvs[0]


async def test_a_ficha_pdf_rendered_by_b_embeds_the_image_uploaded_through_a(servers, chefe):
    a, b = servers
    headers = bearer(chefe)
    async with httpx.AsyncClient(base_url=a.url, timeout=30) as on_a, httpx.AsyncClient(base_url=b.url) as on_b:
        body = pedido_body(items=[{"descricao": "x", "imagem": data_url(art((20, 180, 40)))}])
        order = (await on_a.post("/pedidos/", json=body, headers=headers)).json()
        pdf = await on_b.get(f"/pedidos/{order['id']}/fichas.pdf", params={"template": "geral"}, headers=headers)
    assert pdf.status_code == 200, pdf.text
    page = pdfs.read(pdf.content).pages[0]
    [(_w, _h, px_width, px_height)] = pdfs.drawn_images(page)
    assert abs(px_width / px_height - 1.5) < 0.02
    [embedded] = page.images
    with Image.open(io.BytesIO(embedded.data)) as image:
        red, green, blue = image.convert("RGB").resize((1, 1)).getpixel((0, 0))
    assert green > 150 and red < 60 and blue < 80  # A's art, not an empty box
