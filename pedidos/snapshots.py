"""Each order's JSON kept in its own row, so reads never rebuild it from the items.

`pedidos.snapshot` holds the order's JSON as a deflated piece (the one the gzip list responses
are made of, see serialize) and `snapshot_version` the `version` it was made for. Every change
stores it in the change's transaction; a row whose snapshot_version differs from its version
(written before this column existed) is built from its items instead, until `fill_missing` (run
by `database.init_db` at every start, and by the seed script) has caught up.
"""

from __future__ import annotations

import zlib
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, func, or_, select, update
from tqdm import tqdm

from pedidos.models import Pedido
from pedidos.serialize import Entry, cache_key, cached, make_entry, order_public, remember

FILL_BATCH = 2000

_table = Pedido.__table__
# What a read needs to serve an order without its other columns (whose dates cost parsing).
STORED_COLUMNS = (_table.c.id, _table.c.version, _table.c.data_criacao, _table.c.snapshot, _table.c.snapshot_version)
_STORE = (
    update(_table)
    .where(_table.c.id == bindparam("pedido_id"))
    .values(snapshot=bindparam("snapshot"), snapshot_version=bindparam("snapshot_version"))
)


def stored_entry(row: Any) -> Entry | None:
    """The entry kept in `row` (which must carry snapshot and snapshot_version), if it is current."""
    if row.snapshot is None or row.snapshot_version != row.version:
        return None
    piece = bytes(row.snapshot)  # PostgreSQL hands back a memoryview
    return zlib.decompressobj(-zlib.MAX_WBITS).decompress(piece), piece


def known_entry(row: Any) -> Entry | None:
    """The order's entry without reading its items: from this worker's cache or the row's snapshot."""
    entry = cached(row)
    if entry is None:
        entry = stored_entry(row)
        if entry is not None:
            remember(cache_key(row), entry)
    return entry


def store(connection: Any, order: dict[str, Any]) -> Entry:
    """Keep `order` (as just written, in this transaction) in its row; returns its entry."""
    entry = make_entry(order)
    connection.execute(_STORE, {"pedido_id": order["id"], "snapshot": entry[1], "snapshot_version": order["version"]})
    return entry


def _stale_rows():
    current = _table.c.snapshot_version == _table.c.version
    return select(*_table.c).where(or_(_table.c.snapshot_version.is_(None), ~current))


def store_rows(connection: Connection, rows: list[Any]) -> None:
    """Store the snapshot of each order row, built from its items read in this transaction."""
    from pedidos.listing import items_by_order

    items = items_by_order(connection, [row.id for row in rows])
    parameters = [
        {
            "pedido_id": row.id,
            "snapshot": make_entry(order_public(row, items.get(row.id, [])))[1],
            "snapshot_version": row.version,
        }
        for row in rows
    ]
    if parameters:
        connection.execute(_STORE, parameters)


def store_ids(connection: Connection, ids: list[int]) -> None:
    """store_rows for the orders `ids` (the seed script's bulk path)."""
    store_rows(connection, connection.execute(select(*_table.c).where(_table.c.id.in_(ids))).all())


def fill_missing(engine: Engine, *, progress: bool = False) -> int:
    """Store the snapshot of every order that has none for its current version; returns how many."""
    with engine.connect() as connection:
        stale = connection.execute(select(func.count()).select_from(_stale_rows().subquery())).scalar_one()
    if not stale:
        return 0
    done = 0
    with tqdm(total=stale, unit="pedidos", disable=not progress, desc="snapshots") as bar:
        while True:
            # One short write transaction per batch: the server's writers are never held up long.
            with engine.begin() as connection:
                rows = connection.execute(_stale_rows().order_by(_table.c.id).limit(FILL_BATCH)).all()
                if not rows:
                    return done
                store_rows(connection, rows)
            done += len(rows)
            bar.update(len(rows))
