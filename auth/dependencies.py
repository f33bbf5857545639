"""The one auth dependency family every router uses: CurrentUser, AdminUser, CurrentClaims.

A request's token is checked once, on the cheapest path that is still exact (see current_user):
its signature by a per-worker cache (auth.security), the user (active, token not revoked, not
cut off by a password change) against the database, unless the database has not changed since
this token's last check (SQLite's data version) or no user or token has (the auth epoch, bumped
by triggers). The check runs on the event loop where it costs less than a thread hop (SQLite's
loop engine, database/reads.py), else in a worker thread.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.requests import HTTPConnection
from fastapi.security import OAuth2PasswordBearer
from fastapi.security.utils import get_authorization_scheme_param
from sqlalchemy import Connection, Engine
from starlette.concurrency import run_in_threadpool

from auth import service
from auth.models import User
from auth.security import TokenClaims, decode_access_token
from config import settings
from database import data_version, reads
from database import engine as engines
from errors import Forbidden, Unauthorized

ADMIN_ONLY = "Ação permitida apenas para administradores."

# token → (data version, auth epoch, user) of its last successful check on SQLite. While the
# database has not changed since, or no user or token has (the auth epoch, bumped by triggers), the
# user is still active and the token unrevoked (database/data_version.py).
_CHECKED_MAX = 10_000
_checked: dict[str, tuple[Any, int | None, User]] = {}


def _remember_check(token: str, version: Any, epoch: int | None, user: User) -> None:
    if version is None:
        return
    if len(_checked) >= _CHECKED_MAX:
        _checked.clear()  # crude bound: tokens in use are few
    _checked[token] = (version, epoch, user)


def _still_checked(token: str, version: Any) -> User | None:
    """The token's user if its last check still holds at data version `version` (read just before)."""
    found = _checked.get(token)
    if found is None or version is None:
        return None
    checked_version, epoch, user = found
    if checked_version == version:
        return user
    # Other tables changed (orders, mostly): one read of the epoch instead of the user's row.
    if epoch is not None and data_version.auth_epoch() == epoch:
        _checked[token] = (version, epoch, user)
        return user
    return None


def _check_user(connection: Connection, token: str, version: Any) -> User:
    epoch = data_version.auth_epoch() if version is not None else None  # before the check, as `version`
    user = service.active_user(connection, token)
    if user is None:
        raise Unauthorized(service.INVALID_TOKEN)
    _remember_check(token, version, epoch, user)
    return user


def _load_user(token: str, version: Any, engine: Engine | None = None) -> User:
    with (engine or engines.engine).connect() as connection:
        return _check_user(connection, token, version)


async def user_for_token(token: str | None) -> User:
    """The active user behind `token`, or Unauthorized; the WebSocket and the routes share it."""
    # Missing or forged tokens stop here, before any thread or database work.
    if not token:
        raise Unauthorized("Não autenticado")
    if decode_access_token(token) is None:
        raise Unauthorized(service.INVALID_TOKEN)
    version = data_version.current()  # before any database read, so a cached check stays exact
    user = _still_checked(token, version) or reads.on_loop(_load_user, token, version)
    if user is reads.BUSY:
        user = await run_in_threadpool(_load_user, token, version)
    return user


class _UserScheme(OAuth2PasswordBearer):
    """The OAuth2 bearer scheme (the OpenAPI page's Authorize button) resolving to the checked user:
    one dependency for FastAPI to solve, not a scheme plus a user dependency (~10 µs a request)."""

    async def __call__(self, request: HTTPConnection) -> User:
        token = await super().__call__(request)
        user = await user_for_token(token)
        request.state.claims = decode_access_token(token)
        return user


oauth2_scheme = _UserScheme(tokenUrl="/auth/login", auto_error=False, scheme_name="OAuth2PasswordBearer")
CurrentUser = Annotated[User, Depends(oauth2_scheme)]


# Async where there is no I/O: a sync dependency costs a threadpool hop per request.
async def admin(user: CurrentUser) -> User:
    if not user.is_admin:
        raise Forbidden(ADMIN_ONLY)
    return user


async def metrics_reader(request: Request) -> None:
    """A scraper with the static METRICS_TOKEN (compared in constant time), else an admin's token."""
    scheme, token = get_authorization_scheme_param(request.headers.get("Authorization"))
    token = token if scheme.lower() == "bearer" else ""
    expected = settings.METRICS_TOKEN
    if expected and token and hmac.compare_digest(token.encode(), expected.encode()):
        return
    if not (await user_for_token(token or None)).is_admin:
        raise Forbidden(ADMIN_ONLY)


async def token_claims(request: Request, _user: CurrentUser) -> TokenClaims:
    return request.state.claims


async def client_address(request: Request) -> str:
    """The caller's address: the key, with the username, of the failed-password throttle."""
    return request.client.host if request.client else "unknown"


AdminUser = Annotated[User, Depends(admin)]
ClientAddress = Annotated[str, Depends(client_address)]
CurrentClaims = Annotated[TokenClaims, Depends(token_claims)]
MetricsReader = Annotated[None, Depends(metrics_reader)]
