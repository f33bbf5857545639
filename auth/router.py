from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from auth import service
from auth.dependencies import ClientAddress, CurrentClaims, CurrentUser, client_address
from auth.schemas import PASSWORD_CHANGED, LoginRequest, LoginResponse, MeResponse, MessageResponse, PasswordChange
from config import settings
from database.session import SessionDep
from errors import Unprocessable
from route_alias import alias

router = APIRouter(prefix="/auth", tags=["Usuários"])
# PATCH /users/me/password is the same operation as POST /auth/change-password, so it is served here.
me_router = APIRouter(prefix="/users/me", tags=["Usuários"])


async def _login_request(request: Request) -> LoginRequest:
    # JSON for the desktop app, form fields for the OpenAPI page's Authorize button.
    content_type = request.headers.get("content-type", "")
    try:
        if "application/x-www-form-urlencoded" in content_type or "multipart/form-data" in content_type:
            data = dict(await request.form())
        else:
            data = await request.json()
    except Exception:
        raise Unprocessable('Corpo inválido: envie JSON {"username", "password"} ou formulário') from None
    if not isinstance(data, dict):
        raise Unprocessable('Corpo inválido: envie JSON {"username", "password"}')
    return LoginRequest.model_validate(data)


@router.post(
    "/login",
    summary="Entrar",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": LoginRequest.model_json_schema()},
                "application/x-www-form-urlencoded": {"schema": LoginRequest.model_json_schema()},
            },
        }
    },
)
async def login(request: Request) -> LoginResponse:
    """Troca usuário e senha por um token (JSON ou formulário); tentativas erradas são freadas."""
    credentials = await _login_request(request)
    address = await client_address(request)
    user, token, _claims = await run_in_threadpool(
        service.login, username=credentials.username, password=credentials.password, address=address
    )
    return LoginResponse(
        user_id=user.id,
        username=user.username,
        is_admin=user.is_admin,
        setor=user.setor,
        session_token=token,
        access_token=token,
        expires_in=settings.ACCESS_TOKEN_EXPIRE_MINUTES * 60,
    )


@router.post("/logout", summary="Sair")
def logout(session: SessionDep, claims: CurrentClaims) -> MessageResponse:
    """Revoga o token usado na chamada."""
    service.logout(session, claims)
    return MessageResponse(message="Logout realizado com sucesso")


@router.get("/me", summary="Usuário atual")
def me(user: CurrentUser) -> MeResponse:
    """Quem é o dono do token."""
    return MeResponse(
        user_id=user.id, username=user.username, is_admin=user.is_admin, is_active=user.is_active, setor=user.setor
    )


@router.post("/change-password", summary="Alterar a própria senha")
@alias(me_router, "PATCH", "/password", summary="Alterar a própria senha", same_as="POST /auth/change-password")
def change_password(
    body: PasswordChange, session: SessionDep, user: CurrentUser, claims: CurrentClaims, address: ClientAddress
) -> MessageResponse:
    """Pede a senha atual; as outras sessões do usuário são encerradas."""
    service.change_own_password(session, user=user, claims=claims, passwords=body, address=address)
    return PASSWORD_CHANGED
