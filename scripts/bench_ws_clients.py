"""The clients of scripts.bench_ws: lean RFC 6455 sockets or the websockets library, in processes.

Each client process connects its share of the clients, reports which worker each landed on, then
what they received (per event its first and last receipt, per client its count and first and last
event id). The parent adds the processes' reports up (ClientGroups).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import multiprocessing
import os
import time
from typing import NamedTuple


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


class Receipts(NamedTuple):
    """What every client received, added up over the client processes."""

    first: dict[int, float]  # event id → its first receipt by any client
    last: dict[int, float]  # event id → its receipt by the last client
    received: list[int]  # per client, how many events
    first_ids: set[int]  # the clients' first event ids (one, when all is well)
    last_ids: set[int]
    errors: int  # repeated or out-of-order events, unexpected frames
    cpu: float  # the client processes' CPU seconds while receiving


class ClientGroups:
    """The client processes (spawned: a clean interpreter each), each with its share of the clients."""

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

    async def results(self) -> Receipts:
        """Wait for every process's report (sent once its clients have every event, or on timeout)."""
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
        return Receipts(first, last, received, first_ids, last_ids, errors, cpu)

    async def close(self) -> None:
        for process in self.processes:
            await asyncio.to_thread(process.join, 30)
