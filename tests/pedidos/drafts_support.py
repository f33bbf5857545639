"""The app's draft payloads (src/api/endpoints/orders.ts, src/components/CreateOrderComplete.tsx)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from database.base import utcnow
from pedidos.orders.models import OrderEvent, PedidoHistorico


def today() -> str:
    return utcnow().date().isoformat()


def app_draft(**overrides: Any) -> dict[str, Any]:
    """api.salvarRascunho's payload for an empty form."""
    body = {
        "cliente": "",
        "cidade_cliente": "",
        "estado_cliente": "",
        "telefone_cliente": "",
        "data_entrada": today(),
        "data_entrega": None,
        "forma_envio": "",
        "prioridade": "NORMAL",
        "observacao": "",
        "status": "pendente",
        "valor_frete": 0,
        "items": [],
        "rascunho": True,
    }
    body.update(overrides)
    return body


def tab_item(**overrides: Any) -> dict[str, Any]:
    """One form tab as handleSalvarRascunho sends it: the tab's fields (without its string id) plus
    item_name, quantity and unit_price."""
    item = {
        "tipo_producao": "painel",
        "descricao": "Painel 3x2",
        "largura": "3,00",
        "altura": "2,00",
        "metro_quadrado": "6,00",
        "vendedor": "Maria",
        "designer": "Carlos",
        "tecido": "Oxford",
        "overloque": False,
        "elastico": False,
        "tipo_acabamento": "nenhum",
        "quantidade_ilhos": "",
        "espaco_ilhos": "",
        "valor_ilhos": "0,00",
        "quantidade_cordinha": "",
        "espaco_cordinha": "",
        "valor_cordinha": "0,00",
        "imagem": "",
        "legenda_imagem": "",
        "valor_painel": "0,00",
        "valores_adicionais": "0,00",
        "quantidade_paineis": "1",
        "emenda": "sem-emenda",
        "observacao": "",
        "valor_unitario": "0,00",
        "terceirizado": False,
        "acabamento_lona": "refilar",
        "valor_lona": "0,00",
        "quantidade_lona": "1",
        "acabamento_totem": "com_pe",
        "emendaQtd": "",
        "ziper": False,
        "baininha": False,
        "tipo_alcinha": "nenhum",
        "composicao_tecidos": "",
        "data_impressao": None,
        "rip_maquina": None,
        "perfil_cor": None,
        "tecido_fornecedor": None,
        "machine_id": None,
        "item_name": "Painel 3x2",
        "quantity": 1,
        "unit_price": 0,
    }
    item.update(overrides)
    return item


async def save_draft(client, headers, **overrides: Any) -> dict[str, Any]:
    response = await client.post("/pedidos/rascunho", json=app_draft(**overrides), headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def events_of(session, pedido_id: int) -> list[str]:
    session.commit()  # a new read transaction: sees what the API committed
    rows = session.execute(select(OrderEvent.type).where(OrderEvent.order_id == pedido_id).order_by(OrderEvent.id))
    return list(rows.scalars())


def history_of(session, pedido_id: int) -> list[str]:
    session.commit()  # a new read transaction: sees what the API committed
    rows = session.execute(
        select(PedidoHistorico.acao).where(PedidoHistorico.pedido_id == pedido_id).order_by(PedidoHistorico.id)
    )
    return list(rows.scalars())
