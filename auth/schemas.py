from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from auth.security import password_problem
from database.types import Timestamp

# The sectors the app's user form offers (GestaoUsuarios.tsx); its screens enable stages by sector.
Setor = Literal[
    "admin", "financeiro", "conferencia", "impressao", "costura", "expedicao", "designer", "vendas", "geral"
]


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1024)


class LoginResponse(BaseModel):
    success: bool = True
    user_id: int
    username: str
    is_admin: bool
    setor: str
    session_token: str
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    message: str = "Login realizado com sucesso"


class MessageResponse(BaseModel):
    success: bool = True
    message: str


PASSWORD_CHANGED = MessageResponse(message="Senha alterada com sucesso")


class MeResponse(BaseModel):
    user_id: int
    username: str
    is_admin: bool
    is_active: bool
    setor: str


def _check_password(value: str | None) -> str | None:
    if value is not None and (problem := password_problem(value)):
        raise ValueError(problem)
    return value


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    username: str = Field(min_length=1, max_length=100, pattern=r"^\S(.*\S)?$")
    password: str
    is_admin: bool = False
    is_active: bool = True
    setor: Setor = "geral"

    _password = field_validator("password")(_check_password)


class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    username: str | None = Field(default=None, min_length=1, max_length=100, pattern=r"^\S(.*\S)?$")
    password: str | None = None
    is_admin: bool | None = None
    is_active: bool | None = None
    setor: Setor | None = None

    _password = field_validator("password")(_check_password)


class PasswordChange(BaseModel):
    current_password: str = Field(max_length=1024)
    new_password: str

    _password = field_validator("new_password")(_check_password)


# The original's /admin/users mirror answers without created_at; /users adds it.
class AdminUserPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    is_admin: bool
    is_active: bool
    setor: str


class UserPublic(AdminUserPublic):
    created_at: Timestamp
