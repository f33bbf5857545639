"""An item's fabric area as the original 1.4 counts it, in whole cm² (exact sums; m² at the end).

The rule (pedidos.orders.items.item_area_cm2) runs when an item is written; its result is the column
pedido_itens.area_total_cm2 that the statistics sum (migration 1510). The stock reads items as sent.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from pedidos.orders.items import CM2_PER_M2, item_area_cm2

__all__ = ["CM2_PER_M2", "NAO_INFORMADO", "item_cm2", "m2", "normalize_name"]

NAO_INFORMADO = "NÃO INFORMADO"
item_cm2 = item_area_cm2


def normalize_name(nome: str | None) -> str:
    """The original's material key: trimmed, casefolded, inner spaces collapsed."""
    return " ".join((nome or "").casefold().split())


def m2(cm2: int, places: int = 2) -> float:
    """cm² as m², rounded half-up to `places` decimals (the API's numbers)."""
    exact = Decimal(cm2) / CM2_PER_M2
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
