"""Two server workers racing on the same rows: the database keys decide, never a 500."""

from __future__ import annotations

import asyncio

import httpx

from maquinas.models import Machine
from notificacoes.service import create_notification
from tests.cadastros.conftest import VENDEDORES
from tests.cadastros.factories import items_of, make_pedido
from tests.live import live_server


async def test_simultaneous_requests_on_the_same_rows(session, user_headers):
    machine = Machine(name="Epson", name_key="epson")
    session.add(machine)
    session.commit()
    pedido = make_pedido(session, items=[{"descricao": "Painel"}])
    item = items_of(session, pedido)[0]
    broadcast = create_notification(session, tipo="aviso", titulo="Aviso", mensagem="Para todos")
    session.commit()
    spellings = ["Zé Gráfico", "ze grafico", "ZÉ  GRÁFICO", "Ze Grafico"] * 3
    log = {"printer_id": machine.id, "pedido_id": pedido.id, "item_id": item.id, "status": "success"}

    with live_server(workers=2) as server:
        async with httpx.AsyncClient(base_url=server.url, headers=user_headers, timeout=30) as http:
            names = await asyncio.gather(
                *(http.post("/vendedores", json={**VENDEDORES.body, "nome": name}) for name in spellings)
            )
            logs = await asyncio.gather(*(http.post("/print-logs", json=log) for _ in range(8)))
            reads = await asyncio.gather(*(http.post(f"/notificacoes/{broadcast.id}/lida") for _ in range(8)))
            vendedores = (await http.get("/vendedores", params={"q": "ze grafico"})).json()
            all_logs = (await http.get("/print-logs")).json()
            unread = (await http.get("/notificacoes", params={"lidas": "false"})).json()

    assert sorted(r.status_code for r in names) == [201] + [409] * (len(spellings) - 1)
    assert len(vendedores) == 1
    assert {r.status_code for r in logs} == {201} and len(all_logs) == 1
    assert {r.status_code for r in reads} == {200} and unread == []
