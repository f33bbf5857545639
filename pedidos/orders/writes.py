"""The order writes the app makes all day, on the write path of database/writer.py.

On SQLite they run on the process's writer thread, several per transaction when they queue (group
commit); on PostgreSQL each in its own transaction in a worker thread. Each returns the JSON bytes
its response sends, encoded off the event loop.
"""

from __future__ import annotations

from typing import Any

import orjson
from sqlmodel import Session

from auth.models import User
from database.writer import run_write
from pedidos.orders import batch, draft_service, service
from pedidos.orders.drafts import DraftCreate, PedidoPatch
from pedidos.orders.schemas import PedidoCreate


def _create(session: Session, body: PedidoCreate, *, user: User) -> bytes:
    return orjson.dumps(service.create(session, body, user=user))


def _update(session: Session, pedido_id: int, body: PedidoPatch, if_match: str | None, *, user: User) -> bytes:
    return orjson.dumps(service.update(session, pedido_id, body, user=user, if_match=if_match))


def _update_item(session: Session, item_id: int, payload: dict[str, Any], *, user: User) -> bytes:
    return orjson.dumps(service.update_item(session, item_id, payload, user=user))


async def create(body: PedidoCreate, *, user: User) -> bytes:
    return await run_write(_create, body, user=user)


async def update(pedido_id: int, body: PedidoPatch, *, if_match: str | None, user: User) -> bytes:
    return await run_write(_update, pedido_id, body, if_match, user=user)


async def update_item(item_id: int, payload: dict[str, Any], *, user: User) -> bytes:
    return await run_write(_update_item, item_id, payload, user=user)


async def save_json(pedido_id: int, body: Any, *, user: User) -> dict[str, Any]:
    return await run_write(service.save_json, pedido_id, body, user=user)


async def batch_status(body: batch.BatchStatusIn, *, user: User) -> dict[str, Any]:
    return await run_write(batch.update_status, body, user=user)


def _create_draft(session: Session, body: DraftCreate, *, user: User) -> bytes:
    return orjson.dumps(draft_service.create(session, body, user=user))


def _promote(session: Session, pedido_id: int, *, user: User) -> bytes:
    return orjson.dumps(draft_service.promote(session, pedido_id, user=user))


async def create_draft(body: DraftCreate, *, user: User) -> bytes:
    return await run_write(_create_draft, body, user=user)


async def promote(pedido_id: int, *, user: User) -> bytes:
    return await run_write(_promote, pedido_id, user=user)
