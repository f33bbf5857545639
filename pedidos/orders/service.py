"""Every rule about orders: create, read, change, delete. Services flush; the request commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy import insert
from sqlalchemy import update as sql_update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from auth.models import User
from database.base import utcnow
from database.prepared import Prepared
from database.types import search_key
from errors import Conflict, Forbidden, NotFound
from materiais import estoque
from notificacoes.service import create_notification
from pedidos.media import images
from pedidos.orders import drafts, history, pricing, status
from pedidos.orders.item_writes import find_item, insert_items, load_items, log_prints, patch_item, replace_items
from pedidos.orders.items import item_public
from pedidos.orders.models import Pedido, PedidoImagem, PedidoItem
from pedidos.orders.numero import check_numero_free, next_numero
from pedidos.orders.schemas import MAX_ID, PedidoCreate, PedidoUpdate
from pedidos.orders.stage_flags import STAGE_FIELDS
from pedidos.read_side import snapshots
from pedidos.read_side.serialize import order_public

NOT_FOUND = "Pedido não encontrado"
DUPLICATE_NUMERO = "Já existe um pedido com este número."
FINANCEIRO_ADMIN_ONLY = "Somente administradores podem alterar o status financeiro."
RULE_FIELDS = ("status", *STAGE_FIELDS)
RULE_STATE = (*RULE_FIELDS, "sublimacao_maquina", "sublimacao_data_impressao")
# original-contract §3.3: order_status_updated when the status or one of the 6 flags changed (not the
# sublimacao machine or date, which the rules merely clear).
STATUS_FIELDS = frozenset(RULE_FIELDS)
# Columns that cannot be null: an explicit null in a PATCH leaves them as they are.
NOT_NULL = frozenset(
    (
        "numero",
        "data_entrada",
        "prioridade",
        "status",
        "cliente",
        "valor_total",
        "valor_frete",
        "valor_itens",
        "tipo_pagamento",
        "forma_envio",
        "forma_envio_id",
        *STAGE_FIELDS,
    )
)


def get(session: Session, pedido_id: int) -> Pedido:
    pedido = session.get(Pedido, pedido_id)
    if pedido is None:
        raise NotFound(NOT_FOUND)
    return pedido


# Built once: constructing a select per request costs more than running it.
_INSERT_ORDER = Prepared(insert(Pedido.__table__).returning(*Pedido.__table__.c))


def public(session: Session, pedido: Pedido) -> dict[str, Any]:
    return order_public(pedido, load_items(session, pedido.id))


def _flush(session: Session) -> None:
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(DUPLICATE_NUMERO)


def notify_ready(session: Session, pedido: Pedido) -> None:
    create_notification(
        session,
        tipo="pedido_pronto",
        titulo=f"Pedido {pedido.numero} pronto",
        mensagem=f"O pedido {pedido.numero} de {pedido.cliente} está pronto.",
        pedido_id=pedido.id,
    )


def create(session: Session, data: PedidoCreate, *, user: User | None) -> dict[str, Any]:
    """A new order with its items and images; its history row and order_created event."""
    # Attributes, not model_dump(): the dump would turn Money cents back into strings.
    values = {name: getattr(data, name) for name in type(data).model_fields if name != "items"}
    if user is not None and not user.is_admin:
        # As on a PATCH: finance releases orders (403), and staff's stages wait for it (409).
        if values["financeiro"]:
            raise Forbidden(FINANCEIRO_ADMIN_ONLY)
        status.check_waits_for_financeiro(status.NOTHING_TICKED, values)
    items_in = data.items
    if items_in:
        items_in, values["valor_itens"], values["valor_total"] = pricing.settle(
            items_in, valor_frete=values["valor_frete"]
        )
    numero = (values.pop("numero") or "").strip()
    if numero:
        check_numero_free(session, numero)
    else:
        numero = next_numero(session)
    values["data_entrega"] = values["data_entrega"] or values["data_entrada"]
    values = status.initial_state(values)
    now = utcnow()
    values.update(
        numero=numero, cliente_busca=search_key(values["cliente"]), version=1, data_criacao=now, ultima_atualizacao=now
    )
    # Set by the server only (the schema has no such field: a client's value is dropped).
    values["financeiro_liberado_em"] = now if values["financeiro"] else None
    values["criado_por"] = user.id if user else None
    # Core statements, not the ORM: creating is the busiest write and its unit of work cost more than the SQL.
    try:
        pedido = _INSERT_ORDER.fetch(session, values)[0]
    except IntegrityError:
        raise Conflict(DUPLICATE_NUMERO)
    rows = insert_items(session, pedido.id, items_in)
    order = order_public(pedido, rows)
    estoque.apply_order_stock(session, before=None, after=order)
    snapshots.store(session, order)
    history.write(session, pedido_id=pedido.id, acao="create", user=user, after=order)
    history.order_event(session, type="order_created", order=order, user=user)
    log_prints(session, pedido.id, rows)
    if pedido.status == "pronto":
        notify_ready(session, pedido)
    session.flush()
    return order


def parse_if_match(value: str | None) -> int | None:
    if value is None or value.strip() in ("", "*"):
        return None
    cleaned = value.strip().removeprefix("W/").strip('"')
    try:
        return int(cleaned)
    except ValueError:
        raise Conflict("If-Match inválido: envie a versão do pedido.")


def claim_version(session: Session, pedido_id: int, expected: int | None, *, user: User | None = None) -> Pedido:
    """Bump the version first, as a compare-and-set: of two writers with the same version one wins.

    With `user`, someone else's draft is a 404 here too (the 409 would show it)."""
    statement = sql_update(Pedido).where(Pedido.id == pedido_id).values(version=Pedido.version + 1)
    if expected is not None:
        statement = statement.where(Pedido.version == expected)
    result = session.execute(statement.execution_options(synchronize_session=False))
    if result.rowcount == 0:
        pedido = get(session, pedido_id)
        if user is not None:
            drafts.check_visible(pedido, user)
        raise Conflict(
            {
                "message": "O pedido foi alterado por outra pessoa. Recarregue e tente de novo.",
                "version": pedido.version,
                "pedido": public(session, pedido),
            }
        )
    return session.get(Pedido, pedido_id, populate_existing=True)


