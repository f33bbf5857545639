"""WebSocket fan-out benchmark: N clients across W workers, a burst of order updates, latency and idle CPU.

    python -m scripts.bench_ws --clients 500 --updates 200 --workers 2
    python -m scripts.bench_ws --server hypercorn                  # Hypercorn (plain ASGI, deflate)
    python -m scripts.bench_ws --server uvicorn                    # plain uvicorn, its defaults
    python -m scripts.bench_ws --client websockets --deflate       # library clients offering deflate
    python -m scripts.bench_ws --via db                            # events written straight to the log

What it does, in order:

1. Starts the server on a temporary SQLite database (or --database-url): by default `python -m serve`,
   the production command (uvicorn, uvloop, httptools, pedidos/realtime/ws_protocol.py, no permessage-deflate).
2. Creates `--updates` orders over HTTP, then connects the clients (before the burst, so they are
   live when it starts) and measures the server's CPU while they sit idle.
3. The burst: `--writers` concurrent HTTP clients send one `PATCH /pedidos/{id}` (a new observacao)
   per order, as the desktop app does; each produces one `order_updated` event. Latency is measured
   from each PATCH's HTTP response to the moment the LAST of the clients received that event.
   `--via db` instead writes the events straight into the log, one transaction each (the fan-out
   alone, with no HTTP work on the server), and measures from each commit.

The clients run in `--client-processes` processes on the same machine (their CPU is reported).
`--client lean` (default) is a minimal RFC 6455 client on asyncio: it does the handshake, answers
pings, and reads every frame off the socket; for each text frame it finds the message's event_id
(the last key) without decoding the UTF-8 or parsing the JSON. Each client counts its messages and
checks their event ids rise strictly; at the end every client must have received exactly the
burst's events. `--client websockets` uses the websockets library instead (it validates UTF-8 and
can offer permessage-deflate, as browsers do), at several times the client CPU per message.
Receipt times are time.perf_counter() (CLOCK_MONOTONIC on Linux), comparable across processes.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import multiprocessing
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
UPDATE_TYPE = "order_updated"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--updates", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--idle-seconds", type=float, default=10.0, help="how long to measure idle CPU")
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    parser.add_argument(
        "--server",
        choices=["serve", "uvicorn", "hypercorn"],
        default="serve",
        help="serve: `python -m serve` (production); uvicorn: plain uvicorn defaults; hypercorn",
    )
    parser.add_argument("--server-args", default="", help="extra options for the server command")
    parser.add_argument("--via", choices=["http", "db"], default="http", help="how the burst is written")
    parser.add_argument("--writers", type=int, default=4, help="concurrent HTTP clients sending the burst")
    parser.add_argument("--gap-ms", type=float, default=0, help="--via db: pause between events (a trickle)")
    parser.add_argument("--client", choices=["lean", "websockets"], default="lean")
    parser.add_argument("--deflate", action="store_true", help="websockets clients offer permessage-deflate")
    parser.add_argument("--client-processes", type=int, default=2, help="clients run in this many processes")
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


# --- clients ---------------------------------------------------------------------------------


class Tally:
    """What one client process saw: per event, its first and last receipt; per client, its count."""

    def __init__(self, count: int, updates: int):
        self.updates = updates
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.received = [0] * count
        self.first_id = [0] * count
        self.last_id = [0] * count
        self.errors = 0
        self.finished = 0
        self.done = asyncio.Event()
        self.count = count

    def message(self, index: int, event_id: int, at: float) -> None:
        if event_id <= self.last_id[index]:
            self.errors += 1  # a repeated or out-of-order event
            return
        if not self.received[index]:
            self.first_id[index] = event_id
        self.last_id[index] = event_id
        self.first.setdefault(event_id, at)
        self.last[event_id] = at  # receipts only move forward in time
        self.received[index] += 1
        if self.received[index] == self.updates:
            self.finished += 1
            if self.finished == self.count:
                self.done.set()


EVENT_ID = b'"event_id":'


class LeanClient(asyncio.Protocol):
    """The smallest honest WebSocket client: handshake, frames, pings; event_id read off each message."""

    def __init__(self, index: int, tally: Tally, request: bytes, key: bytes):
        self.index, self.tally = index, tally
        self.request = request
        self.accept = base64.b64encode(hashlib.sha1(key + b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest())
        self.buffer = bytearray()
        self.handshake: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport
        transport.write(self.request)

    def connection_lost(self, exc) -> None:
        if not self.handshake.done():
            self.handshake.set_exception(ConnectionError("closed during the handshake"))

    def data_received(self, data: bytes) -> None:
        buffer = self.buffer
        buffer += data
        if not self.handshake.done():
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(buffer[:end]).decode("latin-1").split("\r\n")
            del buffer[: end + 4]
            headers = {name.lower(): value for name, value in (line.split(": ", 1) for line in head[1:])}
            if not head[0].startswith("HTTP/1.1 101") or headers.get("sec-websocket-accept") != self.accept.decode():
                self.handshake.set_exception(ConnectionError(head[0]))
                return
            self.handshake.set_result(headers.get("x-sgp-worker", "?"))
        now = time.perf_counter()
        position, size = 0, len(buffer)
        while size - position >= 2:
            first, second = buffer[position], buffer[position + 1]
            length, start = second & 0x7F, position + 2
            if length == 126:
                length, start = int.from_bytes(buffer[start : start + 2]), start + 2
            elif length == 127:
                length, start = int.from_bytes(buffer[start : start + 8]), start + 8
            end = start + length
            if end > size:
                break
            opcode = first & 0x0F
            if opcode == 1 and first & 0x80 and not second & 0x80:  # a whole, unmasked text message
                marker = buffer.rfind(EVENT_ID, start, end)
                if marker >= 0:  # server pings ({"type":"ping"}) have none
                    self.tally.message(self.index, int(buffer[marker + len(EVENT_ID) : end - 1]), now)
            elif opcode == 9:  # ping: a masked pong with the same payload (a zero mask leaves it as is)
                self.transport.write(bytes((0x8A, 0x80 | length)) + b"\0\0\0\0" + bytes(buffer[start:end]))
            elif opcode != 8:
                self.tally.errors += 1  # fragments or binary: never sent by this server
            position = end
        del buffer[:position]


async def connect_lean(url: str, index: int, tally: Tally) -> tuple[asyncio.Transport, str]:
    host_port, _, path = url.removeprefix("ws://").partition("/")
    host, port = host_port.split(":")
    key = base64.b64encode(os.urandom(16))
    request = (
        f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key.decode()}\r\nSec-WebSocket-Version: 13\r\n\r\n"
    ).encode()
    loop = asyncio.get_running_loop()
    transport, client = await loop.create_connection(lambda: LeanClient(index, tally, request, key), host, int(port))
    return transport, await client.handshake


async def connect_websockets(url: str, index: int, tally: Tally, deflate: bool):
    from websockets.asyncio.client import connect

    ws = await connect(url, compression="deflate" if deflate else None, max_size=None, ping_interval=None)

    async def read() -> None:
        async for raw in ws:
            marker = raw.rfind('"event_id":')
            if marker >= 0:
                tally.message(index, int(raw[marker + 11 : -1]), time.perf_counter())

    ws.reader = asyncio.create_task(read())
    return ws, ws.response.headers.get("x-sgp-worker", "?")


async def client_group(url: str, count: int, args: argparse.Namespace, report) -> None:
    """Connect `count` clients, report their workers, then report what they received."""
    tally = Tally(count, args.updates)
    connections = []
    for start in range(0, count, 50):
        batch = range(start, min(count, start + 50))
        if args.client == "lean":
            connections += await asyncio.gather(*(connect_lean(url, i, tally) for i in batch))
        else:
            connections += await asyncio.gather(*(connect_websockets(url, i, tally, args.deflate) for i in batch))
    per_worker: dict[str, int] = {}
    for _connection, worker in connections:
        per_worker[worker] = per_worker.get(worker, 0) + 1
    report(("connected", per_worker))

    cpu_before = time.process_time()
    try:
        await asyncio.wait_for(tally.done.wait(), timeout=180)
    except TimeoutError:
        pass
    ids = (set(tally.first_id), set(tally.last_id))
    report(("done", tally.first, tally.last, tally.received, ids, tally.errors, time.process_time() - cpu_before))
    for connection, _worker in connections:
        if args.client == "lean":
            connection.close()
        else:
            connection.reader.cancel()
            await connection.close()


def client_process(url: str, count: int, args: argparse.Namespace, pipe) -> None:
    try:
        import uvloop

        runner = asyncio.Runner(loop_factory=uvloop.new_event_loop)
    except ImportError:
        runner = asyncio.Runner()
    with runner:
        runner.run(client_group(url, count, args, pipe.send))
    pipe.close()


class ClientGroups:
    def __init__(self, args: argparse.Namespace, url: str):
        self.args, self.url = args, url
        self.processes: list = []
        self.pipes: list = []

    def describe(self) -> str:
        kind = "lean" if self.args.client == "lean" else f"websockets{' com deflate' if self.args.deflate else ''}"
        return f"clientes {kind} em {len(self.processes)} processos"

    async def connect(self) -> dict[str, int]:
        context = multiprocessing.get_context("spawn")
        count = max(1, self.args.client_processes)
        for i in range(count):
            share = len(range(i, self.args.clients, count))
            parent, child = context.Pipe()
            process = context.Process(target=client_process, args=(self.url, share, self.args, child))
            process.start()
            self.processes.append(process)
            self.pipes.append(parent)
        per_worker: dict[str, int] = {}
        for _kind, counts in [await asyncio.to_thread(pipe.recv) for pipe in self.pipes]:
            for worker, n in counts.items():
                per_worker[worker] = per_worker.get(worker, 0) + n
        return per_worker

    async def results(self):
        first: dict[int, float] = {}
        last: dict[int, float] = {}
        received: list[int] = []
        first_ids: set[int] = set()
        last_ids: set[int] = set()
        errors, cpu = 0, 0.0
        for _kind, firsts, lasts, counts, ids, wrong, used in [
            await asyncio.to_thread(pipe.recv) for pipe in self.pipes
        ]:
            for event_id, at in firsts.items():
                first[event_id] = min(at, first.get(event_id, at))
            for event_id, at in lasts.items():
                last[event_id] = max(at, last.get(event_id, at))
            received += counts
            first_ids |= ids[0]
            last_ids |= ids[1]
            errors += wrong
            cpu += used
        return first, last, received, (first_ids, last_ids), errors, cpu

    async def close(self) -> None:
        for process in self.processes:
            await asyncio.to_thread(process.join, 30)


# --- the burst ---------------------------------------------------------------------------------


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
    from database.session import session_scope
    from pedidos.realtime.event_log import latest_event_id

    with session_scope(write=False) as session:
        return latest_event_id(session.connection()) or 0


def burst_events(after_id: int) -> list[tuple[int, int, str]]:
    from sqlalchemy import select

    from database.session import session_scope
    from pedidos.orders.models import OrderEvent

    statement = select(OrderEvent.id, OrderEvent.order_id, OrderEvent.type).where(OrderEvent.id > after_id)
    with session_scope(write=False) as session:
        return [tuple(row) for row in session.execute(statement.order_by(OrderEvent.id))]


async def run(args: argparse.Namespace) -> None:
    import httpx

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
    headers = {"Authorization": f"Bearer {token}"}

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = start_server(args, port, dict(os.environ))
    try:
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

        async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30) as http:
            order_ids = []
            for n in range(args.updates):
                response = await http.post("/pedidos/", json=order_body(n))
                if response.status_code != 200:
                    raise SystemExit(f"POST /pedidos/: {response.status_code} {response.text[:200]}")
                order_ids.append(response.json()["id"])

        groups = ClientGroups(args, f"ws://127.0.0.1:{port}/ws/orders?token={token}")
        per_worker = await groups.connect()
        print(f"{args.clients} clientes conectados; por worker: {sorted(per_worker.values())}; {groups.describe()}")

        await asyncio.sleep(2)
        cpu_before, wall_before = process_group_cpu_seconds(server.pid), time.monotonic()
        await asyncio.sleep(args.idle_seconds)
        cpu = process_group_cpu_seconds(server.pid) - cpu_before
        idle_percent = 100 * cpu / (time.monotonic() - wall_before)
        print(f"CPU ociosa do servidor com {args.clients} clientes: {idle_percent:.2f}% de um núcleo")

        log_end = await asyncio.to_thread(latest_event_id)
        cpu_before = process_group_cpu_seconds(server.pid)
        bench_cpu_before = time.process_time()
        started = time.perf_counter()
        committed: dict[int, float] = {}
        if args.via == "http":
            responded = await http_burst(base_url, headers, order_ids, args.writers)
        else:
            await asyncio.to_thread(db_burst, order_ids, committed, args.gap_ms / 1000)
        written = time.perf_counter()
        first_receipt, last_receipt, received, (first_ids, last_ids), errors, client_cpu = await groups.results()
        total = time.perf_counter() - started
        burst_cpu = process_group_cpu_seconds(server.pid) - cpu_before
        bench_cpu = time.process_time() - bench_cpu_before

        events = await asyncio.to_thread(burst_events, log_end)
        ids = [event_id for event_id, _order, _type in events]
        if args.via == "http":
            committed = {event_id: responded[order_id] for event_id, order_id, _type in events}
        exact = (
            len(events) == args.updates
            and all(kind == UPDATE_TYPE for *_rest, kind in events)
            and ids == list(range(ids[0], ids[0] + len(ids)))
            and all(count == args.updates for count in received)
            and first_ids == {ids[0]}
            and last_ids == {ids[-1]}
            and not errors
        )
        delivered = sum(received)
        how = f"HTTP PATCH, {args.writers} por vez" if args.via == "http" else "gravadas direto no log"
        verdict = "cada cliente recebeu exatamente os eventos da rajada" if exact else "ERRO: faltas ou desordem"
        print(
            f"{args.updates} atualizações em rajada ({how}), escritas em {(written - started) * 1000:.0f} ms; "
            f"{delivered}/{args.updates * args.clients} mensagens entregues em {total:.2f} s; {verdict}"
        )
        print(
            f"CPU na rajada: servidor {burst_cpu:.2f} s ({burst_cpu / max(1, delivered) * 1e6:.1f} µs por mensagem"
            f"{', com o HTTP' if args.via == 'http' else ''}); clientes {client_cpu:.2f} s "
            f"({client_cpu / max(1, delivered) * 1e6:.1f} µs por mensagem); processo do benchmark {bench_cpu:.2f} s"
        )
        origin = "resposta HTTP" if args.via == "http" else "gravação"
        for label, receipts in (("último", last_receipt), ("primeiro", first_receipt)):
            latencies = [(receipts[i] - at) * 1000 for i, at in committed.items() if i in receipts]
            if latencies:
                print(
                    f"latência {origin}→{label} cliente: p50 {percentile(latencies, 0.5):.0f} ms, "
                    f"p99 {percentile(latencies, 0.99):.0f} ms, máx {max(latencies):.0f} ms"
                )
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
