"""Extra indexes on the orders table (migration 0100), declared so autogenerate keeps them.

The list's period filters sort by data_criacao: (date, data_criacao, id) lets SQLite and PostgreSQL
find and order a month's page from the index alone. The numeric-numero expression index is
dialect-specific and lives only in the migration (see pedidos.service.next_numero).
"""

from __future__ import annotations

from sqlalchemy import Index

from pedidos.models import Pedido

entrada_criacao = Index("ix_pedidos_entrada_criacao", Pedido.data_entrada, Pedido.data_criacao, Pedido.id)
entrega_criacao = Index("ix_pedidos_entrega_criacao", Pedido.data_entrega, Pedido.data_criacao, Pedido.id)
