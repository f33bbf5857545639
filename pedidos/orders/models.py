"""Orders, their items, images, history and the event log that realtime tails."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import NaiveDatetime
from sqlalchemy import JSON, BigInteger, Column, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field

from database.base import SQLModel, utcnow
from pedidos.orders.stage_flags import StageFlags


class Pedido(SQLModel, StageFlags, table=True):
    __tablename__ = "pedidos"

    id: int | None = Field(default=None, primary_key=True)
    numero: str = Field(max_length=32, unique=True)
    data_entrada: date = Field(index=True)
    data_entrega: date | None = Field(default=None, index=True)
    prioridade: str = Field(default="NORMAL", max_length=10)
    status: str = Field(default="pendente", max_length=20, index=True)
    cliente: str = Field(max_length=255)
    # search_key(cliente): lowercase, no accents; indexed for the accent-insensitive filter.
    cliente_busca: str = Field(default="", max_length=255, index=True)
    telefone_cliente: str | None = Field(default=None, max_length=64)
    cidade_cliente: str | None = Field(default=None, max_length=255)
    estado_cliente: str | None = Field(default=None, max_length=64)
    observacao: str | None = Field(default=None, sa_type=Text)
    obs_pagamento: str | None = Field(default=None, sa_type=Text)
    # Money in integer cents.
    valor_total: int = Field(default=0, sa_type=BigInteger)
    valor_frete: int = Field(default=0, sa_type=BigInteger)
    valor_itens: int = Field(default=0, sa_type=BigInteger)
    tipo_pagamento: str = Field(default="", max_length=64)
    forma_envio: str = Field(default="", max_length=255)
    forma_envio_id: int = Field(default=0)
    sublimacao_maquina: str | None = Field(default=None, max_length=255)
    sublimacao_data_impressao: date | None = None
    # When finance released the order: set as `financeiro` turns true, cleared as it turns false.
    financeiro_liberado_em: NaiveDatetime | None = None
    # A draft (rascunho): saved without the create's checks, outside lists, reports and production
    # until promoted. Its `numero` is a private placeholder (drafts.PLACEHOLDER) until then.
    rascunho: bool = Field(default=False)
    criado_por: int | None = None  # the user who created it (a draft's owner); no FK, like history
    version: int = Field(default=1)
    data_criacao: NaiveDatetime = Field(default_factory=utcnow, index=True)
    ultima_atualizacao: NaiveDatetime = Field(default_factory=utcnow)
    # The order's JSON as of `snapshot_version` (pedidos/read_side/snapshots.py): reads skip rebuilding it.
    snapshot: bytes | None = Field(default=None, sa_type=LargeBinary)
    snapshot_version: int | None = None
    # CRC-32 and length of the snapshot's JSON: gzip lists are made of the pieces without inflating them.
    snapshot_crc: int | None = Field(default=None, sa_type=BigInteger)
    snapshot_size: int | None = None


class PedidoItem(SQLModel, table=True):
    """One item of an order; known fields are columns, every other key the app sends is in `extras`."""

    __tablename__ = "pedido_itens"
    __table_args__ = (UniqueConstraint("pedido_id", "item_index", name="uq_pedido_itens_pedido_index"),)

    id: int | None = Field(default=None, primary_key=True)
    pedido_id: int = Field(foreign_key="pedidos.id", ondelete="CASCADE", index=True)
    item_index: int = 0
    tipo_producao: str | None = Field(default=None, max_length=64, index=True)
    descricao: str | None = Field(default=None, sa_type=Text)
    largura: str | None = Field(default=None, max_length=32)
    altura: str | None = Field(default=None, max_length=32)
    metro_quadrado: str | None = Field(default=None, max_length=32)  # as the app sent it ("2,00")
    area_cm2: int = Field(default=0, sa_type=BigInteger)  # parsed metro_quadrado, for reports
    # items.item_area_cm2 (the unit's area × quantidade): the material statistics sum it (migration 1510).
    area_total_cm2: int = Field(default=0, sa_type=BigInteger)
    vendedor: str | None = Field(default=None, max_length=255, index=True)
    designer: str | None = Field(default=None, max_length=255, index=True)
    # search_key(designer): the designers' panel finds a designer's items by it (indexed).
    designer_busca: str = Field(default="", max_length=255, index=True)
    # The designers' art panel: "aguardando" until the art is released ("liberado").
    status_arte: str = Field(default="aguardando", max_length=20)
    # The art's comment thread: [{id, autor, user_id, texto, data}], appended by the server.
    comentarios: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    tecido: str | None = Field(default=None, max_length=255)
    valor_unitario: int = Field(default=0, sa_type=BigInteger)  # cents
    quantidade: int = Field(default=1)  # the type-specific quantity (quantidade_paineis, ...)
    valor_calculado: int = Field(default=0, sa_type=BigInteger)  # cents: the item's value for reports
    machine_id: int | None = Field(default=None, index=True)
    data_impressao: date | None = None
    imagem: str | None = Field(default=None, sa_type=Text)
    imagem_path: str | None = Field(default=None, max_length=512)
    extras: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # The finishing the material statistics count, read from `extras` by items.finishing_columns.
    tem_overloque: bool = False
    tem_elastico: bool = False
    tem_ilhos: bool = False
    tem_emenda: bool = False
    total_ilhos: int = 0


class PedidoImagem(SQLModel, table=True):
    __tablename__ = "pedido_imagens"

    id: int | None = Field(default=None, primary_key=True)
    pedido_id: int | None = Field(default=None, foreign_key="pedidos.id", ondelete="CASCADE", index=True)
    item_index: int | None = None
    item_identificador: str | None = Field(default=None, max_length=64)
    path: str = Field(max_length=512, unique=True)  # relative to MEDIA_ROOT
    mime: str = Field(max_length=64)
    size: int
    sha256: str = Field(max_length=64)
    created_at: NaiveDatetime = Field(default_factory=utcnow)


class PedidoHistorico(SQLModel, table=True):
    """One row per changed field; no FK so a deleted order's history stays."""

    __tablename__ = "pedido_historico"
    __table_args__ = (Index("ix_pedido_historico_pedido_created", "pedido_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    pedido_id: int
    acao: str = Field(max_length=20)  # create | update | delete | save_json | item_update
    campo: str | None = Field(default=None, max_length=64)
    valor_anterior: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    valor_novo: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    user_id: int | None = None
    username: str | None = Field(default=None, max_length=100)
    created_at: NaiveDatetime = Field(default_factory=utcnow)


class OrderEvent(SQLModel, table=True):
    """The event log: written in the change's transaction, tailed by every worker's dispatcher."""

    __tablename__ = "order_events"

    id: int | None = Field(default=None, primary_key=True)
    type: str = Field(max_length=40)
    order_id: int | None = Field(default=None, index=True)
    user_id: int | None = None
    username: str | None = Field(default=None, max_length=100)
    # The WebSocket message as it will be sent (without event_id), serialised JSON.
    payload: str = Field(sa_type=Text)
    # Deliver only to this user's sockets (notifications); None means everyone.
    target_user_id: int | None = None
    # Socket that must not receive it (a relayed client broadcast): "<worker>:<socket>".
    origin: str | None = Field(default=None, max_length=80)
    created_at: NaiveDatetime = Field(default_factory=utcnow, index=True)


class PedidoResumo(SQLModel, table=True):
    """The dashboard's sums (pedidos/orders/summary.py) per status, priority and, for an open order, its
    delivery day: kept by triggers of migration 1500 on every write to `pedidos`, drafts left out.

    Each column is the sum of one order-level figure over the orders with that key, so the summary
    reads ~a thousand rows instead of every order. `dia_entrega` is the delivery date as days since
    1970-01-01 for an open order (pendente, em_producao), SEM_DIA for any other. Rows are never
    deleted (a key's sums return to 0); TRUNCATE pedidos empties it (PostgreSQL's trigger), and the
    tests' DELETE of every table reaches pedidos first (reverse name order), so it ends empty there too.
    """

    __tablename__ = "pedido_resumo"

    status: str = Field(max_length=20, primary_key=True)
    prioridade: str = Field(max_length=10, primary_key=True)
    dia_entrega: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    pedidos: int = 0
    financeiro: int = 0
    conferencia: int = 0
    sublimacao: int = 0
    costura: int = 0
    expedicao: int = 0
    com_prazo: int = 0  # pronto/entregue with a delivery date
    no_prazo: int = 0  # ... finished (ultima_atualizacao's day) on or before it
    finalizados: int = 0  # pronto/entregue with both dates, the production time's divisor
    dias_producao: int = Field(default=0, sa_type=BigInteger)  # their days from entry to finish, summed


class PedidoResumoEnvio(SQLModel, table=True):
    """Orders (drafts left out) per forma_envio, kept by the same triggers."""

    __tablename__ = "pedido_resumo_envio"

    forma_envio: str = Field(max_length=255, primary_key=True)
    pedidos: int = 0
