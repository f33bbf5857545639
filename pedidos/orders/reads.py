"""The order reads the app makes all day, each on its cheapest exact path (docs/architecture.md).

The router asks for bytes and headers; this module decides where the work runs and what is reused:
- one order by id: its stored JSON through SQLite's driver on the event loop, else a read in a
  thread (database/reads.py);
- a list page: the page cache (pages labelled with SQLite's data version, pedidos/read_side/page_cache.py),
  short cached pages answered on the loop, others computed or joined in a worker thread;
- large lists are gzipped here from each order's stored deflate piece (the middleware's deflate
  of the app's "all orders" call cost seconds); the middleware passes responses that already
  carry Content-Encoding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from auth.models import User
from database import data_version, reads
from database.pagination import TOTAL_HEADER, Page
from errors import BadRequest
from pedidos.orders import summary as dashboard
from pedidos.orders.schemas import STATUSES
from pedidos.read_side import one_order, page_cache
from pedidos.read_side.listing import Filters, list_entries
from pedidos.read_side.serialize import Entry, gzip_array, join_array

GZIP_OWN_MIN_ORDERS = 20
# Longer cached pages are still joined (and gzipped) in a worker thread, off the event loop.
ON_LOOP_MAX_ORDERS = 200


@dataclass(frozen=True, slots=True)
class Body:
    """A JSON body ready to send, with its headers."""

    content: bytes
    headers: dict[str, str] = field(default_factory=dict)


def list_body(entries: list[Entry], total: int, *, gzip: bool) -> Body:
    headers = {TOTAL_HEADER: str(total)}
    if len(entries) >= GZIP_OWN_MIN_ORDERS and gzip:
        headers.update({"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
        return Body(gzip_array(entries), headers)
    return Body(join_array(entries), headers)


def _page(connection: Connection, filters: Filters, page: Page, gzip: bool, version: Any) -> Body:
    found = page_cache.get(version, (filters, page))
    if found is None:
        # A long page for a gzip client needs only the pieces (served from this page's cache to a
        # client without gzip later, its orders are inflated then: each time, so not for short pages).
        long_page = page.limit is None or page.limit > ON_LOOP_MAX_ORDERS
        found = list_entries(connection, filters, page, inflate=not (long_page and gzip))
        page_cache.put(version, (filters, page), found)
    return list_body(*found, gzip=gzip)


async def list_page(filters: Filters, page: Page, *, gzip: bool) -> Body:
    """GET /pedidos/: a short cached page right here, anything else in a worker thread."""
    version = data_version.current()  # before reading: the page is labelled with what it saw
    found = page_cache.get(version, (filters, page))
    if found is not None and len(found[0]) <= ON_LOOP_MAX_ORDERS:
        return list_body(*found, gzip=gzip)
    return await reads.run_read(_page, filters, page, gzip, version)


async def status_page(status: str, page: Page, *, gzip: bool) -> Body:
    if status not in STATUSES:
        raise BadRequest(f"Status inválido: use {', '.join(STATUSES)}.")
    return await list_page(Filters(status=(status,)), page, gzip=gzip)


async def order_json(pedido_id: int, user: User) -> bytes:
    """GET /pedidos/{id}: the stored JSON on SQLite's driver when it is current, else a read.

    A draft only for its author or an admin (pedidos.orders.drafts.check_visible)."""
    body = reads.read_on_driver(one_order.stored_bytes, pedido_id, user)
    return body if body is not None else await reads.read_soon(one_order.get_bytes, pedido_id, user)


async def summary() -> dict[str, Any]:
    """GET /pedidos/summary: the dashboard's figures, kept while SQLite's data version holds."""
    return await reads.run_read(dashboard.summary, data_version.current())
