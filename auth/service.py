"""Authentication and user management rules."""

from __future__ import annotations

import logging
import math
import secrets
from datetime import timedelta

from sqlalchemy import Connection, Row, bindparam, delete, exists, func, select
from sqlalchemy.orm import make_transient_to_detached
from sqlmodel import Session

from auth.models import LoginFailure, RevokedToken, User
from auth.schemas import PasswordChange, UserCreate, UserUpdate
from auth.security import TokenClaims, create_access_token, decode_access_token, hash_password, verify_password
from config import settings
from database.base import utcnow
from database.session import session_scope
from errors import BadRequest, Conflict, Forbidden, NotFound, TooManyRequests, Unauthorized

logger = logging.getLogger("sgp.auth")

INVALID_CREDENTIALS = "Usuário ou senha inválidos"
INACTIVE_USER = "Usuário inativo"
INVALID_TOKEN = "Token inválido ou sessão expirada"


def _throttle_wait_seconds(session: Session, username: str, address: str) -> int:
    since = utcnow() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    recent = (
        session.execute(
            select(LoginFailure.created_at)
            .where(LoginFailure.username == username, LoginFailure.address == address, LoginFailure.created_at >= since)
            .order_by(LoginFailure.created_at.desc())
            .limit(settings.LOGIN_MAX_FAILURES)
        )
        .scalars()
        .all()
    )
    if len(recent) < settings.LOGIN_MAX_FAILURES:
        return 0
    oldest = recent[-1]
    unlock_at = oldest + timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    return max(1, math.ceil((unlock_at - utcnow()).total_seconds()))


def _record_failure(session: Session, username: str, address: str) -> None:
    session.add(LoginFailure(username=username, address=address))
    cutoff = utcnow() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    session.execute(delete(LoginFailure).where(LoginFailure.created_at < cutoff))


def login(*, username: str, password: str, address: str) -> tuple[User, str, TokenClaims]:
    """Check credentials (throttled per username+address) and issue a token.

    Owns its transactions: a failure must be recorded although the request fails, and the
    bcrypt check (hundreds of ms) must not run while a SQLite write lock is held.
    """
    username = username.strip()
    with session_scope(write=False) as session:
        wait = _throttle_wait_seconds(session, username, address)
        user = session.execute(select(User).where(User.username == username)).scalars().first()
    if wait:
        raise TooManyRequests(
            "Muitas tentativas de login. Tente novamente mais tarde.", headers={"Retry-After": str(wait)}
        )
    if not verify_password(password, user.hashed_password if user else None):
        with session_scope() as session:
            _record_failure(session, username, address)
        raise Unauthorized(INVALID_CREDENTIALS)
    if not user.is_active:
        raise Forbidden(INACTIVE_USER)
    with session_scope() as session:
        session.execute(delete(LoginFailure).where(LoginFailure.username == username, LoginFailure.address == address))
    token, claims = create_access_token(username=user.username, user_id=user.id)
    return user, token, claims


def logout(session: Session, claims: TokenClaims) -> None:
    """Revoke the token's jti and purge expired revocations."""
    if session.get(RevokedToken, claims.jti) is None:
        session.add(RevokedToken(jti=claims.jti, user_id=claims.user_id, expires_at=claims.expires_at))
    session.execute(delete(RevokedToken).where(RevokedToken.expires_at < utcnow()))


# Built once, Core not ORM: this runs on every request, and building an ORM select and loading
# an entity through the session cost more than the query itself.
_USERS = User.__table__
_USER_FOR_TOKEN = select(
    *_USERS.c, exists().where(RevokedToken.__table__.c.jti == bindparam("jti")).label("revoked")
).where(_USERS.c.id == bindparam("user_id"))
_USER_KEYS = [column.key for column in _USERS.c]


def _active_row(connection: Connection, token: str | None) -> tuple[Row | None, TokenClaims | None]:
    """The user's row when the token is valid and unrevoked and the user active, with the claims."""
    claims = decode_access_token(token) if token else None
    if claims is None:
        return None, None
    row = connection.execute(_USER_FOR_TOKEN, {"jti": claims.jti, "user_id": claims.user_id}).first()
    if row is None or row.revoked or not row.is_active or row.username != claims.username or _cut_off(row, claims):
        return None, claims
    return row, claims


def _cut_off(row: Row, claims: TokenClaims) -> bool:
    """Issued before the user's last password change, and not the token that made it."""
    since = row.tokens_valid_from
    if since is None or claims.jti == row.tokens_kept_jti:
        return False
    return claims.issued_at is None or claims.issued_at < since


def end_other_sessions(user: User, *, keep_jti: str | None = None) -> None:
    """Every token of `user` issued until now stops working, except `keep_jti` (the one in use)."""
    user.tokens_valid_from = utcnow()
    user.tokens_kept_jti = keep_jti


def reset_password(user: User, password: str) -> None:
    """Someone else sets the password (an admin, the reset-admin command): whoever knew the old one
    is logged out everywhere."""
    user.hashed_password = hash_password(password)
    user.updated_at = utcnow()
    end_other_sessions(user)


