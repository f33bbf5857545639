from __future__ import annotations

from pydantic import BaseModel, Field

from database.types import Timestamp


class NotificacaoPublic(BaseModel):
    id: int
    user_id: int | None
    tipo: str
    titulo: str
    mensagem: str
    pedido_id: int | None
    lida: bool
    created_at: Timestamp


class NotificacaoCreate(BaseModel):
    titulo: str = Field(min_length=1, max_length=255)
    mensagem: str = Field(min_length=1, max_length=5000)
    tipo: str = Field(default="aviso", min_length=1, max_length=40)
    user_id: int | None = Field(default=None, ge=1, le=2_147_483_647)  # None: for everyone
    pedido_id: int | None = Field(default=None, ge=1, le=2_147_483_647)


class Ultimos(BaseModel):
    ultimo_id: int
    timestamp: str | None


class MarcadasLidas(BaseModel):
    marcadas: int
