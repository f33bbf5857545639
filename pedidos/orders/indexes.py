"""Extra indexes on the orders table (migration 0100), declared so autogenerate keeps them.

The list's period filters sort by data_criacao: (date, data_criacao, id) lets SQLite and PostgreSQL
find and order a month's page from the index alone. The numeric-numero expression index (see
pedidos.orders.numero.next_numero) exists on SQLite only, where reflection skips expression indexes so
autogenerate leaves it alone; PostgreSQL computes the same max with a scan under its advisory lock.
"""

from __future__ import annotations

from sqlalchemy import Index

from pedidos.orders.models import Pedido

# numero as a number when it is one; migration 0100 indexes exactly this text.
NUMERO_EXPR = {
    "postgresql": "CASE WHEN numero ~ '^[0-9]{1,18}$' THEN CAST(numero AS BIGINT) END",
    "sqlite": (
        "CASE WHEN numero <> '' AND numero NOT GLOB '*[^0-9]*' AND length(numero) <= 18 "
        "THEN CAST(numero AS INTEGER) END"
    ),
}

entrada_criacao = Index("ix_pedidos_entrada_criacao", Pedido.data_entrada, Pedido.data_criacao, Pedido.id)
entrega_criacao = Index("ix_pedidos_entrega_criacao", Pedido.data_entrega, Pedido.data_criacao, Pedido.id)
# Drafts are few: GET /pedidos/rascunhos finds a user's (or all) by this (migration 1200).
rascunhos = Index("ix_pedidos_rascunho_criado_por", Pedido.rascunho, Pedido.criado_por)
