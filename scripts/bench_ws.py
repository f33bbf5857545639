"""WebSocket fan-out benchmark: N clients across W workers, a burst of order updates, latency and idle CPU.

    python -m scripts.bench_ws --clients 500 --updates 200 --workers 2
    python -m scripts.bench_ws --server-deflate false   # clients offer deflate, uvicorn declines it
    python -m scripts.bench_ws --server hypercorn       # the production server

By default clients offer permessage-deflate (as browsers and the desktop app's webview do) and
run in 2 processes, so one Python process reading every message is not what gets measured.

Starts its own uvicorn on a temporary SQLite database (or --database-url), connects the clients,
measures the server's CPU while they sit idle, then writes the updates one transaction each (as
the pedidos service does) and waits until every client has received every one. Prints figures.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--updates", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--idle-seconds", type=float, default=10.0, help="how long to measure idle CPU")
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    parser.add_argument("--server", choices=["uvicorn", "hypercorn"], default="uvicorn")
    parser.add_argument("--ws", default="auto", help="uvicorn WebSocket implementation (auto, websockets, ...)")
    parser.add_argument("--no-deflate", action="store_true", help="clients refuse permessage-deflate")
    parser.add_argument(
        "--server-deflate",
        choices=["default", "false"],
        default="default",
        help="uvicorn --ws-per-message-deflate (false: the server never compresses)",
    )
    parser.add_argument(
        "--client-processes",
        type=int,
        default=2,
        help="clients run in this many processes (0: in the writer's process, as before)",
    )
    return parser.parse_args()


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


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def order_message(n: int) -> dict:
    order = {
        "id": n,
        "numero": f"{n:06d}",
        "status": "em_producao",
        "cliente": "Gráfica Exemplo Ltda",
        "telefone_cliente": "(11) 99999-0000",
        "cidade_cliente": "São Paulo",
        "estado_cliente": "SP",
        "valor_total": "1530.00",
        "financeiro": True,
        "sublimacao": n % 2 == 0,
        "items": [
            {
                "id": n * 10 + i,
                "tipo_producao": "painel",
                "descricao": "Painel sublimado 3x2",
                "largura": "3,00",
                "altura": "2,00",
                "metro_quadrado": "6,00",
                "valor_unitario": "500.00",
            }
            for i in range(3)
        ],
        "user_id": 1,
        "username": "bench",
    }
    return {"type": "order_updated", "order": order, "order_id": n, "user_id": 1, "username": "bench"}


def start_server(args: argparse.Namespace, port: int, env: dict[str, str]) -> subprocess.Popen:
    if args.server == "hypercorn":
        options = ["hypercorn", "main:app", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers)]
    else:
        options = ["uvicorn", "main:app", "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers)]
        options += ["--log-level", "warning", "--ws", args.ws]
        if args.server_deflate == "false":
            options += ["--ws-per-message-deflate", "false"]
    command = [sys.executable, "-m", *options]
    return subprocess.Popen(command, cwd=PROJECT_DIR, env=env, start_new_session=True, stderr=subprocess.DEVNULL)


# --- clients: in the writer's process, or split over a process pool ------------------------
# Receipt times are time.perf_counter() (CLOCK_MONOTONIC on Linux), comparable across processes.
# A process pool keeps the clients' own CPU from serialising behind the writer: the figure
# measures the server's fan-out, not one Python process reading 100 000 messages.


async def client_group(url: str, count: int, updates: int, compression, report) -> None:
    """Connect `count` clients, report their workers, then report receipts once all got `updates`."""
    from websockets.asyncio.client import connect

    sockets = []
    for start in range(0, count, 50):
        batch = range(start, min(count, start + 50))
        sockets += await asyncio.gather(
            *(connect(url, compression=compression, max_size=None, ping_interval=None) for _ in batch)
        )
    per_worker: dict[str, int] = {}
    for ws in sockets:
        worker = ws.response.headers.get("x-sgp-worker", "?")
        per_worker[worker] = per_worker.get(worker, 0) + 1
    report(("connected", per_worker))

    first_receipt: dict[int, float] = {}
    last_receipt: dict[int, float] = {}
    received = [0] * len(sockets)
    finished = [0]
    done = asyncio.Event()

    async def reader(index: int, ws) -> None:
        async for raw in ws:
            now = time.perf_counter()
            # event_id is the message's last key: read it without parsing the whole order.
            marker = raw.rfind('"event_id":')
            if marker < 0:
                continue
            event_id = int(raw[marker + 11 : -1])
            first_receipt.setdefault(event_id, now)
            if last_receipt.get(event_id, 0.0) < now:
                last_receipt[event_id] = now
            received[index] += 1
            if received[index] == updates:
                finished[0] += 1
                if finished[0] == len(sockets):
                    done.set()

    cpu_before = time.process_time()
    readers = [asyncio.create_task(reader(i, ws)) for i, ws in enumerate(sockets)]
    try:
        await asyncio.wait_for(done.wait(), timeout=180)
    except TimeoutError:
        pass
    report(("done", first_receipt, last_receipt, sum(received), time.process_time() - cpu_before, done.is_set()))
    for task in readers:
        task.cancel()
    await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)


def client_process(url: str, count: int, updates: int, compression, connection) -> None:
    asyncio.run(client_group(url, count, updates, compression, connection.send))
    connection.close()


class ClientGroups:
    def __init__(self, args: argparse.Namespace, url: str, compression):
        self.args, self.url, self.compression = args, url, compression
        self.processes: list = []
        self.pipes: list = []
        self.local: asyncio.Queue | None = None
        self.task: asyncio.Task | None = None

    def describe(self) -> str:
        if self.processes:
            return f"clientes em {len(self.processes)} processos"
        return "clientes no processo de gravação"

    def shares(self) -> list[int]:
        count = max(1, self.args.client_processes)
        return [len(range(i, self.args.clients, count)) for i in range(count)]

    async def connect(self) -> dict[str, int]:
        if self.args.client_processes <= 0:
            self.local = asyncio.Queue()
            self.task = asyncio.create_task(
                client_group(self.url, self.args.clients, self.args.updates, self.compression, self.local.put_nowait)
            )
            reports = [await self.local.get()]
        else:
            context = multiprocessing.get_context("spawn")
            for share in self.shares():
                parent, child = context.Pipe()
                process = context.Process(
                    target=client_process, args=(self.url, share, self.args.updates, self.compression, child)
                )
                process.start()
                self.processes.append(process)
                self.pipes.append(parent)
            reports = [await asyncio.to_thread(pipe.recv) for pipe in self.pipes]
        per_worker: dict[str, int] = {}
        for _kind, counts in reports:
            for worker, n in counts.items():
                per_worker[worker] = per_worker.get(worker, 0) + n
        return per_worker

    async def results(self):
        if self.local is not None:
            reports = [await self.local.get()]
        else:
            reports = [await asyncio.to_thread(pipe.recv) for pipe in self.pipes]
        first: dict[int, float] = {}
        last: dict[int, float] = {}
        delivered, cpu, complete = 0, 0.0, True
        for _kind, firsts, lasts, received, used, finished in reports:
            for event_id, at in firsts.items():
                first[event_id] = min(at, first.get(event_id, at))
            for event_id, at in lasts.items():
                last[event_id] = max(at, last.get(event_id, at))
            delivered += received
            cpu += used
            complete = complete and finished
        return first, last, delivered, cpu, complete

    async def close(self) -> None:
        if self.task is not None:
            await self.task
        for process in self.processes:
            await asyncio.to_thread(process.join, 30)


async def run(args: argparse.Namespace) -> None:
    import httpx

    from auth.models import User
    from auth.security import create_access_token, hash_password
    from database.init_db import migrate
    from database.session import session_scope
    from pedidos.events import record_event

    migrate()
    with session_scope() as session:
        user = User(username="bench", hashed_password=hash_password("bench-senha-1"))
        session.add(user)
        session.flush()
        token, _claims = create_access_token(username=user.username, user_id=user.id)

    port = free_port()
    server = start_server(args, port, dict(os.environ))
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("o servidor não iniciou")
            await asyncio.sleep(0.2)
        await asyncio.sleep(1.5)  # let every worker finish starting

        url = f"ws://127.0.0.1:{port}/ws/orders?token={token}"
        compression = None if args.no_deflate else "deflate"
        groups = ClientGroups(args, url, compression)
        per_worker = await groups.connect()
        print(f"{args.clients} clientes conectados; por worker: {sorted(per_worker.values())}; {groups.describe()}")

        await asyncio.sleep(2)
        cpu_before, wall_before = process_group_cpu_seconds(server.pid), time.monotonic()
        await asyncio.sleep(args.idle_seconds)
        cpu = process_group_cpu_seconds(server.pid) - cpu_before
        idle_percent = 100 * cpu / (time.monotonic() - wall_before)
        print(f"CPU ociosa do servidor com {args.clients} clientes: {idle_percent:.2f}% de um núcleo")

        committed: dict[int, float] = {}

        def write_burst() -> None:
            for n in range(args.updates):
                with session_scope() as session:
                    event = record_event(session, type="order_updated", order_id=n, message=order_message(n))
                    event_id = event.id
                committed[event_id] = time.perf_counter()

        cpu_before = process_group_cpu_seconds(server.pid)
        writer_cpu_before = time.process_time()
        started = time.perf_counter()
        writer = threading.Thread(target=write_burst)
        writer.start()
        first_receipt, last_receipt, delivered, client_cpu, complete = await groups.results()
        writer.join()
        total = time.perf_counter() - started
        burst_cpu = process_group_cpu_seconds(server.pid) - cpu_before
        writer_cpu = time.process_time() - writer_cpu_before
        if not complete:
            print("tempo esgotado: nem todos os clientes receberam tudo")
        latencies = [(last_receipt[i] - committed[i]) * 1000 for i in committed if i in last_receipt]
        print(
            f"{args.updates} atualizações em rajada; {delivered}/{args.updates * args.clients} mensagens entregues "
            f"em {total:.2f} s (CPU: servidor {burst_cpu:.2f} s; clientes {client_cpu:.2f} s; "
            f"processo de gravação {writer_cpu:.2f} s)"
        )
        if delivered:
            print(f"CPU do servidor por mensagem enviada: {burst_cpu / delivered * 1e6:.1f} µs")
        if latencies:
            print(
                f"latência gravação→último cliente: p50 {percentile(latencies, 0.5):.0f} ms, "
                f"p99 {percentile(latencies, 0.99):.0f} ms, máx {max(latencies):.0f} ms"
            )
        firsts = [(first_receipt[i] - committed[i]) * 1000 for i in committed if i in first_receipt]
        if firsts:
            print(
                f"latência gravação→primeiro cliente: p50 {percentile(firsts, 0.5):.0f} ms, "
                f"p99 {percentile(firsts, 0.99):.0f} ms"
            )
        writes = sorted(committed.values())
        print(f"rajada gravada em {(writes[-1] - started) * 1000:.0f} ms")
        await groups.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    args = parse_args()
    root = tempfile.mkdtemp(prefix="sgp-bench-ws-")
    os.environ.update(
        API_ROOT=root,
        DATABASE_URL=args.database_url or f"sqlite:///{root}/shared/db/bench.db",
        ENVIRONMENT="test",
        SECRET_KEY="bench-secret-key-that-is-long-enough-12345",
        BCRYPT_ROUNDS="4",
        FIRST_ADMIN_PASSWORD="bench-admin-senha",
        LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(PROJECT_DIR))
    try:
        asyncio.run(run(args))
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
