from __future__ import annotations

from pydantic import NaiveDatetime
from sqlalchemy import Index, Text
from sqlmodel import Field

from database.base import SQLModel, utcnow


class Notificacao(SQLModel, table=True):
    __tablename__ = "notificacoes"
    __table_args__ = (Index("ix_notificacoes_user_lida", "user_id", "lida"),)

    id: int | None = Field(default=None, primary_key=True)
    # None: for everyone; read state of broadcast ones is per user (notificacao_leituras).
    user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="CASCADE")
    tipo: str = Field(max_length=40)  # pedido_pronto | pedido_atrasado | aviso
    titulo: str = Field(max_length=255)
    mensagem: str = Field(sa_type=Text)
    pedido_id: int | None = Field(default=None, index=True)
    lida: bool = False
    created_at: NaiveDatetime = Field(default_factory=utcnow, index=True)


class NotificacaoLeitura(SQLModel, table=True):
    """Who has read (or dismissed) a broadcast notification."""

    __tablename__ = "notificacao_leituras"

    notificacao_id: int = Field(foreign_key="notificacoes.id", ondelete="CASCADE", primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    oculta: bool = False
    lida_em: NaiveDatetime = Field(default_factory=utcnow)
