"""Two server workers racing to create the same name: one wins, the rest get 409, never a 500."""

from __future__ import annotations

import asyncio

import httpx

from tests.cadastros.conftest import VENDEDORES
from tests.live import live_server


async def test_concurrent_creates_of_one_name_give_one_record_and_409s(user_headers):
    spellings = ["Zé Gráfico", "ze grafico", "ZÉ  GRÁFICO", "Ze Grafico"] * 3
    with live_server(workers=2) as server:
        async with httpx.AsyncClient(base_url=server.url, headers=user_headers, timeout=30) as http:
            responses = await asyncio.gather(
                *(http.post("/vendedores", json={**VENDEDORES.body, "nome": name}) for name in spellings)
            )
            listed = await http.get("/vendedores", params={"q": "ze grafico"})
    assert sorted(r.status_code for r in responses) == [201] + [409] * (len(spellings) - 1)
    assert len(listed.json()) == 1
