"""A small hand-built dataset with known answers, and a factory for random ones."""

from __future__ import annotations

from datetime import date

import pytest

from database.types import search_key
from pedidos.orders.models import Pedido, PedidoItem

D = date.fromisoformat


def _order(numero, cliente, entrada, entrega, status, forma_envio, frete, total, pagamento, items, **flags) -> dict:
    """One order of the dataset, its dates as ISO text and its values in cents."""
    return dict(
        numero=numero,
        cliente=cliente,
        data_entrada=D(entrada),
        data_entrega=entrega and D(entrega),
        status=status,
        forma_envio=forma_envio,
        valor_frete=frete,
        valor_total=total,
        tipo_pagamento=pagamento,
        items=items,
        **flags,
    )


# An item's columns, in the order _item takes them.
_ITEM_KEYS = ("tipo_producao", "descricao", "designer", "vendedor", "valor_calculado", "area_cm2", "quantidade")


def _item(*values) -> dict:
    return dict(zip(_ITEM_KEYS, values, strict=True))


# Five orders around January 2026 (values in cents). Which are in "January" depends on date_mode:
#   entrada → 1, 2, 4, 5 · entrega → 1, 3, 5 · absent (entrega, else entrada) → 1, 2, 3, 5 · qualquer → all.
# Order 2 has a discount (items 50.00 + freight 5.00 − total 45.00 = 10.00); order 4 is cancelled.
# fmt: off
DATASET = [
    _order("0000000001", "José Álvares", "2026-01-05", "2026-01-10", "pendente", "PAC", 1000, 10000, "1", [
        _item("painel", "Painel 1", "Ana", "Carlos", 6000, 20000, 2),
        _item("totem", "Totem", "Bruno", "Carlos", 3000, 10000, 1),
    ], financeiro=True),
    _order("0000000002", "Maria", "2026-01-07", None, "pronto", "", 500, 4500, "2", [
        _item("lona", None, "Ana", "Dora", 5000, 15000, 3),
    ], financeiro=True, conferencia=True, sublimacao=True, costura=True, expedicao=True, pronto=True),
    _order("0000000003", "José Álvares", "2025-12-28", "2026-01-02", "entregue", "Motoboy", 0, 2000, "1", [
        _item("painel", "Painel 3", None, "Carlos", 2000, 5000, 1),
    ]),
    _order("0000000004", "Zeca", "2026-01-20", "2026-02-05", "cancelado", "PAC", 300, 1300, "", [
        _item("adesivo", "Adesivo", "Bruno", "Dora", 1000, 1000, 10),
    ]),
    _order("0000000005", "", "2026-01-15", "2026-01-16", "em_producao", "PAC", 1000, 4000, "2", [
        _item("painel", "Painel A", "Ana", "Carlos", 1000, 4000, 1),
        _item("painel", "Painel B", "Ana", "Carlos", 2000, 6000, 1),
        _item("generica", "Brinde", "Ana", "Carlos", 0, 0, 1),
    ], financeiro=True, conferencia=True),
]
# fmt: on


def make_pedido(session, *, items: list[dict], **fields) -> Pedido:
    """Insert one order and its items directly (reports only read columns)."""
    fields.setdefault("numero", f"{session.info.setdefault('seq', 0) + 1:010d}")
    session.info["seq"] = session.info.get("seq", 0) + 1
    pedido = Pedido(
        cliente_busca=search_key(fields.get("cliente")),
        valor_itens=sum(item.get("valor_calculado", 0) for item in items),
        **fields,
    )
    session.add(pedido)
    session.flush()
    for index, item in enumerate(items):
        session.add(PedidoItem(pedido_id=pedido.id, item_index=index, **item))
    session.flush()
    return pedido


@pytest.fixture
def dataset(session):
    for order in DATASET:
        order = dict(order)
        make_pedido(session, items=[dict(item) for item in order.pop("items")], **order)
    session.commit()
    return DATASET
