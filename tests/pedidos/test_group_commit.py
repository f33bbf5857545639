"""SQLite's writer runs queued writes in one transaction (database/writer.py); each still succeeds or fails alone."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from database import session as sessions
from database import writer
from pedidos.orders.models import Pedido
from tests.conftest import IS_POSTGRES
from tests.pedidos.conftest import data_url, pedido_body, png_bytes
from tests.pedidos.test_images import media_files

pytestmark = pytest.mark.skipif(IS_POSTGRES, reason="PostgreSQL runs each write in its own transaction")


async def test_queued_creates_share_a_commit_and_a_refused_one_takes_nothing_with_it(
    client, admin_headers, make_pedido, session, monkeypatch
):
    await make_pedido(numero="DUP")
    batches = []
    commit = writer._commit
    monkeypatch.setattr(writer, "_commit", lambda batch: batches.append(len(batch)) or commit(batch))
    images = [png_bytes(color=(n * 40, 10, 10)) for n in range(4)]
    bodies = [
        pedido_body(numero=None, cliente=f"Cliente {n}", items=[{"descricao": "a", "imagem": data_url(raw)}])
        for n, raw in enumerate(images)
    ]
    bodies.insert(2, pedido_body(numero="DUP"))

    sessions._sqlite_writers.acquire()  # the writer thread waits on it: the requests queue up
    try:
        tasks = [asyncio.create_task(client.post("/pedidos/", json=body, headers=admin_headers)) for body in bodies]
        await asyncio.sleep(0.5)
    finally:
        sessions._sqlite_writers.release()
    responses = await asyncio.gather(*tasks)

    assert max(batches) >= 3 and sum(batches) > len(bodies)  # ran together; some ran again
    assert [r.status_code for r in responses] == [200, 200, 409, 200, 200]
    created = [r.json() for r in responses if r.status_code == 200]
    session.expire_all()
    numeros = session.execute(select(Pedido.numero)).scalars().all()
    assert len(numeros) == 5 and len(set(numeros)) == 5  # DUP and four new ones, each once
    # Rolling the batch back removed every stored file; the writes that ran again stored theirs anew.
    assert len(media_files()) == 4
    for order, raw in zip(created, images, strict=True):
        stored = await client.get(order["items"][0]["imagem"], headers=admin_headers)
        assert stored.status_code == 200 and stored.content == raw
