"""Writing an order's items: replacing the array (keeping ids and images) and patching one item."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select, update
from sqlmodel import Session

from database.prepared import Prepared
from errors import NotFound
from maquinas.service import upsert_print_log
from media import decode_base64_image
from pedidos.media import images
from pedidos.orders.items import item_columns, item_public
from pedidos.orders.models import Pedido, PedidoItem
from pedidos.orders.schemas import MAX_ID, ItemIn

_ABSENT = object()


def load_items(session: Session, pedido_id: int) -> list[PedidoItem]:
    return list(
        session.execute(
            select(PedidoItem).where(PedidoItem.pedido_id == pedido_id).order_by(PedidoItem.item_index)
        ).scalars()
    )


def _resolve_image(
    session: Session, pedido_id: int, index: int, item_id: int | None, raw: Any, raw_path: Any, old: Any
) -> tuple[str | None, str | None]:
    """(imagem, imagem_path) of item `index` from what the app sent in `imagem` (SPEC §5)."""
    field = f"items[{index}].imagem"
    if raw is _ABSENT or raw is None:
        return (old.imagem, old.imagem_path) if old else (None, raw_path)
    if raw == "":
        return None, None
    if old is not None and raw == old.imagem:
        return old.imagem, old.imagem_path
    match = images.IMAGE_URL.match(raw)
    if match:
        existing = session.get(images.PedidoImagem, int(match.group(1)))
        if existing is not None and existing.pedido_id == pedido_id:
            return raw, existing.path
    declared = None
    if raw.startswith("data:"):
        data, declared = decode_base64_image(raw, field=field)
    else:
        data = images.read_reference(session, raw, field=field)
    if data is None:  # any other string is kept as sent (the original's behaviour)
        return raw, raw_path
    stored = images.store(
        session,
        pedido_id=pedido_id,
        data=data,
        item_index=index,
        identifier=str(item_id) if item_id else None,
        declared=declared,
    )
    return f"/pedidos/imagens/{stored.id}", stored.path


def _drop_unreferenced_images(session: Session, pedido_id: int, rows: list[PedidoItem]) -> None:
    referenced = set()
    for row in rows:
        match = images.IMAGE_URL.match(row.imagem or "")
        if match:
            referenced.add(int(match.group(1)))
    images.remove_rows(session, [img for img in images.images_of(session, pedido_id) if img.id not in referenced])


def _item_values(item: ItemIn, index: int) -> tuple[dict[str, Any], Any, Any]:
    """The row's columns (no image yet) and the `imagem` / `imagem_path` the app sent."""
    data = item.stored()
    data.pop("id", None)
    raw_image = data.pop("imagem", _ABSENT) if "imagem" in item.model_fields_set else _ABSENT
    raw_path = data.pop("imagem_path", None)
    columns = item_columns(data, index=index)
    columns.update(imagem=None, imagem_path=None)
    return columns, raw_image, raw_path


_ITEMS = PedidoItem.__table__
_INSERT_ITEMS = Prepared(insert(_ITEMS).returning(*_ITEMS.c, sort_by_parameter_order=True))


def insert_items(session: Session, pedido_id: int, items_in: list[ItemIn]) -> list[Any]:
    """A new order's items, as rows in item order: one INSERT for all, then one UPDATE per image."""
    values = [_item_values(item, index) for index, item in enumerate(items_in)]
    parameters = [{**columns, "pedido_id": pedido_id, "imagem_path": raw_path} for columns, _, raw_path in values]
    rows = _INSERT_ITEMS.fetch(session, parameters)
    images_touched = False
    for position, (row, (_columns, raw_image, raw_path)) in enumerate(zip(rows, values, strict=True)):
        if raw_image is _ABSENT:
            continue
        images_touched = True
        imagem, imagem_path = _resolve_image(session, pedido_id, row.item_index, row.id, raw_image, raw_path, None)
        statement = (
            update(_ITEMS)
            .where(_ITEMS.c.id == row.id)
            .values(imagem=imagem, imagem_path=imagem_path)
            .returning(*_ITEMS.c)
        )
        rows[position] = session.execute(statement).one()
    if images_touched:
        _drop_unreferenced_images(session, pedido_id, rows)
    return rows


