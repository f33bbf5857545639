from __future__ import annotations

from pydantic import NaiveDatetime
from sqlalchemy import Index
from sqlmodel import Field

from database.base import SQLModel, utcnow


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=100, unique=True, index=True)
    hashed_password: str = Field(max_length=255)
    is_admin: bool = False
    is_active: bool = True
    # The user's sector (the app's user form: admin, financeiro, conferencia, impressao, ...).
    setor: str = Field(default="geral", max_length=50)
    # A password change ends every other session: tokens issued before `tokens_valid_from` are
    # refused, except the one that changed it (`tokens_kept_jti`).
    tokens_valid_from: NaiveDatetime | None = None
    tokens_kept_jti: str | None = Field(default=None, max_length=64)
    created_at: NaiveDatetime = Field(default_factory=utcnow)
    updated_at: NaiveDatetime = Field(default_factory=utcnow)


class RevokedToken(SQLModel, table=True):
    __tablename__ = "revoked_tokens"

    jti: str = Field(primary_key=True, max_length=64)
    user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="CASCADE")
    expires_at: NaiveDatetime = Field(index=True)
    revoked_at: NaiveDatetime = Field(default_factory=utcnow)


class AuthEpoch(SQLModel, table=True):
    """One row whose `value` database triggers bump on every change to users or revoked_tokens
    (migration 0900): a token checked at epoch E stays valid while the epoch reads E, whatever
    else is written (auth.dependencies). Not written by the application itself.
    """

    __tablename__ = "auth_epoch"

    id: int = Field(primary_key=True)
    value: int = 0


class LoginFailure(SQLModel, table=True):
    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_pair", "username", "address", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=100)
    address: str = Field(max_length=64)
    created_at: NaiveDatetime = Field(default_factory=utcnow)
