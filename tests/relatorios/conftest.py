"""A small hand-built dataset with known answers, and a factory for random ones."""

from __future__ import annotations

from datetime import date

import pytest

from database.types import search_key
from pedidos.orders.models import Pedido, PedidoItem

D = date.fromisoformat

# Five orders around January 2026 (values in cents). Which are in "January" depends on date_mode:
#   entrada → 1, 2, 4, 5 · entrega → 1, 3, 5 · absent (entrega, else entrada) → 1, 2, 3, 5 · qualquer → all.
# Order 2 has a discount (items 50.00 + freight 5.00 − total 45.00 = 10.00); order 4 is cancelled.
DATASET = [
    dict(
        numero="0000000001",
        cliente="José Álvares",
        data_entrada=D("2026-01-05"),
        data_entrega=D("2026-01-10"),
        status="pendente",
        forma_envio="PAC",
        valor_frete=1000,
        valor_total=10000,
        tipo_pagamento="1",
        financeiro=True,
        items=[
            dict(
                tipo_producao="painel",
                descricao="Painel 1",
                designer="Ana",
                vendedor="Carlos",
                valor_calculado=6000,
                area_cm2=20000,
                quantidade=2,
            ),
            dict(
                tipo_producao="totem",
                descricao="Totem",
                designer="Bruno",
                vendedor="Carlos",
                valor_calculado=3000,
                area_cm2=10000,
                quantidade=1,
            ),
        ],
    ),
    dict(
        numero="0000000002",
        cliente="Maria",
        data_entrada=D("2026-01-07"),
        data_entrega=None,
        status="pronto",
        forma_envio="",
        valor_frete=500,
        valor_total=4500,
        tipo_pagamento="2",
        financeiro=True,
        conferencia=True,
        sublimacao=True,
        costura=True,
        expedicao=True,
        pronto=True,
        items=[
            dict(
                tipo_producao="lona",
                descricao=None,
                designer="Ana",
                vendedor="Dora",
                valor_calculado=5000,
                area_cm2=15000,
                quantidade=3,
            )
        ],
    ),
    dict(
        numero="0000000003",
        cliente="José Álvares",
        data_entrada=D("2025-12-28"),
        data_entrega=D("2026-01-02"),
        status="entregue",
        forma_envio="Motoboy",
        valor_frete=0,
        valor_total=2000,
        tipo_pagamento="1",
        items=[
            dict(
                tipo_producao="painel",
                descricao="Painel 3",
                designer=None,
                vendedor="Carlos",
                valor_calculado=2000,
                area_cm2=5000,
                quantidade=1,
            )
        ],
    ),
    dict(
        numero="0000000004",
        cliente="Zeca",
        data_entrada=D("2026-01-20"),
        data_entrega=D("2026-02-05"),
        status="cancelado",
        forma_envio="PAC",
        valor_frete=300,
        valor_total=1300,
        tipo_pagamento="",
        items=[
            dict(
                tipo_producao="adesivo",
                descricao="Adesivo",
                designer="Bruno",
                vendedor="Dora",
                valor_calculado=1000,
                area_cm2=1000,
                quantidade=10,
            )
        ],
    ),
    dict(
        numero="0000000005",
        cliente="",
        data_entrada=D("2026-01-15"),
        data_entrega=D("2026-01-16"),
        status="em_producao",
        forma_envio="PAC",
        valor_frete=1000,
        valor_total=4000,
        tipo_pagamento="2",
        financeiro=True,
        conferencia=True,
        items=[
            dict(
                tipo_producao="painel",
                descricao="Painel A",
                designer="Ana",
                vendedor="Carlos",
                valor_calculado=1000,
                area_cm2=4000,
                quantidade=1,
            ),
            dict(
                tipo_producao="painel",
                descricao="Painel B",
                designer="Ana",
                vendedor="Carlos",
                valor_calculado=2000,
                area_cm2=6000,
                quantidade=1,
            ),
            # An item with no price: worth 0 (the original counted it as 1.00).
            dict(
                tipo_producao="generica",
                descricao="Brinde",
                designer="Ana",
                vendedor="Carlos",
                valor_calculado=0,
                area_cm2=0,
                quantidade=1,
            ),
        ],
    ),
]


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
