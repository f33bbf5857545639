"""Product types (painel, totem, lona, ...): the app sends the lowercased name as `tipo_producao`."""

from __future__ import annotations

from pydantic import NaiveDatetime
from sqlalchemy import Text
from sqlmodel import Field

from database.base import SQLModel, utcnow
from database.types import Timestamp


class ProducaoBase(SQLModel):
    name: str = Field(min_length=1, max_length=255)
    description: str | None = Field(default=None, sa_type=Text)
    active: bool = True


class Producao(ProducaoBase, table=True):
    __tablename__ = "producoes"

    id: int | None = Field(default=None, primary_key=True)
    name_key: str = Field(max_length=255, unique=True)
    created_at: NaiveDatetime = Field(default_factory=utcnow)


class ProducaoPublic(ProducaoBase):
    id: int
    created_at: Timestamp
