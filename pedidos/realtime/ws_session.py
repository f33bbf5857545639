"""One WebSocket's life: authenticate, replay, then send, receive and relay until it closes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

import orjson
from starlette.websockets import WebSocket

from pedidos.realtime import event_log
from pedidos.realtime.dispatcher import PONG, WORKER_ID, Connection, notifier
from pedidos.realtime.ws_protocol import SEND_MANY

logger = logging.getLogger("sgp.realtime")

INVALID_TOKEN = (1008, "Token inválido ou ausente")
REPLAY_FAILED = (1011, "Falha ao reenviar eventos: reconecte")
MAX_RELAY_BYTES = 256 * 1024
CLOSE_TIMEOUT_SECONDS = 5
# Messages the server answers or ignores, never relays.
_NOT_RELAYED = {"ping", "pong", "authenticate"}


def token_from(websocket: WebSocket) -> str | None:
    token = websocket.query_params.get("token")
    if token:
        return token
    scheme, _, credentials = websocket.headers.get("authorization", "").partition(" ")
    return credentials.strip() or None if scheme.lower() == "bearer" else None


def since_from(websocket: WebSocket) -> int | None:
    raw = websocket.query_params.get("since", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 18 else None


async def serve(websocket: WebSocket) -> None:
    # Registered before its start position is read, so no event falls between the two; accepted
    # after, so a client whose handshake completed is sure to get what is written next.
    connection = notifier.connect(websocket)
    tasks: list[asyncio.Task] = []
    try:
        found = await asyncio.to_thread(event_log.authenticate, token_from(websocket))
        # Accept first, then close with 1008, as the original: browsers only see close codes of
        # accepted sockets. The worker header lets tests and operators see who serves the socket.
        await websocket.accept(headers=[(b"x-sgp-worker", WORKER_ID.encode())])
        if found is None:
            notifier.disconnect(connection)
            await websocket.close(*INVALID_TOKEN)
            return
        user, log_end = found
        connection.user_id, connection.username = user.id, user.username
        watched = [
            asyncio.create_task(_send_loop(connection)),
            asyncio.create_task(_receive_loop(connection)),
            asyncio.create_task(connection.closed.wait()),
        ]
        tasks += watched
        since = since_from(websocket)
        if since is None:
            notifier.go_live(connection, after_id=log_end)
        else:
            # Beside the receive loop, so a client that leaves mid-replay is noticed.
            tasks.append(asyncio.create_task(_replay(connection, since=since, log_end=log_end)))
        await asyncio.wait(watched, return_when=asyncio.FIRST_COMPLETED)
    finally:
        notifier.disconnect(connection)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    if connection.close_reason is not None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(websocket.close(*connection.close_reason), CLOSE_TIMEOUT_SECONDS)


async def _replay(connection: Connection, *, since: int, log_end: int) -> None:
    try:
        await notifier.replay(connection, since=since, log_end=log_end)
    except Exception:
        logger.exception("Falha ao reenviar eventos desde %s", since)
        connection.request_close(*REPLAY_FAILED)


async def _send_loop(connection: Connection) -> None:
    # Whatever is queued leaves together: a burst costs one wake-up per socket, and with SEND_MANY
    # one write (the raw ASGI send: starlette's WebSocket.send only passes the standard types).
    outbox = connection.outbox
    if connection.sends_many:
        send_raw = connection.websocket._send
        while True:
            await send_raw({"type": SEND_MANY, "messages": await outbox.take_all()})
    send = connection.websocket.send
    while True:
        for text in await outbox.take_all():
            await send({"type": "websocket.send", "text": text})


async def _receive_loop(connection: Connection) -> None:
    while True:
        message = await connection.websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        connection.last_seen = time.monotonic()
        text = message.get("text")
        if text is None and message.get("bytes") is not None:
            text = message["bytes"].decode("utf-8", errors="replace")
        if text:
            await _handle(connection, text)


async def _handle(connection: Connection, text: str) -> None:
    if text.strip() == "ping":
        connection.push(PONG)
        return
    if len(text) > MAX_RELAY_BYTES:
        return
    try:
        message: Any = orjson.loads(text)
    except orjson.JSONDecodeError:
        return
    if not isinstance(message, dict):
        return
    kind = message.get("type")
    if kind == "ping":
        connection.push(PONG)
    elif message.get("broadcast") is True and isinstance(kind, str) and kind not in _NOT_RELAYED:
        relayed = event_log.relay_message(message, user_id=connection.user_id, username=connection.username)
        try:
            await notifier.broadcast_except(relayed, connection)
        except Exception:
            # The socket stays usable; the sender's own HTTP write already carries the change.
            logger.exception("Falha ao repassar mensagem de %s", connection.username)
