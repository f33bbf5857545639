"""/designers/...: the designers' art panel, HTTP only (the /designers CRUD lives in cadastros)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from auth.dependencies import CurrentUser
from database.pagination import MAX_ID
from database.session import SessionDep
from database.types import OptionalDate
from designers import service
from designers.schemas import ComentarioIn, DesignerArteItem, StatusArteIn
from errors import ERROR_RESPONSES

router = APIRouter(prefix="/designers", tags=["Designers"], responses=ERROR_RESPONSES)

# Real item ids, or the app's invented pedido_id*1000+index (pedidos.orders.item_writes.find_item).
ItemId = Annotated[int, Path(ge=0, le=MAX_ID * 1000 + 999)]


@router.get("/{nome}/itens", response_model=list[DesignerArteItem], summary="Itens de arte de um designer")
def list_itens(
    nome: Annotated[str, Path(max_length=255)],
    session: SessionDep,
    _user: CurrentUser,
    start_date: Annotated[OptionalDate, Query(description="data_entrada a partir de (YYYY-MM-DD)")] = None,
    end_date: Annotated[OptionalDate, Query(description="data_entrada até (YYYY-MM-DD)")] = None,
    limit: Annotated[int, Query(description=f"1 a {service.MAX_LIMIT} (fora disso, ajustado)")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
):
    """Itens de pedidos em aberto desse designer, mais novos primeiro, sem valores."""
    return service.list_items(session, nome=nome, start=start_date, end=end_date, limit=limit, offset=offset)


@router.patch("/itens/{item_id}/status-arte", response_model=DesignerArteItem, summary="Liberar ou segurar a arte")
def patch_status_arte(item_id: ItemId, body: StatusArteIn, session: SessionDep, user: CurrentUser):
    """Muda só o status_arte do item: liberado ou aguardando."""
    return service.set_status_arte(session, item_id, body.status_arte, user=user)


@router.post("/itens/{item_id}/comentarios", response_model=DesignerArteItem, summary="Comentar a arte de um item")
def post_comentario(item_id: ItemId, body: ComentarioIn, session: SessionDep, user: CurrentUser):
    """Acrescenta um comentário ao item, assinado pelo usuário do token."""
    return service.add_comment(session, item_id, body.texto, user=user)
