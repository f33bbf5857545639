"""Staff notifications: each user sees their own and the broadcast ones."""

from __future__ import annotations

from fastapi import APIRouter, Response

from auth.dependencies import AdminUser, CurrentUser
from cadastros.crud import RecordId
from database.pagination import PageDep, with_total
from database.session import SessionDep
from notificacoes import service
from notificacoes.schemas import MarcadasLidas, NotificacaoCreate, NotificacaoPublic, Ultimos
from route_alias import alias

router = APIRouter(prefix="/notificacoes", tags=["Sistema"])
api_router = APIRouter(prefix="/api/notificacoes", tags=["Sistema"])


@api_router.get("/ultimos", response_model=Ultimos, summary="Última notificação")
def latest(session: SessionDep, user: CurrentUser):
    """O id e a hora da notificação mais recente do usuário."""
    return service.latest_for_user(session, user.id)


@router.get("", response_model=list[NotificacaoPublic], summary="Listar notificações")
def list_notifications(
    response: Response, session: SessionDep, user: CurrentUser, page: PageDep, lidas: bool | None = None
):
    """As do usuário e as gerais, com filtro lidas; o total vem em X-Total-Count."""
    return with_total(response, service.list_for_user(session, user.id, lidas=lidas, page=page))


@router.post("", response_model=NotificacaoPublic, status_code=201, summary="Criar notificação (admin)")
def create_notification(body: NotificacaoCreate, session: SessionDep, _admin: AdminUser):
    """Um aviso para um usuário ou, sem user_id, para todos; enviado também pelo WebSocket."""
    return service.create_by_admin(session, **body.model_dump())


@router.post("/marcar-todas-lidas", response_model=MarcadasLidas, summary="Marcar todas como lidas")
def mark_all_read(session: SessionDep, user: CurrentUser):
    """Marca como lidas todas as notificações do usuário."""
    return {"marcadas": service.mark_all_read(session, user.id)}


READ_PATH = "/{notificacao_id}/lida"


@router.get("/{notificacao_id}", response_model=NotificacaoPublic, summary="Obter notificação")
def read_notification(notificacao_id: RecordId, session: SessionDep, user: CurrentUser):
    """Uma notificação do usuário pelo id."""
    notificacao, lida = service.get_for_user(session, user.id, notificacao_id)
    return {**service.public(notificacao), "lida": lida}


@router.patch(READ_PATH, response_model=NotificacaoPublic, summary="Marcar como lida")
@alias(router, "POST", READ_PATH, summary="Marcar como lida", same_as="o PATCH", response_model=NotificacaoPublic)
def mark_read(notificacao_id: RecordId, session: SessionDep, user: CurrentUser):
    """Marca a notificação como lida para o usuário."""
    return service.mark_read(session, user.id, notificacao_id)


@router.delete("/{notificacao_id}", status_code=204, summary="Excluir notificação")
def delete_notification(notificacao_id: RecordId, session: SessionDep, user: CurrentUser) -> Response:
    """Apaga a notificação do usuário; uma geral só some da lista dele."""
    service.delete_for_user(session, user.id, notificacao_id)
    return Response(status_code=204)
