"""POST /pedidos/batch-status: one status for many orders, all or nothing, each as its own PATCH.

The answer is what the same PATCH ({"status": ...}) on each order, one after the other, would
give (pedidos.orders.service.update): the same stage rules (pedidos/orders/status.py), versions, history rows,
events, notifications and stock; 404 naming every missing id, 409 naming the first refused order,
and then nothing is changed. It is made in bulk, in the write's one transaction: one claim of
every version (which also reads the orders), one read of their items, one executemany of the new
states with their snapshots, one of the history rows and one insert of the events, where 100
PATCHes made ~10 statements each.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Annotated, Any

from pydantic import Field, StrictInt, field_validator
from sqlalchemy import bindparam, update
from sqlmodel import Session

from auth.models import User
from database.base import utcnow
from database.prepared import Prepared
from errors import Conflict, NotFound
from materiais import estoque
from pedidos.orders import history, service, status
from pedidos.orders.models import Pedido
from pedidos.orders.schemas import MAX_ID, NoNulModel, Status
from pedidos.read_side.serialize import make_entry, order_public
from pedidos.read_side.snapshots import items_by_order
from pedidos.realtime.events import record_events

MAX_BATCH = 500
_table = Pedido.__table__


class BatchStatusIn(NoNulModel):
    """The app's body: integers only (no "5", no 5.0, no true), each once, at most MAX_BATCH."""

    id_pedidos: list[Annotated[StrictInt, Field(ge=1, le=MAX_ID)]] = Field(min_length=1, max_length=MAX_BATCH)
    status: Status

    @field_validator("id_pedidos")
    @classmethod
    def _no_duplicates(cls, ids: list[int]) -> list[int]:
        # Refused rather than merged: a repeated id is a client bug worth seeing, not a second change.
        repeated = sorted({pedido_id for pedido_id in ids if ids.count(pedido_id) > 1})
        if repeated:
            raise ValueError(f"ids repetidos: {', '.join(map(str, repeated))}")
        return ids


def _claim(ids: list[int]) -> Any:
    # Drafts are not claimed: they count as missing (they are not orders yet).
    return (
        update(_table)
        .where(_table.c.id.in_(ids), _table.c.rascunho.is_(False))
        .values(version=_table.c.version + 1)
        .returning(*_table.c)
    )


_SNAPSHOT = {
    "ultima_atualizacao": bindparam("ultima_atualizacao"),
    "pronto": bindparam("pronto"),
    "snapshot": bindparam("snapshot"),
    "snapshot_version": bindparam("snapshot_version"),
    "snapshot_crc": bindparam("snapshot_crc"),
    "snapshot_size": bindparam("snapshot_size"),
}
# Two statements, so an order whose status stays is not written a status (the report rows' triggers
# rebuild an order's rows on any write of its status, as a PATCH that leaves it would not).
_MOVED = Prepared(
    update(_table).where(_table.c.id == bindparam("pedido_id")).values(status=bindparam("status"), **_SNAPSHOT)
)
_STAYED = Prepared(update(_table).where(_table.c.id == bindparam("pedido_id")).values(**_SNAPSHOT))


def _changes(pedido_id: int, row: Any, wanted: str, *, is_admin: bool) -> dict[str, tuple[Any, Any]]:
    """The PATCH's diff (field → (old, new)) for one order; 409 as the PATCH gives it, naming the order."""
    current = {key: getattr(row, key) for key in service.RULE_STATE}
    try:
        changes = {"status": wanted, **status.apply_rules(current, {"status": wanted}, is_admin=is_admin)}
    except Conflict as error:
        # The request's transaction rolls back: nothing of the batch is written.
        raise Conflict(f"Pedido {pedido_id}: {error.detail} Nenhum pedido foi alterado.") from None
    # A status alone moves only status and pronto (apply_rules clears flags only when one is unticked).
    return {key: (current[key], value) for key, value in changes.items() if current[key] != value}


def _events(order: dict[str, Any], diff: dict[str, Any], user: User) -> list[dict[str, Any]]:
    """The events a PATCH sends for this change (service.update), for events.record_events."""
    kinds = ["order_updated"] + (["order_status_updated"] if service.STATUS_FIELDS.intersection(diff) else [])
    messages = [history.order_message(type=kind, order=order, user=user) for kind in kinds]
    return [
        {"type": m["type"], "order_id": order["id"], "message": m, "user_id": m["user_id"], "username": m["username"]}
        for m in messages
    ]


def update_status(session: Session, data: BatchStatusIn, *, user: User) -> dict[str, Any]:
    """Every order as service.update would change it for {"status": data.status}; any refusal undoes them all."""
    rows = {row.id: row for row in session.execute(_claim(data.id_pedidos))}
    missing = [pedido_id for pedido_id in data.id_pedidos if pedido_id not in rows]
    if missing:
        raise NotFound(f"Pedidos não encontrados: {', '.join(map(str, missing))}. Nenhum pedido foi alterado.")
    diffs = {
        pedido_id: _changes(pedido_id, rows[pedido_id], data.status, is_admin=user.is_admin)
        for pedido_id in data.id_pedidos
    }
    items = items_by_order(session, data.id_pedidos)
    now = utcnow()
    moved, stayed, history_rows, events, ready = [], [], [], [], []
    consumed_before, consumed_after = [], []
    for pedido_id in data.id_pedidos:
        row, diff = rows[pedido_id], diffs[pedido_id]
        after = SimpleNamespace(**row._mapping)
        for key, (_old, new) in diff.items():
            setattr(after, key, new)
        after.ultima_atualizacao = now
        order = order_public(after, items[pedido_id])
        entry = make_entry(order)
        values = {
            "pedido_id": pedido_id,
            "status": after.status,
            "pronto": after.pronto,
            "ultima_atualizacao": now,
            "snapshot": entry[1],
            "snapshot_version": after.version,
            "snapshot_crc": entry[2],
            "snapshot_size": entry[3],
        }
        (moved if "status" in diff else stayed).append(values)
        if (row.status == "cancelado") != (after.status == "cancelado"):
            # What it consumes changes only as it enters or leaves cancelado (estoque.order_consumption).
            (consumed_after if row.status == "cancelado" else consumed_before).extend(order["items"])
        history_rows += history.rows(pedido_id=pedido_id, acao="update", user=user, changes=diff)
        events += _events(order, diff, user)
        if "status" in diff and after.status == "pronto":
            ready.append((len(events), after))
    _MOVED.run(session, moved)
    _STAYED.run(session, [{k: v for k, v in values.items() if k != "status"} for values in stayed])
    if consumed_before or consumed_after:
        estoque.apply_order_stock(session, before={"items": consumed_before}, after={"items": consumed_after})
    history.write_rows(session, history_rows)
    # Last: on PostgreSQL the event lock is held from here until commit. A ready order's notification
    # (an event too) follows its order's events, as with one PATCH after the other.
    done = 0
    for end, pedido in ready:
        record_events(session, events[done:end])
        service.notify_ready(session, pedido)
        done = end
    record_events(session, events[done:])
    return {"count": len(data.id_pedidos), "status": data.status}
