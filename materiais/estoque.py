"""Stock consumed by orders (the original 1.4's stock_service), when MATERIAL_STOCK_AUTO_DEDUCTION is on.

An order consumes, per material (the item's `tecido`, matched to the catalogue by the original's
key), the m² of its items (materiais.area: each unit's area times the quantity; the original
forgot the quantity). Each order write changes materiais.estoque_metros by the difference
between the order's consumption before and after it, in the write's transaction. Cancelled
orders and drafts consume nothing: cancelling returns the stock, reopening takes it again, and
promoting a draft must call apply_order_stock(before=the draft, after=the promoted order).
A write that needs more than a material has is refused (400), as the original: stock never goes
below zero. Materials not in the catalogue are not tracked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from cadastros.materiais import Material
from config import settings
from errors import BadRequest
from materiais.area import CM2_PER_M2, item_cm2, normalize_name

_CM2 = Decimal(1) / CM2_PER_M2  # estoque_metros is kept to the cm² (4 decimals)


def order_consumption(order: dict[str, Any] | None) -> dict[str, int]:
    """cm² per material key that an order (its JSON) consumes; nothing for a draft or a cancelled one."""
    if not order or order.get("rascunho") or order.get("status") == "cancelado":
        return {}
    consumption: dict[str, int] = defaultdict(int)
    for item in order.get("items") or ():
        key = normalize_name(item.get("tecido"))
        if key:
            consumption[key] += item_cm2(item)
    return dict(consumption)


def apply_order_stock(session: Session, *, before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
    """Stock change of one order write: before=None on create, after=None on delete."""
    if settings.MATERIAL_STOCK_AUTO_DEDUCTION:
        _apply(session, _delta(order_consumption(before), order_consumption(after)))


def return_orders_stock(session: Session, orders: Iterable[dict[str, Any]]) -> None:
    """Give back what deleted orders consumed (DELETE /pedidos/all)."""
    if settings.MATERIAL_STOCK_AUTO_DEDUCTION:
        total: dict[str, int] = defaultdict(int)
        for order in orders:
            for key, cm2 in order_consumption(order).items():
                total[key] += cm2
        _apply(session, _delta(total, {}))


def _delta(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    keys = before.keys() | after.keys()
    return {key: change for key in keys if (change := after.get(key, 0) - before.get(key, 0))}


def _tracked(session: Session, keys: Iterable[str]) -> dict[str, int]:
    """Material id per key: of several with one key, the active one, then the oldest (the original's choice)."""
    wanted = set(keys)
    chosen: dict[str, tuple[bool, int]] = {}
    for material_id, nome, ativo in session.execute(select(Material.id, Material.nome, Material.ativo)):
        key = normalize_name(nome)
        if key in wanted:
            rank = (not ativo, material_id)
            if key not in chosen or rank < chosen[key]:
                chosen[key] = rank
    return {key: material_id for key, (_inactive, material_id) in chosen.items()}


def _apply(session: Session, delta: dict[str, int]) -> None:
    if not delta:
        return
    ids = _tracked(session, delta)
    if not ids:
        return
    by_id = {material_id: key for key, material_id in ids.items()}
    # Locked in id order (PostgreSQL; SQLite's writers are already serialised): two orders cannot
    # both spend the last metres, and two writers never wait on each other in a cycle.
    statement = select(Material).where(Material.id.in_(sorted(by_id))).order_by(Material.id).with_for_update()
    for material in session.execute(statement.execution_options(populate_existing=True)).scalars():
        needed = Decimal(delta[by_id[material.id]]) * _CM2
        available = Decimal(str(material.estoque_metros or 0)).quantize(_CM2)
        remaining = available - needed
        if remaining < 0:
            raise BadRequest(
                f"Estoque insuficiente para o material '{material.nome}'. "
                f"Disponível: {available:.2f}m, necessário: {needed:.2f}m."
            )
        material.estoque_metros = float(remaining)
    session.flush()
