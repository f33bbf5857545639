"""POST /pedidos/reset-ids (the app's maintenance screen, after deleting every order)."""

from __future__ import annotations

from fastapi import APIRouter

from auth.dependencies import AdminUser
from auth.schemas import MessageResponse
from database.session import SessionDep
from pedidos.orders import reset_ids as service

router = APIRouter(prefix="/pedidos", tags=["Pedidos"])


@router.post("/reset-ids", response_model=MessageResponse, summary="Reiniciar a numeração (admin)")
def reset_ids(session: SessionDep, _admin: AdminUser) -> MessageResponse:
    """Recomeça os ids de pedidos e itens em 1; só quando não há nenhum pedido."""
    service.reset_ids(session)
    return MessageResponse(message="Numeração dos pedidos reiniciada")
