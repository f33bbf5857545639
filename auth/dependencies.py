"""The dependencies every router uses: CurrentUser and AdminUser."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from starlette.concurrency import run_in_threadpool

from auth import service
from auth.models import User
from auth.security import TokenClaims, decode_access_token
from database import engine as engines
from database.session import SessionDep, session_scope
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


# Async where there is no I/O: a sync dependency costs a threadpool hop per request.
async def admin(user: Annotated[User, Depends(authenticated)]) -> User:
    if not user.is_admin:
        raise Forbidden(ADMIN_ONLY)
    return user


async def token_claims(request: Request, _user: Annotated[User, Depends(authenticated)]) -> TokenClaims:
    return request.state.claims


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Access:
    """For hot routes: the token's signature is already verified; the user (active, token not
    revoked) is read from the database on every request, in the threadpool hop of a read's work.

    A sync CurrentUser route costs three hops (user check, endpoint, commit) and, for a write,
    holds SQLite's write lock across all three; a read here costs one hop, a write two (the user
    check, then the write alone under the lock).
    """

    token: str
    user: User | None = None  # set by writer_access

    async def read(self, work: Callable[..., T], *args) -> T:
        """`work(connection, *args)` in a worker thread, in one read transaction after the user check."""
        return await run_in_threadpool(self._read, work, *args)

    async def write(self, work: Callable[..., T], *args) -> T:
        """`work(session, *args, user=user)` in a worker thread, in one write transaction (WriterAccessDep)."""
        return await run_in_threadpool(self._write, work, *args)

    def _read(self, work: Callable[..., T], *args) -> T:
        with engines.engine.connect() as connection:
            if not service.token_user_active(connection, self.token):
                raise Unauthorized(service.INVALID_TOKEN)
            result = work(connection, *args)
            connection.commit()
        return result

    def _write(self, work: Callable[..., T], *args) -> T:
        with session_scope() as session:
            return work(session, *args, user=self.user)

    def load_user(self) -> User:
        with engines.engine.connect() as connection:
            user = service.active_user(connection, self.token)
        if user is None:
            raise Unauthorized(service.INVALID_TOKEN)
        return user


async def token_access(token: Annotated[str | None, Depends(oauth2_scheme)]) -> Access:
    # Missing or forged tokens stop here, before any thread or database work.
    if not token:
        raise Unauthorized("Não autenticado")
    if decode_access_token(token) is None:
        raise Unauthorized(service.INVALID_TOKEN)
    return Access(token)


async def writer_access(token: Annotated[str | None, Depends(oauth2_scheme)]) -> Access:
    # The user is checked before the body is validated (a stopped user gets 401, never 422), on a
    # read connection: SQLite's write lock is taken only by the write itself.
    access = await token_access(token)
    return replace(access, user=await run_in_threadpool(access.load_user))


CurrentUser = Annotated[User, Depends(authenticated)]
AdminUser = Annotated[User, Depends(admin)]
CurrentClaims = Annotated[TokenClaims, Depends(token_claims)]
# Hot routes: call the service through `access.read(...)` / `access.write(...)` (see Access).
AccessDep = Annotated[Access, Depends(token_access)]
WriterAccessDep = Annotated[Access, Depends(writer_access)]
