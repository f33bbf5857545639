"""A small fixture of orders whose material figures are worked out by hand in the tests.

January 2026 (data_entrada): A on the 10th, B on the 12th; C (cancelled) and D (a draft) on the
12th must count nowhere; E in February is outside the period.
  A1 painel  "Tactel"     2,50 m² × 2 painéis = 5 m²  overloque, ilhós (8), emenda vertical
  A2 lona    " tactel  "  1,50 × 2,00 (no m²)  = 3 m²  elástico, sem-emenda
  B1 painel  "Oxford"     4.00 m² × 1          = 4 m²
  B2 adesivo (no fabric)  no size: 1 m² × 3    = 3 m²  ilhós (4)
  C  painel  "Tactel"     100 m²  (cancelled)          D  painel "Oxford" 50 m² (draft)
  E  painel  "Oxford"     10 m²   (2026-02-20)
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import update

from pedidos.orders.models import Pedido
from tests.pedidos.conftest import pedido_body


def item(**fields: Any) -> dict[str, Any]:
    base = {"descricao": "Item", "vendedor": "Maria", "designer": "Carlos", "valor_unitario": "10.00"}
    base.update(fields)
    return base


A_ITEMS = [
    item(
        tipo_producao="painel",
        tecido="Tactel",
        metro_quadrado="2,50",
        quantidade_paineis="2",
        acabamento={"overloque": True, "elastico": False, "ilhos": True},
        quantidade_ilhos="8",
        emenda="vertical",
    ),
    item(
        tipo_producao="lona",
        tecido=" tactel  ",
        metro_quadrado="",
        largura="1,50",
        altura="2,00",
        quantidade_lona="1",
        acabamento={"overloque": False, "elastico": True, "ilhos": False},
        emenda="sem-emenda",
    ),
]
B_ITEMS = [
    item(tipo_producao="painel", tecido="Oxford", metro_quadrado="4.00", quantidade_paineis="1"),
    item(tipo_producao="adesivo", quantidade_adesivo="3", quantidade_ilhos="4"),
]


def big(tecido: str, m2: str) -> list[dict[str, Any]]:
    return [item(tipo_producao="painel", tecido=tecido, metro_quadrado=m2, quantidade_paineis="1")]


@pytest.fixture
def orders(client, admin_headers, session):
    """Create the fixture's orders through the API; returns {letter: order JSON}."""

    async def _create() -> dict[str, dict[str, Any]]:
        specs = {
            "A": ("2026-01-10", A_ITEMS, {}),
            "B": ("2026-01-12", B_ITEMS, {}),
            "C": ("2026-01-12", big("Tactel", "100,00"), {"status": "cancelado"}),
            "D": ("2026-01-12", big("Oxford", "50,00"), {}),
            "E": ("2026-02-20", big("Oxford", "10,00"), {}),
        }
        made = {}
        for letter, (day, items, extra) in specs.items():
            body = pedido_body(data_entrada=day, data_entrega=day, cliente=f"Cliente {letter}", items=items, **extra)
            response = await client.post("/pedidos/", json=body, headers=admin_headers)
            assert response.status_code == 200, response.text
            made[letter] = response.json()
        assert made["C"]["status"] == "cancelado"
        session.execute(update(Pedido).where(Pedido.id == made["D"]["id"]).values(rascunho=True))
        session.commit()
        return made

    return _create
