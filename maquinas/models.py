from __future__ import annotations

from pydantic import NaiveDatetime
from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field

from database.base import SQLModel, utcnow


class Machine(SQLModel, table=True):
    __tablename__ = "machines"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=255)
    name_key: str = Field(default="", max_length=255, unique=True)  # search_key(name)
    active: bool = True
    created_at: NaiveDatetime = Field(default_factory=utcnow)


class PrintLog(SQLModel, table=True):
    __tablename__ = "print_logs"
    __table_args__ = (UniqueConstraint("pedido_id", "item_id", name="uq_print_logs_pedido_item"),)

    id: int | None = Field(default=None, primary_key=True)
    printer_id: int = Field(foreign_key="machines.id", ondelete="CASCADE", index=True)
    pedido_id: int = Field(foreign_key="pedidos.id", ondelete="CASCADE", index=True)
    item_id: int | None = None
    status: str = Field(default="success", max_length=20)
    error_message: str | None = Field(default=None, sa_type=Text)
    created_at: NaiveDatetime = Field(default_factory=utcnow, index=True)