def _detached_user(row: Row) -> User:
    user = User(**dict(zip(_USER_KEYS, row, strict=False)))  # the row's leading columns are the user's
    make_transient_to_detached(user)
    return user


def active_user(connection: Connection, token: str | None) -> User | None:
    """The active user behind a valid, unrevoked token, detached (code that changes it adds it back)."""
    row, _claims = _active_row(connection, token)
    return None if row is None else _detached_user(row)


def user_for_token(session: Session, token: str | None) -> tuple[User, TokenClaims] | None:
    """The active user behind a valid, unrevoked token, and its claims; one query, on every request."""
    # On the session's connection (same transaction), skipping the ORM's per-statement work.
    row, claims = _active_row(session.connection(), token)
    return None if row is None else (_detached_user(row), claims)


# --- users -------------------------------------------------------------------------------------


def list_users(session: Session, *, skip: int = 0, limit: int | None = None) -> list[User]:
    statement = select(User).order_by(User.id).offset(skip)
    if limit is not None:
        statement = statement.limit(limit)
    return list(session.execute(statement).scalars().all())


def get_user(session: Session, *, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("Usuário não encontrado")
    return user


def _ensure_username_free(session: Session, username: str, *, except_id: int | None = None) -> None:
    statement = select(User.id).where(func.lower(User.username) == username.lower())
    if except_id is not None:
        statement = statement.where(User.id != except_id)
    if session.execute(statement).first():
        raise BadRequest("Nome de usuário já está em uso")


def create_user(session: Session, *, user_in: UserCreate) -> User:
    _ensure_username_free(session, user_in.username)
    user = User(
        username=user_in.username,
        hashed_password=hash_password(user_in.password),
        is_admin=user_in.is_admin,
        is_active=user_in.is_active,
        setor=user_in.setor,
    )
    session.add(user)
    session.flush()
    return user


def _active_admins(session: Session) -> int:
    return session.execute(
        select(func.count()).select_from(User).where(User.is_admin.is_(True), User.is_active.is_(True))
    ).scalar_one()


def _guard_last_admin(session: Session, user: User) -> None:
    if user.is_admin and user.is_active and _active_admins(session) <= 1:
        raise Conflict("Não é possível remover, rebaixar ou desativar o último administrador ativo")


def update_user(session: Session, *, user: User, user_in: UserUpdate) -> User:
    changes = user_in.model_dump(exclude_unset=True, exclude_none=True)
    if "username" in changes and changes["username"] != user.username:
        _ensure_username_free(session, changes["username"], except_id=user.id)
    if changes.get("is_admin") is False or changes.get("is_active") is False:
        _guard_last_admin(session, user)
    if "password" in changes:
        reset_password(user, changes.pop("password"))
    for key, value in changes.items():
        setattr(user, key, value)
    user.updated_at = utcnow()
    session.add(user)
    session.flush()
    return user


def delete_user(session: Session, *, user: User) -> None:
    _guard_last_admin(session, user)
    session.delete(user)
    session.flush()


def change_own_password(
    session: Session, *, user: User, claims: TokenClaims, passwords: PasswordChange, address: str
) -> None:
    """The user's new password; every other session of theirs ends, the one in use goes on.

    Wrong current passwords are counted and slowed like failed logins (their own key), in
    transactions of their own: the failure is kept although the request fails.
    """
    key = f"troca-senha:{user.username}"
    with session_scope(write=False) as reading:
        wait = _throttle_wait_seconds(reading, key, address)
    if wait:
        raise TooManyRequests("Muitas tentativas. Tente novamente mais tarde.", headers={"Retry-After": str(wait)})
    if not verify_password(passwords.current_password, user.hashed_password):
        with session_scope() as writing:
            _record_failure(writing, key, address)
        raise BadRequest("Senha atual incorreta")
    stored = session.get(User, user.id)
    if stored is None:
        raise Unauthorized(INVALID_TOKEN)
    stored.hashed_password = hash_password(passwords.new_password)
    stored.updated_at = utcnow()
    end_other_sessions(stored, keep_jti=claims.jti)
    session.flush()


def reset_admin(session: Session, *, username: str, password: str) -> User:
    """`python -m scripts.reset_admin`: a new password for an admin, active again, its sessions ended."""
    user = session.execute(select(User).where(User.username == username)).scalars().first()
    if user is None or not user.is_admin:
        admins = session.execute(select(User.username).where(User.is_admin.is_(True)).order_by(User.id)).scalars()
        names = ", ".join(admins) or "nenhum"
        what = "não encontrado" if user is None else "não é administrador"
        raise NotFound(f"Usuário '{username}' {what}. Administradores: {names}")
    reset_password(user, password)
    user.is_active = True  # the way back in when the only admin was deactivated by mistake
    session.add(user)
    session.flush()
    return user


def ensure_first_admin(session: Session) -> str | None:
    """Create `admin` when there are no users; return the generated password, if any."""
    if session.execute(select(func.count()).select_from(User)).scalar_one():
        return None
    password = settings.FIRST_ADMIN_PASSWORD or secrets.token_urlsafe(12)
    session.add(User(username="admin", hashed_password=hash_password(password), is_admin=True))
    session.flush()
    return None if settings.FIRST_ADMIN_PASSWORD else password
