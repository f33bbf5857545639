"""POST /pedidos/batch-status: one status for many orders, all or nothing, each as its own PATCH."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, StrictInt, field_validator
from sqlalchemy import select
from sqlmodel import Session

from auth.models import User
from errors import Conflict, NotFound
from pedidos import service
from pedidos.models import Pedido
from pedidos.schemas import MAX_ID, NoNulModel, PedidoUpdate, Status

MAX_BATCH = 500


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


def update_status(session: Session, data: BatchStatusIn, *, user: User) -> dict[str, Any]:
    """Every order through service.update (stage rules, history, events); any refusal undoes them all."""
    found = set(
        session.execute(select(Pedido.id).where(Pedido.id.in_(data.id_pedidos), Pedido.rascunho.is_(False))).scalars()
    )
    missing = [pedido_id for pedido_id in data.id_pedidos if pedido_id not in found]
    if missing:
        # Drafts count as missing: they are not orders yet.
        raise NotFound(f"Pedidos não encontrados: {', '.join(map(str, missing))}. Nenhum pedido foi alterado.")
    change = PedidoUpdate(status=data.status)
    for pedido_id in data.id_pedidos:
        try:
            service.update(session, pedido_id, change, user=user)
        except Conflict as error:
            # The request's transaction rolls back: the orders changed before this one are undone too.
            raise Conflict(f"Pedido {pedido_id}: {error.detail} Nenhum pedido foi alterado.") from None
    return {"count": len(data.id_pedidos), "status": data.status}
