"""The dependencies every router uses: CurrentUser and AdminUser."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from auth import service
from auth.models import User
from auth.security import TokenClaims
from database.session import SessionDep
from errors import Forbidden, Unauthorized

ADMIN_ONLY = "Ação permitida apenas para administradores."

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/login", auto_error=False)


def authenticated(request: Request, session: SessionDep, token: Annotated[str | None, Depends(oauth2_scheme)]) -> User:
    found = service.user_for_token(session, token)
    if found is None:
        raise Unauthorized(service.INVALID_TOKEN if token else "Não autenticado")
    user, claims = found
    request.state.user = user
    request.state.claims = claims
    return user


def admin(user: Annotated[User, Depends(authenticated)]) -> User:
    if not user.is_admin:
        raise Forbidden(ADMIN_ONLY)
    return user


def token_claims(request: Request, _user: Annotated[User, Depends(authenticated)]) -> TokenClaims:
    return request.state.claims


CurrentUser = Annotated[User, Depends(authenticated)]
AdminUser = Annotated[User, Depends(admin)]
CurrentClaims = Annotated[TokenClaims, Depends(token_claims)]
