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

router = APIRouter(prefix="/users", tags=["users"])
admin_router = APIRouter(prefix="/admin/users", tags=["admin"])


@router.patch("/me/password", response_model=MessageResponse)
def change_my_password(
    body: PasswordChange, session: SessionDep, user: CurrentUser, claims: CurrentClaims, address: ClientAddress
) -> MessageResponse:
    service.change_own_password(session, user=user, claims=claims, passwords=body, address=address)
    return PASSWORD_CHANGED


@router.get("", response_model=list[UserPublic])
def list_users(session: SessionDep, _admin: AdminUser, page: PageDep):
    return service.list_users(session, skip=page.skip, limit=page.limit)


@router.get("/{user_id}", response_model=UserPublic)
def get_user(user_id: IdPath, session: SessionDep, _admin: AdminUser):
    return service.get_user(session, user_id=user_id)


@router.post("", response_model=UserPublic, status_code=status.HTTP_201_CREATED)
def create_user(body: UserCreate, session: SessionDep, _admin: AdminUser):
    return service.create_user(session, user_in=body)


@router.patch("/{user_id}", response_model=UserPublic)
def update_user(user_id: IdPath, body: UserUpdate, session: SessionDep, _admin: AdminUser):
    return service.update_user(session, user=service.get_user(session, user_id=user_id), user_in=body)


@router.delete("/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_user(user_id: IdPath, session: SessionDep, _admin: AdminUser) -> Response:
    service.delete_user(session, user=service.get_user(session, user_id=user_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# The original's /admin/users mirror: no created_at, POST 200, DELETE answers with a message.
@admin_router.get("", response_model=list[AdminUserPublic])
def admin_list_users(session: SessionDep, _admin: AdminUser, page: PageDep):
    return service.list_users(session, skip=page.skip, limit=page.limit)


@admin_router.get("/{user_id}", response_model=AdminUserPublic)
def admin_get_user(user_id: IdPath, session: SessionDep, _admin: AdminUser):
    return service.get_user(session, user_id=user_id)


@admin_router.post("", response_model=AdminUserPublic)
def admin_create_user(body: UserCreate, session: SessionDep, _admin: AdminUser):
    return service.create_user(session, user_in=body)


@admin_router.patch("/{user_id}", response_model=AdminUserPublic)
def admin_update_user(user_id: IdPath, body: UserUpdate, session: SessionDep, _admin: AdminUser):
    return service.update_user(session, user=service.get_user(session, user_id=user_id), user_in=body)


@admin_router.delete("/{user_id}", response_model=MessageResponse)
def admin_delete_user(user_id: IdPath, session: SessionDep, _admin: AdminUser) -> MessageResponse:
    service.delete_user(session, user=service.get_user(session, user_id=user_id))
    return MessageResponse(message="Usuário removido com sucesso")
