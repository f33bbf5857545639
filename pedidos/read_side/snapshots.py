"""Each order's JSON kept in its own row, so reads never rebuild it from the items.

`pedidos.snapshot` holds the order's JSON as a deflated piece (the one the gzip list responses
are made of, see serialize) and `snapshot_version` the `version` it was made for. Every change
stores it in the change's transaction; a row whose snapshot_version differs from its version
(written before this column existed) is built from its items instead, until `fill_missing` (run
by `init_db` at every start, and by the seed script) has caught up.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine, bindparam, func, or_, select, update
from sqlalchemy.dialects import sqlite
from tqdm import tqdm

from database.prepared import Prepared
from pedidos.orders.models import Pedido, PedidoItem
from pedidos.read_side.serialize import Entry, cache_key, cached, inflate_piece, make_entry, order_public, remember

FILL_BATCH = 2000

_table = Pedido.__table__
# What a read needs to serve an order without its other columns (whose dates cost parsing).
STORED_COLUMNS = (
    _table.c.id,
    _table.c.version,
    _table.c.data_criacao,
    _table.c.snapshot,
    _table.c.snapshot_version,
    _table.c.snapshot_crc,
    _table.c.snapshot_size,
)
_STORE = Prepared(
    update(_table)
    .where(_table.c.id == bindparam("pedido_id"))
    .values(
        snapshot=bindparam("snapshot"),
        snapshot_version=bindparam("snapshot_version"),
        snapshot_crc=bindparam("snapshot_crc"),
        snapshot_size=bindparam("snapshot_size"),
    )
)


class StoredRow(NamedTuple):
    """STORED_COLUMNS as the driver gives them, for read_driver (attributes as on SQLAlchemy's rows)."""

    id: int
    version: int
    data_criacao: datetime | None
    snapshot: bytes | None
    snapshot_version: int | None
    snapshot_crc: int | None
    snapshot_size: int | None
    rascunho: bool = False
    criado_por: int | None = None


# One order's STORED_COLUMNS and who may read it (a draft: drafts.check_visible), for one_order.get_bytes;
# and the same SELECT in SQLite's own text for read_driver.
STORED_BY_ID = select(*STORED_COLUMNS, _table.c.rascunho, _table.c.criado_por).where(
    _table.c.id == bindparam("pedido_id")
)
_STORED_BY_ID_SQLITE = str(STORED_BY_ID.compile(dialect=sqlite.dialect()))


def read_driver(driver: sqlite3.Connection, pedido_id: int) -> tuple[StoredRow | None, Entry | None]:
    """(row, entry) of one order straight from SQLite's driver (row None: no such order); entry is None
    when its snapshot is not current (the caller then builds it from the items).

    SQLAlchemy's connection, transaction and result machinery cost ~5x the indexed SELECT itself.
    """
    found = driver.execute(_STORED_BY_ID_SQLITE, (pedido_id,)).fetchone()
    if found is None:
        return None, None
    row = StoredRow(*found)
    # As SQLAlchemy parses it: the cache key must be the same whichever path read the row.
    row = row._replace(data_criacao=datetime.fromisoformat(row.data_criacao)) if row.data_criacao else row
    return row, known_entry(row)


def stored_entry(row: Any, *, inflate: bool = True) -> Entry | None:
    """The entry kept in `row` (which must carry STORED_COLUMNS), if it is current; without its json
    unless `inflate` (a gzip list needs only the piece, its CRC and length)."""
    if row.snapshot is None or row.snapshot_version != row.version or row.snapshot_crc is None:
        return None
    piece = bytes(row.snapshot)  # PostgreSQL hands back a memoryview
    return inflate_piece(piece) if inflate else None, piece, row.snapshot_crc, row.snapshot_size


def known_entry(row: Any, *, inflate: bool = True) -> Entry | None:
    """The order's entry without reading its items: from this worker's cache or the row's snapshot
    (cached only when inflated: every cached entry has its json)."""
    entry = cached(row)
    if entry is None:
        entry = stored_entry(row, inflate=inflate)
        if entry is not None and inflate:
            remember(cache_key(row), entry)
    return entry


def _parameters(pedido_id: int, version: int, entry: Entry) -> dict[str, Any]:
    return {
        "pedido_id": pedido_id,
        "snapshot": entry[1],
        "snapshot_version": version,
        "snapshot_crc": entry[2],
        "snapshot_size": entry[3],
    }


def store(connection: Any, order: dict[str, Any]) -> Entry:
    """Keep `order` (as just written, in this transaction) in its row; returns its entry."""
    entry = make_entry(order)
    _STORE.run(connection, _parameters(order["id"], order["version"], entry))
    return entry


ITEM_CHUNK = 5000


def chunks(ids: list[int]) -> list[list[int]]:
    """`ids` in slices short enough for an IN list on both databases."""
    return [ids[start : start + ITEM_CHUNK] for start in range(0, len(ids), ITEM_CHUNK)]


def items_by_order(session: Any, ids: list[int]) -> dict[int, list[Any]]:
    """The items of orders `ids`, by order, in item order (Session or Connection)."""
    table = PedidoItem.__table__
    grouped: dict[int, list[Any]] = {pedido_id: [] for pedido_id in ids}
    for chunk in chunks(ids):
        query = select(*table.c).where(table.c.pedido_id.in_(chunk)).order_by(table.c.pedido_id, table.c.item_index)
        for row in session.execute(query):
            grouped[row.pedido_id].append(row)
    return grouped


def _stale_rows():
    current = _table.c.snapshot_version == _table.c.version
    return select(*_table.c).where(or_(_table.c.snapshot_version.is_(None), ~current, _table.c.snapshot_crc.is_(None)))


def store_rows(connection: Connection, rows: list[Any]) -> None:
    """Store the snapshot of each order row, built from its items read in this transaction."""
    items = items_by_order(connection, [row.id for row in rows])
    parameters = [
        _parameters(row.id, row.version, make_entry(order_public(row, items.get(row.id, [])))) for row in rows
    ]
    if parameters:
        _STORE.run(connection, parameters)


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