def update(
    session: Session, pedido_id: int, data: PedidoUpdate, *, user: User, if_match: str | None = None
) -> dict[str, Any]:
    """A partial change; stale versions get 409, financeiro needs an admin, status rules applied."""
    fields = {name: getattr(data, name) for name in data.model_fields_set}
    items_in = data.items if "items" in fields else None
    fields.pop("items", None)
    body_version = fields.pop("version", None)
    if "financeiro" in fields and not user.is_admin:
        raise Forbidden(FINANCEIRO_ADMIN_ONLY)
    expected = parse_if_match(if_match)
    pedido = claim_version(session, pedido_id, expected if expected is not None else body_version, user=user)
    fields = drafts.patch_fields(pedido, data, fields, user=user)
    existing = load_items(session, pedido.id)
    old_order = order_public(pedido, existing)

    changes = {key: value for key, value in fields.items() if not (value is None and key in NOT_NULL)}
    frete = changes.get("valor_frete", pedido.valor_frete)
    if items_in:
        items_in, changes["valor_itens"], changes["valor_total"] = pricing.settle(items_in, valor_frete=frete)
    elif items_in is None and "valor_frete" in changes and existing:
        changes["valor_itens"], changes["valor_total"] = pricing.stored_totals(existing, valor_frete=frete)
    if "data_entrega" in fields and not changes.get("data_entrega"):
        changes["data_entrega"] = changes.get("data_entrada") or pedido.data_entrada
    if changes.get("numero"):
        changes["numero"] = changes["numero"].strip()
        check_numero_free(session, changes["numero"], exclude_id=pedido.id)
    if "cliente" in changes:
        changes["cliente_busca"] = search_key(changes["cliente"])
    if any(key in changes for key in RULE_STATE):
        current = {key: getattr(pedido, key) for key in RULE_STATE}
        rule_changes = {k: changes[k] for k in RULE_STATE if k in changes}
        changes.update(status.apply_rules(current, rule_changes, is_admin=user.is_admin))

    diff = {key: (getattr(pedido, key), value) for key, value in changes.items() if getattr(pedido, key) != value}
    if "financeiro" in diff:
        # When finance released the order: the server's clock, set on true, cleared on false.
        diff["financeiro_liberado_em"] = (pedido.financeiro_liberado_em, utcnow() if diff["financeiro"][1] else None)
    for key, (_old, new) in diff.items():
        setattr(pedido, key, new)
    rows = existing
    if items_in is not None:
        rows = replace_items(session, pedido, items_in, existing)
    pedido.ultima_atualizacao = utcnow()
    _flush(session)
    order = order_public(pedido, rows)
    estoque.apply_order_stock(session, before=old_order, after=order)
    if order["items"] != old_order["items"]:
        diff["items"] = (old_order["items"], order["items"])
    diff.pop("cliente_busca", None)
    record_update(session, order, acao="update", user=user, changes=diff)
    if STATUS_FIELDS.intersection(diff):
        history.order_event(session, type="order_status_updated", order=order, user=user)
    if "status" in diff and pedido.status == "pronto":
        notify_ready(session, pedido)
    if items_in is not None and not pedido.rascunho:  # a draft is not printed
        log_prints(session, pedido.id, [row for row in rows if row.machine_id])
    session.flush()
    return order


