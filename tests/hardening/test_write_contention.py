"""Many writers on SQLite through several worker processes: no 5xx, never "database is locked"."""

from __future__ import annotations

import asyncio
import os
import time

import httpx
import pytest

from tests.conftest import IS_POSTGRES, bearer
from tests.live import LiveServer

pytestmark = pytest.mark.skipif(IS_POSTGRES, reason="SQLite write locking")

SECONDS = float(os.environ.get("CONTENTION_SECONDS", "20"))
WRITERS = 32


async def _writer(http: httpx.AsyncClient, deadline: float, outcomes: dict) -> None:
    n = 0
    while time.monotonic() < deadline:
        n += 1
        try:
            created = await http.post(
                "/pedidos/",
                json={"cliente": "Concorrência", "data_entrada": "2026-05-02", "items": [{"descricao": "x"}]},
            )
        except httpx.HTTPError as exc:
            outcomes.setdefault("transport errors", []).append(repr(exc))
            continue
        outcomes.setdefault(created.status_code, []).append(created.text if created.status_code >= 500 else "")
        if created.status_code == 200:
            order_id = created.json()["id"]
            patched = await http.patch(f"/pedidos/{order_id}", json={"observacao": f"n{n}"})
            outcomes.setdefault(patched.status_code, []).append(patched.text if patched.status_code >= 500 else "")


async def test_32_writers_on_4_workers_get_no_5xx_and_no_lock_errors(admin):
    server = LiveServer(workers=4).start()
    outcomes: dict = {}
    try:
        # uvicorn closes a connection idle for 5 s; a client that reuses it at that moment reads
        # an EOF (ReadError) with no fault of the server's. Expiring ours sooner takes that race out.
        limits = httpx.Limits(max_connections=WRITERS, keepalive_expiry=1)
        async with httpx.AsyncClient(base_url=server.url, headers=bearer(admin), timeout=60, limits=limits) as http:
            deadline = time.monotonic() + SECONDS
            await asyncio.gather(*(_writer(http, deadline, outcomes) for _ in range(WRITERS)))
    finally:
        server.stop()
    server_errors = {code: texts for code, texts in outcomes.items() if isinstance(code, int) and code >= 500}
    assert server_errors == {}, server.log_tail()
    assert "transport errors" not in outcomes, server.log_tail()
    assert not any("locked" in text for texts in outcomes.values() for text in texts)
    assert len(outcomes.get(200, [])) > WRITERS  # every writer got through, more than once
    print(
        f"\nwrite contention: {WRITERS} writers, 4 workers, {SECONDS:.0f} s: "
        + ", ".join(f"{code}: {len(texts)}" for code, texts in sorted(outcomes.items(), key=str))
    )