def replace_items(session: Session, pedido: Pedido, items_in: list[ItemIn], existing: list[PedidoItem]):
    """Write `items_in` as the order's items; matched items (by id, invented id or index) keep id and image."""
    by_id = {row.id: row for row in existing}
    by_invented = {pedido.id * 1000 + row.item_index: row for row in existing}
    by_index = {row.item_index: row for row in existing}
    used: set[int] = set()
    plan = []
    for index, item in enumerate(items_in):
        old = None
        if item.id is not None:
            old = by_id.get(item.id) or by_invented.get(item.id)
        elif index in by_index:
            old = by_index[index]
        if old is not None and old.id in used:
            old = None
        if old is not None:
            used.add(old.id)
        plan.append((index, item, old))

    # Snapshot what we need from the old rows, then replace them (ids re-used explicitly).
    # status_arte and comentarios are the server's (designers panel): matched items keep them.
    snapshots = {
        row.id: PedidoItem(
            id=row.id,
            imagem=row.imagem,
            imagem_path=row.imagem_path,
            status_arte=row.status_arte,
            comentarios=list(row.comentarios or []),
        )
        for row in existing
    }
    if existing:
        for row in existing:
            session.delete(row)
        session.flush()

    rows = []
    for index, item, old in plan:
        columns, raw_image, raw_path = _item_values(item, index)
        row = PedidoItem(pedido_id=pedido.id, **columns)
        if old is not None:
            kept = snapshots[old.id]
            row.id, row.status_arte, row.comentarios = old.id, kept.status_arte, kept.comentarios
        session.add(row)
        rows.append((row, raw_image, raw_path, snapshots.get(old.id) if old else None))
    session.flush()
    images_touched = False
    for row, raw_image, raw_path, old in rows:
        if raw_image is _ABSENT and old is None:
            row.imagem_path = raw_path  # nothing to store: skip the image machinery
            continue
        images_touched = True
        row.imagem, row.imagem_path = _resolve_image(
            session, pedido.id, row.item_index, row.id, raw_image, raw_path, old
        )
    result = [row for row, *_ in rows]
    if images_touched or existing:
        session.flush()
        _drop_unreferenced_images(session, pedido.id, result)
    return result


def find_item(session: Session, item_id: int, pedido_id: int | None) -> PedidoItem:
    """By real id, or by the app's invented pedido_id*1000+index."""
    row = session.get(PedidoItem, item_id) if item_id <= MAX_ID else None
    if row is not None and (pedido_id is None or row.pedido_id == pedido_id):
        return row
    owner = pedido_id if pedido_id else item_id // 1000
    index = item_id - owner * 1000
    row = None
    if 0 <= index < 1000:
        row = session.execute(
            select(PedidoItem).where(PedidoItem.pedido_id == owner, PedidoItem.item_index == index)
        ).scalar_one_or_none()
    if row is None:
        raise NotFound("Item não encontrado")
    return row


def patch_item(session: Session, pedido: Pedido, row: PedidoItem, payload: dict[str, Any]) -> dict[str, tuple]:
    """Shallow-merge `payload` into the item; returns field → (old, new) of what changed."""
    before = item_public(row)
    merged = {**before, **{k: v for k, v in payload.items() if k not in ("id", "pedido_id")}}
    item = ItemIn.model_validate(merged)
    data = item.stored()
    data.pop("id", None)
    raw_image = payload.get("imagem", _ABSENT)
    data.pop("imagem", None)
    raw_path = data.pop("imagem_path", None)
    old = PedidoItem(id=row.id, imagem=row.imagem, imagem_path=row.imagem_path)
    for key, value in item_columns(data, index=row.item_index).items():
        if key not in ("imagem", "imagem_path"):
            setattr(row, key, value)
    row.imagem, row.imagem_path = _resolve_image(session, pedido.id, row.item_index, row.id, raw_image, raw_path, old)
    session.add(row)
    session.flush()
    _drop_unreferenced_images(session, pedido.id, load_items(session, pedido.id))
    after = item_public(row)
    return {key: (before.get(key), value) for key, value in after.items() if before.get(key) != value}


def log_prints(session: Session, pedido_id: int, rows: list[PedidoItem]) -> None:
    """A PrintLog for every item printed on a machine (the original's side effect)."""
    for row in rows:
        if row.machine_id and row.machine_id > 0:
            upsert_print_log(session, printer_id=row.machine_id, pedido_id=pedido_id, item_id=row.id)
