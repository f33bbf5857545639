"""The dependencies every router uses: CurrentUser and AdminUser."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.requests import HTTPConnection
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool

from auth import service
from auth.models import User
from auth.schemas import MessageResponse, PasswordChange
from auth.security import TokenClaims, decode_access_token
from database import data_version
from database import engine as engines
from database.session import SessionDep
from database.writer import run_write
from errors import Forbidden, Unauthorized

ADMIN_ONLY = "Ação permitida apenas para administradores."

# One bearer scheme in the OpenAPI document: oauth2_scheme, and the Access schemes below (same name).
_BEARER = {"tokenUrl": "/auth/login", "auto_error": False, "scheme_name": "OAuth2PasswordBearer"}
oauth2_scheme = OAuth2PasswordBearer(**_BEARER)


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


async def admin_claims(request: Request, _admin: Annotated[User, Depends(admin)]) -> TokenClaims:
    return request.state.claims


T = TypeVar("T")


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


_BUSY = object()


def _on_the_loop(call: Callable[..., T], *args) -> T | object:
    """`call(*args, engine=...)` right here on SQLite's no-wait engine; _BUSY when it would have to
    wait for a lock (or on PostgreSQL, where every query is network I/O): then use a thread."""
    if engines.loop_engine is None:
        return _BUSY
    try:
        return call(*args, engine=engines.loop_engine)
    except OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            return _BUSY
        raise


@dataclass(frozen=True, slots=True)
class Access:
    """For hot routes: the token's signature is already verified; the user (active, token not
    revoked) is checked against the database, in the threadpool hop of a read's work, unless the
    database has not changed since the token's last check (SQLite's data version), or no user or
    token has (the auth epoch).

    A sync CurrentUser route costs three hops (user check, endpoint, commit) and, for a write,
    holds SQLite's write lock across all three; a read here costs one hop (none when its answer
    is cached too), a write one or two (the user check, then the write alone under the lock).
    """

    token: str
    version: Any = None  # the data version read before any of this request's database work
    checked_user: User | None = None  # the user, when this token's last check still holds
    user: User | None = None  # set by writer_access

    async def read(self, work: Callable[..., T], *args) -> T:
        """`work(connection, *args)` in a worker thread, in one read transaction after the user check."""
        return await run_in_threadpool(self._read, work, *args)

    async def write(self, work: Callable[..., T], *args) -> T:
        """`work(session, *args, user=user)` off the loop, in one write transaction (WriterAccessDep)."""
        return await run_write(work, *args, user=self.user)

    async def read_now(self, work: Callable[..., T], *args) -> T:
        """`read` for work that costs less than the hop to a thread (one order by id).

        On SQLite it runs on the event loop: a WAL reader never waits for writers, and in the rare
        moments it would (a checkpoint resetting the log) it fails at once and goes to a thread.
        """
        result = _on_the_loop(self._read, work, *args)
        return await self.read(work, *args) if result is _BUSY else result

    def read_driver(self, work: Callable[..., T | None], *args) -> T | None:
        """`work(driver_connection, *args)` right here, for one-row reads on SQLite by a user whose
        check still holds (no SQLAlchemy connection or transaction: a lone SELECT is its own).
        None when it cannot answer so: PostgreSQL, a user to check, a busy database, or `work`'s None.
        """
        if engines.loop_engine is None or self.checked_user is None:
            return None
        try:
            return work(engines.loop_driver(), *args)
        except (sqlite3.OperationalError, OperationalError) as error:
            if "locked" in str(error) or "busy" in str(error):
                return None
            engines.drop_loop_driver()
            raise

    async def writer(self) -> Access:
        """This access with its user loaded (one indexed read: on the event loop, as read_now)."""
        user = self.checked_user or _on_the_loop(self.load_user)
        if user is _BUSY:
            user = await run_in_threadpool(self.load_user)
        return replace(self, user=user)

    def _read(self, work: Callable[..., T], *args, engine: Engine | None = None) -> T:
        with (engine or engines.engine).connect() as connection:
            if self.checked_user is None:
                _check_user(connection, self.token, self.version)
            result = work(connection, *args)
            connection.commit()
        return result

    def load_user(self, engine: Engine | None = None) -> User:
        with (engine or engines.engine).connect() as connection:
            return _check_user(connection, self.token, self.version)


def token_access(token: str | None) -> Access:
    # Missing or forged tokens stop here, before any thread or database work.
    if not token:
        raise Unauthorized("Não autenticado")
    if decode_access_token(token) is None:
        raise Unauthorized(service.INVALID_TOKEN)
    version = data_version.current()
    return Access(token, version, _still_checked(token, version))


class _AccessScheme(OAuth2PasswordBearer):
    """oauth2_scheme (same name and token URL in the OpenAPI document) that resolves to an Access:
    one dependency instead of a dependency on the scheme (~10 µs a request for FastAPI to solve)."""

    async def __call__(self, request: HTTPConnection) -> Access:
        return token_access(await super().__call__(request))


class _WriterAccessScheme(_AccessScheme):
    async def __call__(self, request: HTTPConnection) -> Access:
        # The user is checked before the body is validated (a stopped user gets 401, never 422), on
        # a read connection: SQLite's write lock is taken only by the write itself.
        return await (await super().__call__(request)).writer()


CurrentUser = Annotated[User, Depends(authenticated)]
AdminUser = Annotated[User, Depends(admin)]
CurrentClaims = Annotated[TokenClaims, Depends(token_claims)]
AdminClaims = Annotated[TokenClaims, Depends(admin_claims)]
# Hot routes: call the service through `access.read(...)` / `access.write(...)` (see Access).
AccessDep = Annotated[Access, Depends(_AccessScheme(**_BEARER))]
WriterAccessDep = Annotated[Access, Depends(_WriterAccessScheme(**_BEARER))]


async def password_change(body: PasswordChange, request: Request, access: Access) -> MessageResponse:
    """The one handler body of POST /auth/change-password and PATCH /users/me/password.

    No request session: the service owns its transactions (bcrypt runs with no lock held).
    """
    claims = decode_access_token(access.token)
    address = request.client.host if request.client else "unknown"
    await run_in_threadpool(
        service.change_own_password,
        claims=claims,
        current_password=body.current_password,
        new_password=body.new_password,
        address=address,
    )
    return MessageResponse(message="Senha alterada com sucesso")
