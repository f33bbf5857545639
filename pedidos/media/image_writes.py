"""POST /pedidos/{id}/imagens: an uploaded image becomes an item's image."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from auth.models import User
from database.base import utcnow
from errors import NotFound
from pedidos.media import images
from pedidos.orders import drafts
from pedidos.orders.item_writes import load_items
from pedidos.orders.models import PedidoImagem, PedidoItem
from pedidos.orders.service import claim_version, record_update
from pedidos.read_side.serialize import order_public


def add_image(
    session: Session, pedido_id: int, data: bytes, item_index: int, *, user: User, declared: str | None = None
) -> dict[str, Any]:
    """POST /pedidos/{id}/imagens: store an image and make it the item's image."""
    pedido = claim_version(session, pedido_id, None)
    drafts.check_visible(pedido, user)
    rows = load_items(session, pedido.id)
    row = next((r for r in rows if r.item_index == item_index), None)
    if row is None:
        raise NotFound("Item não encontrado")
    before = row.imagem
    stored = images.store(
        session, pedido_id=pedido.id, data=data, item_index=item_index, identifier=str(row.id), declared=declared
    )
    row.imagem, row.imagem_path = f"/pedidos/imagens/{stored.id}", stored.path
    pedido.ultima_atualizacao = utcnow()
    session.flush()
    images.remove_rows(session, [img for img in images.images_of(session, pedido.id) if not _referenced(img, rows)])
    order = order_public(pedido, rows)
    record_update(
        session, order, acao="update", user=user, changes={f"items[{item_index}].imagem": (before, row.imagem)}
    )
    session.flush()
    return {
        "id": stored.id,
        "pedido_id": pedido.id,
        "item_index": item_index,
        "imagem": row.imagem,
        "imagem_path": stored.path,
        "mime": stored.mime,
        "size": stored.size,
        "sha256": stored.sha256,
    }


def _referenced(image: PedidoImagem, rows: list[PedidoItem]) -> bool:
    return any(row.imagem == f"/pedidos/imagens/{image.id}" for row in rows)