def record_update(session: Session, order: dict[str, Any], *, acao: str, user: User, changes: dict) -> None:
    """After a change to an order: its snapshot, its history row and its order_updated event."""
    snapshots.store(session, order)
    history.write(session, pedido_id=order["id"], acao=acao, user=user, changes=changes)
    history.order_event(session, type="order_updated", order=order, user=user)


def update_item(session: Session, item_id: int, payload: dict[str, Any], *, user: User) -> dict[str, Any]:
    """PATCH /pedidos/pedido-itens/{id}: one item, by real or invented id; bumps the order's version."""
    pedido_id = payload.get("pedido_id")
    valid = isinstance(pedido_id, int) and not isinstance(pedido_id, bool) and 0 < pedido_id <= MAX_ID
    row = find_item(session, item_id, pedido_id if valid else None)
    pedido = claim_version(session, row.pedido_id, None)
    drafts.check_visible(pedido, user)
    item_before = item_public(row)
    changed = patch_item(session, pedido, row, payload)
    pedido.ultima_atualizacao = utcnow()
    session.flush()
    order = public(session, pedido)
    changes = {f"items[{row.item_index}].{key}": values for key, values in changed.items()}
    record_update(session, order, acao="item_update", user=user, changes=changes)
    if row.machine_id and (payload.get("machine_id") or payload.get("data_impressao")) and not pedido.rascunho:
        log_prints(session, pedido.id, [row])
    session.flush()
    item = next(item for item in order["items"] if item["id"] == row.id)
    estoque.apply_order_stock(session, before={**order, "items": [item_before]}, after={**order, "items": [item]})
    return {"status": "success", "message": "Item atualizado", "item": item}


def delete(session: Session, pedido_id: int, *, user: User) -> None:
    """Delete an order and its media; its last state stays in the history."""
    pedido = get(session, pedido_id)
    before = public(session, pedido)
    estoque.apply_order_stock(session, before=before, after=None)
    history.write(session, pedido_id=pedido.id, acao="delete", user=user, before=before)
    images.remove_rows(session, images.images_of(session, pedido.id))
    images.remove_order_media_after_commit(session, pedido.id)
    session.execute(sql_delete(PedidoItem).where(PedidoItem.pedido_id == pedido.id))
    session.delete(pedido)
    session.flush()
    history.deleted_event(session, pedido_id=pedido_id, user=user)


def delete_all(session: Session, *, user: User) -> int:
    """Delete every order (history keeps each last state) and all order media."""
    from pedidos.read_side.listing import all_orders

    orders = all_orders(session)
    for order in orders:
        history.write(session, pedido_id=order["id"], acao="delete", user=user, before=order)
    estoque.return_orders_stock(session, orders)
    session.execute(sql_delete(PedidoImagem))
    session.execute(sql_delete(PedidoItem))
    session.execute(sql_delete(Pedido))
    session.flush()
    images.remove_order_media_after_commit(session)
    history.deleted_event(session, pedido_id=None, user=user)
    return len(orders)


def total(session: Session) -> int:
    return session.execute(drafts.count_orders()).scalar_one()


def save_json(session: Session, pedido_id: int, body: Any, *, user: User) -> dict[str, Any]:
    """The app's own snapshot, kept in the history (never served back: /json reads the database)."""
    get(session, pedido_id)
    history.write(session, pedido_id=pedido_id, acao="save_json", user=user, after=body)
    session.flush()
    return {"message": "JSON salvo com sucesso", "pedido_id": pedido_id}
