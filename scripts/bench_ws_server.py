"""Driving the server under scripts.bench_ws: start and stop it, its CPU, its bench user and orders,
and the burst (PATCHes over HTTP, or events written straight into the log).

The project's modules are imported inside the functions: they read their settings when imported,
and scripts.bench_ws sets the environment (a temporary database) only once it has parsed its options.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
UPDATE_TYPE = "order_updated"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def process_group_cpu_seconds(pgid: int) -> float:
    """User + system CPU of every live process in the server's process group (master and workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields[2] is pgrp (stat field 5)
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def order_body(n: int) -> dict:
    return {
        "data_entrada": "2026-01-31",
        "data_entrega": "2026-02-05",
        "cliente": "Gráfica Exemplo Ltda",
        "telefone_cliente": "(11) 99999-0000",
        "cidade_cliente": "São Paulo",
        "estado_cliente": "SP",
        "valor_total": "1530.00",
        "items": [
            {
                "tipo_producao": "painel",
                "descricao": f"Painel sublimado 3x2 nº {i}",
                "largura": "3.00",
                "altura": "2.00",
                "metro_quadrado": "6.00",
                "vendedor": "Maria",
                "designer": "Carlos",
                "tecido": "Banner",
                "valor_unitario": "500.00",
            }
            for i in range(3)
        ],
    }


def start_server(args: argparse.Namespace, port: int, env: dict[str, str]) -> subprocess.Popen:
    if args.server == "hypercorn":
        options = ["hypercorn", "main:app", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers)]
    else:
        options = ["serve"] if args.server == "serve" else ["uvicorn", "main:app"]
        options += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers)]
        options += ["--log-level", "warning"]
    command = [sys.executable, "-m", *options, *shlex.split(args.server_args)]
    return subprocess.Popen(command, cwd=PROJECT_DIR, env=env, start_new_session=True, stderr=subprocess.DEVNULL)


async def wait_until_healthy(server: subprocess.Popen, base_url: str) -> None:
    """Poll /health for up to a minute; then a moment more, so every worker has finished starting."""
    import httpx

    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base_url}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            raise SystemExit("o servidor não iniciou")
        await asyncio.sleep(0.2)
    await asyncio.sleep(1.5)  # let every worker finish starting


def stop_server(server: subprocess.Popen) -> None:
    """SIGTERM to the whole process group: the master and its workers."""
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def bench_user_token() -> str:
    """Migrate the database and create the benchmark's user; its access token."""
    from auth.models import User
    from auth.security import create_access_token, hash_password
    from database.migrate import migrate
    from database.session import session_scope

    migrate()
    with session_scope() as session:
        user = User(username="bench", hashed_password=hash_password("bench-senha-1"))
        session.add(user)
        session.flush()
        token, _claims = create_access_token(username=user.username, user_id=user.id)
    return token


async def create_orders(base_url: str, headers: dict[str, str], amount: int) -> list[int]:
    """`amount` orders over HTTP, one at a time; their ids."""
    import httpx

    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30) as http:
        order_ids = []
        for n in range(amount):
            response = await http.post("/pedidos/", json=order_body(n))
            if response.status_code != 200:
                raise SystemExit(f"POST /pedidos/: {response.status_code} {response.text[:200]}")
            order_ids.append(response.json()["id"])
    return order_ids


async def http_burst(base_url: str, headers: dict[str, str], order_ids: list[int], writers: int) -> dict[int, float]:
    """PATCH every order once, `writers` at a time; returns each order's response time."""
    import httpx

    responded: dict[int, float] = {}
    pending = iter(order_ids)

    async def writer(http) -> None:
        for order_id in pending:
            response = await http.patch(f"/pedidos/{order_id}", json={"observacao": f"rajada {order_id}"})
            responded[order_id] = time.perf_counter()
            if response.status_code != 200:
                raise SystemExit(f"PATCH /pedidos/{order_id}: {response.status_code} {response.text[:200]}")

    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30) as http:
        await asyncio.gather(*(writer(http) for _ in range(writers)))
    return responded


def db_burst(order_ids: list[int], committed: dict[int, float], gap: float) -> None:
    """The events alone, one transaction each, as pedidos writes them (event id → commit time)."""
    from database.session import session_scope
    from pedidos.realtime.events import record_event

    for order_id in order_ids:
        message = {"type": UPDATE_TYPE, "order": {"id": order_id}, "order_id": order_id, "user_id": 1}
        with session_scope() as session:
            event_id = record_event(session, type=UPDATE_TYPE, order_id=order_id, message=message)
        committed[event_id] = time.perf_counter()
        time.sleep(gap)


def latest_event_id() -> int:
    """The log's last event id, before the burst (0 when empty)."""
    from database.session import session_scope
    from pedidos.realtime.event_log import latest_event_id

    with session_scope(write=False) as session:
        return latest_event_id(session.connection()) or 0


def burst_events(after_id: int) -> list[tuple[int, int, str]]:
    """The events written after `after_id` (id, order id, type), in id order."""
    from sqlalchemy import select

    from database.session import session_scope
    from pedidos.orders.models import OrderEvent

    statement = select(OrderEvent.id, OrderEvent.order_id, OrderEvent.type).where(OrderEvent.id > after_id)
    with session_scope(write=False) as session:
        return [tuple(row) for row in session.execute(statement.order_by(OrderEvent.id))]
