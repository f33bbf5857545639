"""Kill the server with SIGKILL mid-load, restart it, and check nothing acknowledged was lost.

A real server with 2 worker processes on the SQLite file; a load client creates and patches
orders and records every request that got a 2xx; requests without an answer go to an "unknown"
set (they may or may not have been applied). CRASH_CYCLES sets the number of cycles (default 5).
"""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
from dataclasses import dataclass, field

import httpx
import pytest

from config import settings
from tests.conftest import IS_POSTGRES
from tests.live import LiveServer

pytestmark = pytest.mark.skipif(IS_POSTGRES, reason="crash durability of the embedded SQLite file")

CYCLES = int(os.environ.get("CRASH_CYCLES", "5"))
LOAD_THREADS = 4


@dataclass
class Ledger:
    """What the server acknowledged, and what it may or may not have applied."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    created: dict[int, dict] = field(default_factory=dict)  # id -> body acknowledged
    observacao_acked: dict[int, str] = field(default_factory=dict)
    observacao_unknown: dict[int, set[str]] = field(default_factory=dict)
    unknown_clients: set[str] = field(default_factory=set)
    sent_clients: set[str] = field(default_factory=set)


def _load(base: str, headers: dict, ledger: Ledger, stop: threading.Event, tag: str) -> None:
    counter = 0
    with httpx.Client(base_url=base, headers=headers, timeout=5) as http:
        while not stop.is_set():
            counter += 1
            cliente = f"Durável {tag}-{counter}"
            body = {
                "cliente": cliente,
                "data_entrada": "2026-05-01",
                "valor_total": "150.50",
                # The first item carries the whole total: the server sums the items (pedidos/orders/pricing).
                "items": [
                    {
                        "tipo_producao": "painel",
                        "descricao": f"Painel {n}",
                        "valor_unitario": "0" if n else "150.50",
                        "largura": "1",
                    }
                    for n in range(random.randint(1, 3))
                ],
            }
            with ledger.lock:
                ledger.sent_clients.add(cliente)
            try:
                response = http.post("/pedidos/", json=body)
            except httpx.HTTPError:
                with ledger.lock:
                    ledger.unknown_clients.add(cliente)
                continue
            if response.status_code != 200:
                continue
            order_id = response.json()["id"]
            with ledger.lock:
                ledger.created[order_id] = body
            note = f"obs {tag}-{counter}"
            try:
                patched = http.patch(f"/pedidos/{order_id}", json={"observacao": note})
            except httpx.HTTPError:
                with ledger.lock:
                    ledger.observacao_unknown.setdefault(order_id, set()).add(note)
                continue
            if patched.status_code == 200:
                with ledger.lock:
                    ledger.observacao_acked[order_id] = note


def _database_path() -> str:
    return settings.database_url.split("sqlite:///", 1)[1]


def _check_consistency(ledger: Ledger) -> None:
    connection = sqlite3.connect(_database_path())
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = {
            row[0]: row[1:] for row in connection.execute("SELECT id, cliente, observacao, valor_total FROM pedidos")
        }
        items = dict(connection.execute("SELECT pedido_id, count(*) FROM pedido_itens GROUP BY pedido_id").fetchall())
        for order_id, body in ledger.created.items():
            assert order_id in rows, f"acknowledged order {order_id} lost"
            cliente, observacao, valor_total = rows[order_id]
            assert cliente == body["cliente"]
            assert valor_total == 15050
            assert items.get(order_id, 0) == len(body["items"])
            acceptable = {ledger.observacao_acked.get(order_id)} | ledger.observacao_unknown.get(order_id, set())
            assert observacao in acceptable, f"order {order_id}: {observacao!r} not in {acceptable}"
        for order_id, (cliente, _obs, _valor) in rows.items():
            assert cliente in ledger.sent_clients, f"order {order_id} was never sent"
            assert order_id in ledger.created or cliente in ledger.unknown_clients
        event_ids = [row[0] for row in connection.execute("SELECT id FROM order_events ORDER BY id")]
        if event_ids:
            assert event_ids == list(range(event_ids[0], event_ids[0] + len(event_ids))), "gap in the event log"
        image_paths = [row[0] for row in connection.execute("SELECT path FROM pedido_imagens")]
        for path in image_paths:
            assert (settings.media_root / path).is_file(), f"image row without file: {path}"
    finally:
        connection.close()


def test_acknowledged_writes_survive_sigkill_of_the_whole_server(admin):
    from tests.conftest import bearer

    ledger = Ledger()
    headers = bearer(admin)
    for cycle in range(CYCLES):
        server = LiveServer(workers=2).start()
        stop = threading.Event()
        threads = [
            threading.Thread(target=_load, args=(server.url, headers, ledger, stop, f"{cycle}.{n}"), daemon=True)
            for n in range(LOAD_THREADS)
        ]
        for thread in threads:
            thread.start()
        time.sleep(random.uniform(0.8, 2.0))  # the load runs for a random while before the crash
        server.kill()
        stop.set()
        for thread in threads:
            thread.join(timeout=10)
        _check_consistency(ledger)
    assert len(ledger.created) > CYCLES * 5, "the load made too little progress to mean anything"
    print(
        f"\ncrash durability: {CYCLES} SIGKILL cycles survived; {len(ledger.created)} creates and "
        f"{len(ledger.observacao_acked)} patches acknowledged and verified; "
        f"{len(ledger.unknown_clients)} creates unanswered (unknown)"
    )
    # One last start: the server comes back and serves what was acknowledged.
    server = LiveServer(workers=1).start()
    try:
        some_id = next(iter(ledger.created))
        response = httpx.get(f"{server.url}/pedidos/{some_id}", headers=headers)
        assert response.status_code == 200
        assert response.json()["cliente"] == ledger.created[some_id]["cliente"]
    finally:
        server.stop()
