"""Orders with items for the designers' panel, made as the app makes them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import update

from database.types import search_key
from pedidos.orders.models import Pedido, PedidoItem
from tests.pedidos.conftest import panel_item


def art_item(designer: str = "Cecília", **overrides: Any) -> dict[str, Any]:
    """An item as CreateOrderComplete sends it, with the keys the panel shows."""
    item = panel_item(designer=designer, tecido="Oxford")
    item.update(
        {
            "acabamento": {"overloque": True, "elastico": False, "ilhos": True},
            "emenda": "com-emenda",
            "emenda_qtd": "2",
            "observacao": "Cuidado com a logo",
            "quantidade_paineis": "3",
            "tipo_acabamento": "ilhos",
            "quantidade_ilhos": "8",
            "espaco_ilhos": "50",
            "composicao_tecidos": "100% poliéster",
            "ziper": True,
            "cordinha_extra": False,
            "valor_painel": "500.00",
        }
    )
    item.update(overrides)
    return item


@pytest.fixture
def make_art_order(make_pedido):
    async def _make(*items: dict[str, Any], **overrides: Any) -> dict[str, Any]:
        return await make_pedido(items=list(items) or [art_item()], **overrides)

    return _make


def set_order(session, order_id: int, **values: Any) -> None:
    session.execute(update(Pedido).where(Pedido.id == order_id).values(**values))
    session.commit()


def make_draft(session, designer: str = "Cecília") -> PedidoItem:
    """A draft straight through the ORM (drafts never show on the panel)."""
    pedido = Pedido(numero="RASC-1", data_entrada=date(2026, 1, 31), cliente="Rascunho", rascunho=True)
    session.add(pedido)
    session.flush()
    item = PedidoItem(pedido_id=pedido.id, designer=designer, designer_busca=search_key(designer))
    session.add(item)
    session.commit()
    return item


async def panel(client, headers, nome: str = "Cecília", **params: Any):
    response = await client.get(f"/designers/{nome}/itens", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(params=["quiet_designer", "busy_designer"])
def plan(request, monkeypatch):
    """Run a listing test through both query shapes (designers.service._listing)."""
    if request.param == "busy_designer":
        from designers import service

        monkeypatch.setattr(service, "BUSY_DESIGNER_ITEMS", -1)
    return request.param
