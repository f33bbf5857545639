"""/users (the app's user screen) and the original's /admin/users mirror: one handler serves both paths.

The mirror differs only in what it answers: no created_at, POST 200, DELETE a message.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response, status

from auth import service
from auth.dependencies import AdminUser
from auth.models import User
from auth.schemas import AdminUserPublic, MessageResponse, UserCreate, UserPublic, UserUpdate
from database.pagination import IdPath, PageDep
from database.session import SessionDep

router = APIRouter(prefix="/users", tags=["Usuários"])
admin_router = APIRouter(prefix="/admin/users", tags=["Usuários"])


# Authenticate before looking the user up, so a non-admin never learns which ids exist.
def valid_user(user_id: IdPath, session: SessionDep, _admin: AdminUser) -> User:
    return service.get_user(session, user_id=user_id)


UserById = Annotated[User, Depends(valid_user)]


def mirror(method: str, path: str, summary: str, description: str, response_model: Any = AdminUserPublic):
    """Serve the decorated handler on /admin/users too, answering in the mirror's shape."""
    return admin_router.api_route(
        path,
        methods=[method],
        response_model=response_model,
        summary=f"{summary} (espelho admin)",
        description=description,
    )


@router.get("", response_model=list[UserPublic], summary="Listar usuários")
@mirror(
    "GET",
    "",
    "Listar usuários",
    "O espelho /admin/users do original: como GET /users, sem created_at.",
    list[AdminUserPublic],
)
def list_users(session: SessionDep, _admin: AdminUser, page: PageDep):
    """Todos os usuários (admin)."""
    return service.list_users(session, skip=page.skip, limit=page.limit)


@router.get("/{user_id}", response_model=UserPublic, summary="Obter usuário")
@mirror("GET", "/{user_id}", "Obter usuário", "Como GET /users/{id}, sem created_at.")
def get_user(user: UserById, _admin: AdminUser):
    """Um usuário pelo id (admin)."""
    return user


@router.post("", response_model=UserPublic, status_code=status.HTTP_201_CREATED, summary="Criar usuário")
@mirror("POST", "", "Criar usuário", "Como POST /users, respondendo 200 como o original.")
def create_user(body: UserCreate, session: SessionDep, _admin: AdminUser):
    """Novo usuário com senha de 8 a 72 bytes e um setor (admin)."""
    return service.create_user(session, user_in=body)


@router.patch("/{user_id}", response_model=UserPublic, summary="Atualizar usuário")
@mirror("PATCH", "/{user_id}", "Atualizar usuário", "Como PATCH /users/{id}.")
def update_user(user: UserById, body: UserUpdate, session: SessionDep, _admin: AdminUser):
    """Altera os campos enviados; uma senha nova encerra as sessões do usuário (admin)."""
    return service.update_user(session, user=user, user_in=body)


@router.delete("/{user_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Excluir usuário")
def delete_user(user: UserById, session: SessionDep, _admin: AdminUser) -> Response:
    """Remove o usuário; o último administrador ativo não pode ser removido (admin)."""
    service.delete_user(session, user=user)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@mirror(
    "DELETE", "/{user_id}", "Excluir usuário", "Como DELETE /users/{id}, respondendo com uma mensagem.", MessageResponse
)
def admin_delete_user(user: UserById, session: SessionDep, _admin: AdminUser) -> MessageResponse:
    service.delete_user(session, user=user)
    return MessageResponse(message="Usuário removido com sucesso")
