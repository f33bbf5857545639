"""Drafts: save, list, promote, delete (rules in pedidos/orders/drafts.py). Services flush; the request commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from auth.dependencies import ADMIN_ONLY
from auth.models import User
from database.base import utcnow
from database.pagination import Page, apply_page
from database.prepared import Prepared
from database.types import search_key
from errors import Conflict, Forbidden, NotFound
from materiais import estoque
from pedidos.orders import drafts, history, pricing, service, status
from pedidos.orders.item_writes import insert_items, load_items, log_prints
from pedidos.orders.models import Pedido
from pedidos.orders.numero import next_numero
from pedidos.orders.schemas import PedidoCreate
from pedidos.read_side import snapshots
from pedidos.read_side.serialize import Entry, order_entry, order_public
from pedidos.read_side.snapshots import items_by_order

_TABLE = Pedido.__table__
_INSERT_DRAFT = Prepared(insert(_TABLE).returning(*_TABLE.c))


def create(session: Session, data: drafts.DraftCreate, *, user: User) -> dict[str, Any]:
    """POST /pedidos/rascunho: a draft with its items and images (claimed as a create claims them)."""
    values = {name: getattr(data, name) for name in PedidoCreate.model_fields if name != "items"}
    now = utcnow()
    values.update(
        numero=drafts.placeholder(),
        rascunho=True,
        criado_por=user.id,
        cliente_busca=search_key(values["cliente"]),
        version=1,
        data_criacao=now,
        ultima_atualizacao=now,
    )
    pedido = _INSERT_DRAFT.fetch(session, values)[0]
    rows = insert_items(session, pedido.id, data.items)
    order = order_public(pedido, rows)
    snapshots.store(session, order)
    # No realtime event: a draft is its author's alone (history.order_event).
    history.write(session, pedido_id=pedido.id, acao="create", user=user, after=order)
    session.flush()
    return order


def list_for(session: Session, *, user: User, page: Page) -> tuple[list[Entry], int]:
    """GET /pedidos/rascunhos: the user's drafts (an admin's: everyone's), last edited first; and their total."""
    where = [Pedido.rascunho.is_(True)]
    if not user.is_admin:
        where.append(Pedido.criado_por == user.id)
    total = session.execute(select(func.count()).select_from(Pedido).where(*where)).scalar_one()
    query = select(*_TABLE.c).where(*where).order_by(Pedido.ultima_atualizacao.desc(), Pedido.id.desc())
    rows = session.execute(apply_page(query, page)).all()
    items = items_by_order(session, [row.id for row in rows])
    return [order_entry(row, items[row.id]) for row in rows], total


def promote(session: Session, pedido_id: int, *, user: User) -> dict[str, Any]:
    """POST /pedidos/{id}/promover: the draft checked as POST /pedidos/ would check it, then made an
    order as a create makes one (numero, status rules, history, order_created)."""
    pedido = service.claim_version(session, pedido_id, None)  # row-locked until commit (PostgreSQL)
    drafts.check_visible(pedido, user)
    if not pedido.rascunho:
        raise Conflict(drafts.NOT_A_DRAFT)
    rows = load_items(session, pedido.id)
    drafts.validation_errors(PedidoCreate, order_public(pedido, rows))
    state = status.initial_state({field: getattr(pedido, field) for field in service.RULE_FIELDS})
    now = utcnow()
    pedido.numero = next_numero(session)
    pedido.rascunho = False
    pedido.status, pedido.pronto = state["status"], state["pronto"]
    pedido.data_entrega = pedido.data_entrega or pedido.data_entrada
    # The totals a create would store (pedidos/orders/pricing.py): a draft's were never checked.
    pedido.valor_itens, pedido.valor_total = pricing.stored_totals(rows, valor_frete=pedido.valor_frete)
    # Created now, as far as the lists are concerned: it takes its place among today's new orders.
    pedido.data_criacao = pedido.ultima_atualizacao = now
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(service.DUPLICATE_NUMERO)
    order = order_public(pedido, rows)
    snapshots.store(session, order)
    history.write(session, pedido_id=pedido.id, acao="promote", user=user, after=order)
    history.order_event(session, type="order_created", order=order, user=user)
    estoque.apply_order_stock(session, before=None, after=order)  # a draft consumed nothing
    log_prints(session, pedido.id, rows)
    # A draft holds no stage flags (drafts.PRODUCTION_FIELDS): a promoted order starts pendente, never
    # ready, so the ready notification of a create never applies here.
    session.flush()
    return order


def delete(session: Session, pedido_id: int, *, user: User) -> None:
    """DELETE /pedidos/{id}: admins delete any order; a staff user only a draft of their own."""
    pedido = session.get(Pedido, pedido_id)
    # Whatever else it is (an order, someone else's draft, nothing), the answer of today to staff: 403.
    if not user.is_admin and (pedido is None or not pedido.rascunho or pedido.criado_por != user.id):
        raise Forbidden(ADMIN_ONLY)
    draft = pedido is not None and pedido.rascunho
    service.delete(session, pedido_id, user=user)
    if draft:
        # Its history goes with it (its id's GET /historico is then a 404, as GET /pedidos/{id}): a draft
        # was never an order, and its author's private edits are nobody's record.
        history.forget_current(session, pedido_id)


def history_for(session: Session, pedido_id: int, *, user: User) -> list[dict[str, Any]]:
    """GET /pedidos/{id}/historico: the order's history, or the last deleted order's under that id (its
    last state stays); 404 for someone else's draft, a deleted draft and an id without history."""
    pedido = session.get(Pedido, pedido_id)
    if pedido is not None:
        drafts.check_visible(pedido, user)
    rows = history.list_for(session, pedido_id, exists=pedido is not None)
    if pedido is None and not rows:
        raise NotFound(drafts.NOT_FOUND)
    return rows
