"""Clientes: the original's required strings plus optional documento (CPF/CNPJ), email and ativo."""

from __future__ import annotations

from pydantic import field_validator
from sqlmodel import Field

from cadastros.crud import CrudSpec
from cadastros.schemas import patch_schema, public_schema
from cadastros.validators import normalize_documento, normalize_email, normalize_uf
from database.base import SQLModel


class ClienteBase(SQLModel):
    nome: str = Field(min_length=1, max_length=255)
    cep: str = Field(max_length=16)
    cidade: str = Field(max_length=255)
    estado: str = Field(max_length=2)
    telefone: str = Field(max_length=64)
    documento: str | None = Field(default=None, max_length=14)
    email: str | None = Field(default=None, max_length=255)
    ativo: bool = True


class Cliente(ClienteBase, table=True):
    __tablename__ = "clientes"

    id: int | None = Field(default=None, primary_key=True)
    nome_key: str = Field(max_length=255, unique=True)


class _ClienteChecks(SQLModel):
    @field_validator("estado", mode="before", check_fields=False)
    @classmethod
    def _uf(cls, value):
        return normalize_uf(value) if isinstance(value, str) else value

    @field_validator("documento", mode="before", check_fields=False)
    @classmethod
    def _documento(cls, value):
        return normalize_documento(value) if isinstance(value, str) else value

    @field_validator("email", mode="before", check_fields=False)
    @classmethod
    def _email(cls, value):
        return normalize_email(value) if isinstance(value, str) else value


class ClienteCreate(_ClienteChecks, ClienteBase):
    estado: str = Field(min_length=2, max_length=2)


spec = CrudSpec(
    table="clientes",
    model=Cliente,
    create_schema=ClienteCreate,
    update_schema=patch_schema(ClienteBase, "ClienteUpdate", checks=_ClienteChecks),
    public_schema=public_schema(ClienteBase, "ClientePublic"),
    prefix="/clientes",
    label="cliente",
    delete_message=True,
)
