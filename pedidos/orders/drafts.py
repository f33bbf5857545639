"""Drafts (rascunhos): the rules. An order saved without the create's checks, private to its author.

A draft is a `pedidos` row with rascunho = true, so it shares the orders' ids (the app opens it with
GET /pedidos/{id} and edits it with PATCH /pedidos/{id}). Until it is promoted it has:
- no numero: `pedidos.numero` is NOT NULL UNIQUE, so the row holds a private placeholder and the
  order JSON says `"numero": null` (serialize.order_public);
- no production state: status pendente and no stage flag (the app disables them on drafts), so
  it is never ready, overdue or printed; a draft's writes simply leave those fields alone;
- no audience: only its author and admins see it (others get the 404 of an unknown id), and it
  sends no realtime event (history.order_event); every list, count and panel leaves it out.
The use cases (save, list, promote, delete) are in pedidos/orders/draft_service.py.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field, ValidationError, model_validator
from sqlalchemy import Select, func, select
from sqlmodel import Session

from auth.models import User
from database.base import utcnow
from errors import Conflict, NotFound, Unprocessable, validation_detail
from pedidos.orders.models import Pedido, PedidoImagem
from pedidos.orders.schemas import EntryDate, PedidoCreate, PedidoUpdate, Prioridade, Str255
from pedidos.orders.stage_flags import STAGE_FIELDS

PLACEHOLDER_PREFIX = "rascunho-"
NOT_FOUND = "Pedido não encontrado"  # the answer for an unknown id: another user's draft looks the same
NOT_A_DRAFT = "Este pedido não é um rascunho."
CANNOT_BECOME_DRAFT = "Um pedido já publicado não pode voltar a ser rascunho."
# What a draft does not hold until it is promoted (see the module docstring).
PRODUCTION_FIELDS = frozenset(
    (
        "numero",
        "status",
        *STAGE_FIELDS,
        "sublimacao_maquina",
        "sublimacao_data_impressao",
    )
)
_DRAFT_IDS = select(Pedido.id).where(Pedido.rascunho.is_(True)).scalar_subquery()
# Every read of orders and panels: `.where(NOT_DRAFT)`. By id, not by `rascunho`: every index holds
# the id, so a list's covering indexes stay covering, and the few drafts come from their own index
# (ix_pedidos_rascunho_criado_por). Reading `rascunho` from each row instead made a month's page of
# 100k orders 10x slower on SQLite, and there the planner even preferred that index for every list.
NOT_DRAFT = Pedido.id.not_in(_DRAFT_IDS)


def count_orders(*where: Any) -> Select:
    """SELECT the number of orders (drafts left out) matching `where`: the matching rows less the
    matching drafts, each counted from an index (NOT_DRAFT probes each row: ~9x slower on 100k orders)."""
    matching_drafts = select(func.count()).select_from(Pedido).where(Pedido.rascunho.is_(True), *where)
    return select(func.count() - matching_drafts.scalar_subquery()).select_from(Pedido).where(*where)


def placeholder() -> str:
    """A draft's numero until promotion: unique, never numeric (next_numero skips it), fits numero's 32."""
    return f"{PLACEHOLDER_PREFIX}{secrets.token_hex(11)}"


# --- who sees a draft ----------------------------------------------------------------------------


def visible(row: Any, user: User) -> bool:
    """`row` (a Pedido or a row with rascunho and criado_por) may be read and written by `user`."""
    return not row.rascunho or user.is_admin or row.criado_por == user.id


def check_visible(row: Any, user: User) -> None:
    if not visible(row, user):
        raise NotFound(NOT_FOUND)


# --- what a draft accepts ----------------------------------------------------------------------


def _lenient(data: Any) -> Any:
    # Empty is as good as missing (every field then takes its default); a draft holds no production state.
    if isinstance(data, dict):
        return {k: v for k, v in data.items() if v is not None and k not in PRODUCTION_FIELDS}
    return data


def _prioridade(value: Any) -> Any:
    return "NORMAL" if value in (None, "") else value


class DraftCreate(PedidoCreate):
    """POST /pedidos/rascunho: the create's fields and types, none of its required ones."""

    cliente: Str255 = ""
    data_entrada: EntryDate = Field(default_factory=lambda: utcnow().date())
    prioridade: Annotated[Prioridade, BeforeValidator(_prioridade)] = "NORMAL"

    @model_validator(mode="before")
    @classmethod
    def _draft(cls, data: Any) -> Any:
        return _lenient(data)


class PedidoPatch(PedidoUpdate):
    """PATCH /pedidos/{id}: PedidoUpdate, plus the app's `rascunho` marker; an empty cliente is checked
    against the order (refused on an order, allowed on a draft: patch_fields)."""

    cliente: Str255 | None = None
    rascunho: bool | None = None


def validation_errors(model: type[BaseModel], data: Any) -> None:
    """`model.model_validate(data)`, failing with the 422 FastAPI gives for that body (same messages)."""
    try:
        model.model_validate(data)
    except ValidationError as error:
        raise Unprocessable(validation_detail([{**e, "loc": ("body", *e["loc"])} for e in error.errors()]))


def patch_fields(pedido: Pedido, data: PedidoUpdate, fields: dict[str, Any], *, user: User) -> dict[str, Any]:
    """The PATCH's fields for `pedido` (its version already claimed): a draft takes them leniently
    (without its production fields), an order as PedidoUpdate would."""
    check_visible(pedido, user)
    if pedido.rascunho:
        return {key: value for key, value in fields.items() if key not in PRODUCTION_FIELDS}
    if getattr(data, "rascunho", None):
        raise Conflict(CANNOT_BECOME_DRAFT)
    if fields.get("cliente") == "":
        validation_errors(PedidoUpdate, {"cliente": ""})
    return fields


IMAGE_NOT_FOUND = "Imagem não encontrada"


def check_image_visible(session: Session, image_id: int, user: User) -> None:
    """GET /pedidos/imagens/{id}: an image of someone else's draft is a 404, as the draft itself (image
    ids count up, so they can be guessed; the media paths' names are random)."""
    owner = session.execute(
        select(Pedido.rascunho, Pedido.criado_por)
        .join(PedidoImagem, PedidoImagem.pedido_id == Pedido.id)
        .where(PedidoImagem.id == image_id)
    ).first()
    if owner is not None and not visible(owner, user):
        raise NotFound(IMAGE_NOT_FOUND)
