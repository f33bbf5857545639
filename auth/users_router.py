"""/users (the app's user screen), /users/me/password and the /admin/users mirror."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from auth import service
from auth.dependencies import AdminUser, ClientAddress, CurrentClaims, CurrentUser
from auth.schemas import (
    PASSWORD_CHANGED,
    AdminUserPublic,
    MessageResponse,
    PasswordChange,
    UserCreate,
    UserPublic,
    UserUpdate,
)
from database.pagination import IdPath, PageDep
from database.session import SessionDep

router = APIRouter(prefix="/users", tags=["Usuários"])
admin_router = APIRouter(prefix="/admin/users", tags=["Usuários"])


@router.patch(
    "/me/password",
    response_model=MessageResponse,
    summary="Alterar a própria senha (PATCH)",
    description="O mesmo que POST /auth/change-password: pede a senha atual e encerra as outras sessões.",
)
def change_my_password(
    body: PasswordChange, session: SessionDep, user: CurrentUser, claims: CurrentClaims, address: ClientAddress
) -> MessageResponse:
    service.change_own_password(session, user=user, claims=claims, passwords=body, address=address)
    return PASSWORD_CHANGED


@router.get("", response_model=list[UserPublic], summary="Listar usuários", description="Todos os usuários (admin).")
def list_users(session: SessionDep, _admin: AdminUser, page: PageDep):
    return service.list_users(session, skip=page.skip, limit=page.limit)


@router.get("/{user_id}", response_model=UserPublic, summary="Obter usuário", description="Um usuário pelo id (admin).")
def get_user(user_id: IdPath, session: SessionDep, _admin: AdminUser):
    return service.get_user(session, user_id=user_id)


@router.post(
    "",
    response_model=UserPublic,
    status_code=status.HTTP_201_CREATED,
    summary="Criar usuário",
    description="Novo usuário com senha de 8 a 72 bytes e um setor (admin).",
)
def create_user(body: UserCreate, session: SessionDep, _admin: AdminUser):
    return service.create_user(session, user_in=body)


@router.patch(
    "/{user_id}",
    response_model=UserPublic,
    summary="Atualizar usuário",
    description="Altera os campos enviados; uma senha nova encerra as sessões do usuário (admin).",
)
def update_user(user_id: IdPath, body: UserUpdate, session: SessionDep, _admin: AdminUser):
    return service.update_user(session, user=service.get_user(session, user_id=user_id), user_in=body)


@router.delete(
    "/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Excluir usuário",
    description="Remove o usuário; o último administrador ativo não pode ser removido (admin).",
)
def delete_user(user_id: IdPath, session: SessionDep, _admin: AdminUser) -> Response:
    service.delete_user(session, user=service.get_user(session, user_id=user_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# The original's /admin/users mirror: no created_at, POST 200, DELETE answers with a message.
@admin_router.get(
    "",
    response_model=list[AdminUserPublic],
    summary="Listar usuários (espelho admin)",
    description="O espelho /admin/users do original: como GET /users, sem created_at.",
)
def admin_list_users(session: SessionDep, _admin: AdminUser, page: PageDep):
    return service.list_users(session, skip=page.skip, limit=page.limit)


@admin_router.get(
    "/{user_id}",
    response_model=AdminUserPublic,
    summary="Obter usuário (espelho admin)",
    description="Como GET /users/{id}, sem created_at.",
)
def admin_get_user(user_id: IdPath, session: SessionDep, _admin: AdminUser):
    return service.get_user(session, user_id=user_id)


@admin_router.post(
    "",
    response_model=AdminUserPublic,
    summary="Criar usuário (espelho admin)",
    description="Como POST /users, respondendo 200 como o original.",
)
def admin_create_user(body: UserCreate, session: SessionDep, _admin: AdminUser):
    return service.create_user(session, user_in=body)


@admin_router.patch(
    "/{user_id}",
    response_model=AdminUserPublic,
    summary="Atualizar usuário (espelho admin)",
    description="Como PATCH /users/{id}.",
)
def admin_update_user(user_id: IdPath, body: UserUpdate, session: SessionDep, _admin: AdminUser):
    return service.update_user(session, user=service.get_user(session, user_id=user_id), user_in=body)


@admin_router.delete(
    "/{user_id}",
    response_model=MessageResponse,
    summary="Excluir usuário (espelho admin)",
    description="Como DELETE /users/{id}, respondendo com uma mensagem.",
)
def admin_delete_user(user_id: IdPath, session: SessionDep, _admin: AdminUser) -> MessageResponse:
    service.delete_user(session, user=service.get_user(session, user_id=user_id))
    return MessageResponse(message="Usuário removido com sucesso")
