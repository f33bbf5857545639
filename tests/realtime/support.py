"""Helpers for realtime tests: real websocket clients and events written like pedidos writes them."""

from __future__ import annotations

import asyncio
import socket
import time
from contextlib import ExitStack

import orjson
from websockets.asyncio.client import connect

from database.session import session_scope
from pedidos.realtime.events import record_event
from tests.conftest import bearer
from tests.live import LiveServer


class Cluster:
    """Where clients connect: two workers of one server (SQLite) or two servers (PostgreSQL)."""

    def __init__(self, servers: list[LiveServer]):
        self.servers = servers

    @property
    def urls(self) -> list[str]:
        return [server.ws_url for server in self.servers]

    @property
    def url(self) -> str:
        return self.servers[0].ws_url

    @property
    def http_url(self) -> str:
        return self.servers[0].url


def start_cluster(stack: ExitStack, *, servers: int, workers: int, env: dict[str, str]) -> Cluster:
    started = []
    for _ in range(servers):
        server = LiveServer(workers=workers, env=env).start()
        stack.callback(server.stop)
        started.append(server)
    return Cluster(started)


def token_of(user) -> str:
    return bearer(user)["Authorization"].removeprefix("Bearer ")


def ws_url(base: str, token: str | None = None, since: int | None = None) -> str:
    params = []
    if token is not None:
        params.append(f"token={token}")
    if since is not None:
        params.append(f"since={since}")
    return f"{base}/ws/orders" + ("?" + "&".join(params) if params else "")


async def open_socket(base: str, user=None, *, since: int | None = None, **kwargs):
    return await connect(ws_url(base, token_of(user) if user else None, since), compression=None, **kwargs)


def worker_of(ws) -> str:
    return ws.response.headers["x-sgp-worker"]


async def sockets_on_two_workers(cluster: Cluster, user, *, timeout: float = 20.0):
    """Two sockets of `user` served by different worker processes (or servers)."""
    first = await open_socket(cluster.urls[0], user)
    deadline = time.monotonic() + timeout
    extra = []
    try:
        while time.monotonic() < deadline:
            ws = await open_socket(cluster.urls[-1], user)
            if worker_of(ws) != worker_of(first):
                return first, ws
            extra.append(ws)
        raise AssertionError("no socket landed on a second worker")
    finally:
        for ws in extra:
            await ws.close()


async def next_message(ws, *, timeout: float = 5.0, skip_pings: bool = True) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError("no message before the deadline")
        message = orjson.loads(await asyncio.wait_for(ws.recv(), remaining))
        if not (skip_pings and message.get("type") == "ping"):
            return message


async def messages(ws, count: int, *, timeout: float = 10.0) -> list[dict]:
    deadline = time.monotonic() + timeout
    return [await next_message(ws, timeout=max(0.01, deadline - time.monotonic())) for _ in range(count)]


async def assert_silent(ws, *, wait: float = 0.5) -> None:
    """Nothing but pings arrives within `wait` (used after a later message proved delivery is live)."""
    try:
        message = await next_message(ws, timeout=wait)
    except (AssertionError, TimeoutError):
        return
    raise AssertionError(f"unexpected message {message}")


def write_event(message: dict, *, target_user_id: int | None = None, order_id: int | None = None) -> int:
    """An order change as pedidos will record it: its own committed transaction."""
    with session_scope() as session:
        return record_event(
            session,
            type=message["type"],
            order_id=order_id if order_id is not None else message.get("order_id"),
            message=message,
            target_user_id=target_user_id,
        )


def small_receive_buffer_socket(url: str) -> socket.socket:
    """A client socket that holds almost nothing in the kernel: a stalled reader fills up fast."""
    host, port = url.removeprefix("ws://").split(":")
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect((host, int(port)))
    return sock
