"""OrdersNotifier: the original's vocabulary over the event log.

Writers put messages in `order_events` (same transaction as the change). One dispatcher task
per worker process tails the log (SQLite: a short poll; PostgreSQL: LISTEN/NOTIFY wakes it, with a
fallback poll) and pushes each event to this worker's sockets through bounded per-socket queues,
so a slow client is dropped (it can come back with `?since=`) instead of stalling the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from starlette.websockets import WebSocket

from config import settings
from database import engine as engines
from pedidos.realtime import event_log
from pedidos.realtime.event_log import LoggedEvent
from pedidos.realtime.wakers import PgWaker, SqliteWaker
from pedidos.realtime.ws_outbox import Outbox
from pedidos.realtime.ws_protocol import SEND_MANY

logger = logging.getLogger("sgp.realtime")

WORKER_ID = uuid.uuid4().hex[:12]
BATCH_SIZE = 500
REPLAY_PAGE = 500
PING = '{"type":"ping"}'
PONG = '{"type":"pong"}'

CLOSE_SLOW = (1013, "Cliente lento: reconecte com since")
CLOSE_IDLE = (1001, "Conexão inativa")
CLOSE_RESTART = (1012, "Servidor reiniciando")


class Batch:
    """Events read from the log together, each rendered and UTF-8 encoded once for the whole worker."""

    __slots__ = ("encoded", "events", "for_everyone", "texts")

    def __init__(self, events: list[LoggedEvent]):
        self.events = events
        self.texts = [event.render() for event in events]
        self.encoded = [text.encode() for text in self.texts]
        # Nothing targeted or relayed: every live socket takes all of it (the common case).
        self.for_everyone = all(event.target_user_id is None and event.origin is None for event in events)


class Connection:
    """One socket of this worker: who it is, what it has received, what waits to be sent."""

    def __init__(self, websocket: WebSocket, *, number: int):
        self.websocket = websocket
        self.user_id = 0  # known once the token is checked; until then events only wait in `pending`
        self.username = ""
        self.origin = f"{WORKER_ID}:{number}"
        self.number = number
        # The server takes several UTF-8 messages per send (pedidos/realtime/ws_protocol.py), or one text each.
        self.sends_many = SEND_MANY in (websocket.scope.get("extensions") or {})
        self.outbox = Outbox(settings.WS_SEND_QUEUE_SIZE)
        self.cursor = 0  # highest event id queued for this socket: never send one twice
        self.pending: list[LoggedEvent] | None = []  # live events that arrive during set-up and replay
        self.last_seen = time.monotonic()
        self.close_reason: tuple[int, str] | None = None
        self.closed = asyncio.Event()

    def _item(self, text: str) -> str | bytes:
        return text.encode() if self.sends_many else text

    def push(self, text: str) -> bool:
        return self._offer([self._item(text)])

    async def put(self, text: str) -> None:
        await self.outbox.put(self._item(text))

    def _offer(self, items: list[str | bytes]) -> bool:
        if self.close_reason is not None:
            return False
        if not self.outbox.offer(items):
            self.request_close(*CLOSE_SLOW)
            return False
        return True

    def push_events(self, events: list[LoggedEvent]) -> None:
        """Queue the events this socket wants and has not had yet, rendered for it alone."""
        wanted = [event for event in events if event.id > self.cursor and self.wants(event)]
        if wanted:
            self.cursor = wanted[-1].id
            self._offer([self._item(event.render()) for event in wanted])

    def push_batch(self, batch: Batch) -> None:
        """Queue a dispatcher batch, sharing its rendered messages with every other socket."""
        shared = batch.encoded if self.sends_many else batch.texts
        if batch.for_everyone and batch.events[0].id > self.cursor:
            self.cursor = batch.events[-1].id
            self._offer(shared)
            return
        chosen = [i for i, event in enumerate(batch.events) if event.id > self.cursor and self.wants(event)]
        if chosen:
            self.cursor = batch.events[chosen[-1]].id
            self._offer([shared[i] for i in chosen])

    def request_close(self, code: int, reason: str) -> None:
        if self.close_reason is None:
            self.close_reason = (code, reason)
            self.closed.set()

    def wants(self, event: LoggedEvent) -> bool:
        if event.target_user_id is not None and event.target_user_id != self.user_id:
            return False
        return event.origin is None or event.origin != self.origin


class OrdersNotifier:
    def __init__(self) -> None:
        self.connections: dict[int, Connection] = {}
        self._numbers = itertools.count(1)
        self._last_id = 0
        self._task: asyncio.Task | None = None
        self._db_thread: ThreadPoolExecutor | None = None
        self._db_connection = None
        self._waker: PgWaker | SqliteWaker | None = None
        self._next_ping = self._next_prune = 0.0

    # --- sockets ---------------------------------------------------------------------------

    def connect(self, websocket: WebSocket) -> Connection:
        """Register a socket before reading its start position; events wait until `go_live` or `replay`."""
        connection = Connection(websocket, number=next(self._numbers))
        self.connections[connection.number] = connection
        return connection

    def disconnect(self, connection: Connection) -> None:
        self.connections.pop(connection.number, None)

    def go_live(self, connection: Connection, *, after_id: int | None = None) -> None:
        """Deliver what arrived while the socket was being set up, then everything as it comes."""
        pending, connection.pending = connection.pending or [], None
        if after_id is not None:
            connection.cursor = after_id
        connection.push_events(pending)

    async def replay(self, connection: Connection, *, since: int, log_end: int) -> None:
        """Send the events after `since` this user may see, in order, then go live with no gap."""
        after = since
        replayed = False
        while connection.close_reason is None:
            events = await asyncio.to_thread(
                event_log.events_for_user, user_id=connection.user_id, after_id=after, limit=REPLAY_PAGE
            )
            for event in events:
                connection.cursor = after = event.id
                replayed = True
                await connection.put(event.render())  # back-pressure, not overflow
            if len(events) < REPLAY_PAGE:
                break
        # A `since` ahead of the log (reset or restored database) must not hide newer ids.
        self.go_live(connection, after_id=after if replayed else min(since, log_end))

    # --- publishing (through the log, so every worker and server delivers it) --------------

    async def broadcast(self, message: dict[str, Any], *, target_user_id: int | None = None) -> int:
        """Send to every socket (or every socket of `target_user_id`) on every worker."""
        return await asyncio.to_thread(partial(event_log.publish, message, target_user_id=target_user_id))

    async def broadcast_except(self, message: dict[str, Any], connection: Connection) -> int:
        """Send to every socket on every worker except `connection` (relayed client broadcasts)."""
        return await asyncio.to_thread(
            partial(
                event_log.publish,
                message,
                origin=connection.origin,
                user_id=connection.user_id,
                username=connection.username,
            )
        )

    def deliver(self, events: list[LoggedEvent]) -> None:
        """Fan events read from the log out to this worker's sockets (rendered and encoded once)."""
        batch = Batch(events)
        for connection in list(self.connections.values()):
            if connection.pending is not None:
                connection.pending.extend(events)
            else:
                connection.push_batch(batch)

    # --- the dispatcher --------------------------------------------------------------------

    async def start(self) -> None:
        self._db_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sgp-events")
        self._last_id = await self._db(event_log.latest_event_id) or 0
        self._waker = SqliteWaker() if settings.is_sqlite else PgWaker()
        await self._waker.start()
        self._task = asyncio.create_task(self._run(), name="sgp-event-dispatcher")
        logger.info("Dispatcher de eventos iniciado (worker %s, último evento %s)", WORKER_ID, self._last_id)

    async def stop(self) -> None:
        for connection in list(self.connections.values()):
            connection.request_close(*CLOSE_RESTART)
        if self._waker:
            await self._waker.stop()
            self._waker = None
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._db_thread:
            # Closed on its own thread: SQLite connections belong to the thread that made them.
            await asyncio.get_running_loop().run_in_executor(self._db_thread, self._close_db_connection)
            self._db_thread.shutdown(wait=False)
            self._db_thread = None

    async def _db(self, query, **kwargs):
        """Run a log query on the dispatcher's own thread and connection (one read per call)."""
        return await asyncio.get_running_loop().run_in_executor(self._db_thread, partial(self._query, query, **kwargs))

    def _query(self, query, **kwargs):
        if self._db_connection is None:
            self._db_connection = engines.engine.connect()
        try:
            result = query(self._db_connection, **kwargs)
            self._db_connection.rollback()  # end the read transaction: never pin an old snapshot
            return result
        except Exception:
            self._close_db_connection()
            raise

    def _close_db_connection(self) -> None:
        if self._db_connection is not None:
            with contextlib.suppress(Exception):
                self._db_connection.close()
            self._db_connection = None

    async def _run(self) -> None:
        while True:
            try:
                await self._drain()
                await self._housekeeping()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("Falha ao ler o log de eventos; nova tentativa em 1 s")
                await asyncio.sleep(1)
            await self._waker.wait(min(settings.EVENT_FALLBACK_POLL_SECONDS, self._until_housekeeping()))

    async def _drain(self) -> None:
        while True:
            events, latest = await self._db(_fetch, after_id=self._last_id, limit=BATCH_SIZE)
            if latest < self._last_id:
                # The log only moves back when the database is reset or restored under a running
                # server (tests wipe tables): resume from its start instead of waiting for old ids.
                logger.warning("Log de eventos recomeçou (%s < %s): retomando do início", latest, self._last_id)
                self._last_id = 0
                for connection in self.connections.values():
                    if connection.cursor > latest:  # a position in the old log, not the new one
                        connection.cursor = 0
                continue
            if events:
                self.deliver(events)
                self._last_id = events[-1].id
            if len(events) < BATCH_SIZE:
                return
            await asyncio.sleep(0)  # let the senders run between big batches

    def _until_housekeeping(self) -> float:
        return max(0.01, min(self._next_ping, self._next_prune) - time.monotonic())

    async def _housekeeping(self) -> None:
        now = time.monotonic()
        if now >= self._next_ping:
            self._next_ping = now + settings.WS_PING_INTERVAL_SECONDS
            idle_limit = now - settings.WS_IDLE_TIMEOUT_SECONDS
            for connection in list(self.connections.values()):
                if connection.last_seen < idle_limit:
                    connection.request_close(*CLOSE_IDLE)
                elif connection.pending is None:
                    connection.push(PING)
        if now >= self._next_prune:
            self._next_prune = now + settings.EVENT_PRUNE_INTERVAL_SECONDS
            removed = await asyncio.to_thread(event_log.prune_events)
            if removed:
                logger.info("%s eventos antigos removidos", removed)


def _fetch(connection, *, after_id: int, limit: int) -> tuple[list[LoggedEvent], int]:
    """The next events, or when there are none the log's newest id (to notice a reset log)."""
    events = event_log.events_after(connection, after_id=after_id, limit=limit)
    return events, (events[-1].id if events else event_log.latest_event_id(connection) or 0)


notifier = OrdersNotifier()
