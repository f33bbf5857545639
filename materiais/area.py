"""An item's fabric area as the original 1.4 counts it, in whole cm² (exact sums; m² at the end).

Per unit: metro_quadrado when above zero, else largura × altura (metres), else 1 m²; an item
uses that times its quantity (quantidade_paineis, ...: the stored `quantidade`).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import case

from database.json_sql import hundredths
from database.types import parse_money
from pedidos.items import area_cm2, item_quantity
from pedidos.models import PedidoItem

CM2_PER_M2 = 10_000
NAO_INFORMADO = "NÃO INFORMADO"


def normalize_name(nome: str | None) -> str:
    """The original's material key: trimmed, casefolded, inner spaces collapsed."""
    return " ".join((nome or "").casefold().split())


def m2(cm2: int, places: int = 2) -> float:
    """cm² as m², rounded half-up to `places` decimals (the API's numbers)."""
    exact = Decimal(cm2) / CM2_PER_M2
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def _centi(value: Any) -> int:
    try:
        return parse_money(value)  # metres in hundredths = cm
    except ValueError:
        return 0


def unit_cm2(item: dict[str, Any]) -> int:
    """One unit's area of an item as the app sends it."""
    area = area_cm2(item.get("metro_quadrado"))
    if area > 0:
        return area
    sides = _centi(item.get("largura")) * _centi(item.get("altura"))
    return sides if sides > 0 else CM2_PER_M2


def item_cm2(item: dict[str, Any]) -> int:
    return unit_cm2(item) * item_quantity(item)


def _sql_unit_cm2(items=PedidoItem):
    sides = hundredths(items.largura) * hundredths(items.altura)
    return case((items.area_cm2 > 0, items.area_cm2), (sides > 0, sides), else_=CM2_PER_M2)


def sql_item_cm2(items=PedidoItem):
    """item_cm2 as a SQL expression over pedido_itens (or an alias of it)."""
    return _sql_unit_cm2(items) * items.quantidade
