"""Order totals from their items, in integer cents (the original 1.4's pedidos/pricing.py rules).

- Panels (painel, generica, mesa_babado) that carry their components get their unit price from them:
  valor_painel + valores_adicionais + ilhós (quantity × price, when tipo_acabamento says ilhós)
  + cordinha (likewise). An item without valor_painel keeps the valor_unitario it was sent with
  (older app versions and imports send only that). Other types keep their valor_unitario.
- valor_itens = Σ valor_unitario × quantity (the type's quantity field, at least 1);
  valor_total = valor_itens + valor_frete. The app has no discount field in use (its form keeps it
  off), so there is none here.
- The server's figures are stored, whatever totals the client sent: the original 1.4 overwrites
  them (its test_guardrail: a body with valor_total 50.00 whose items make 128.00 is saved as
  128.00), so a rounding difference (the app sums floats) is absorbed and a larger one corrected,
  never refused. An order without items keeps the totals it was sent with (nothing to compute from).
- A PATCH that changes only valor_frete recomputes valor_total from the stored items, as the
  original does.
"""

from __future__ import annotations

from typing import Any

from database.types import format_money, parse_money
from pedidos.orders.items import QUANTITY_KEYS, item_quantity

COMPONENT_TYPES = frozenset(("painel", "generica", "mesa_babado"))


def _money(item: Any, key: str) -> int:
    # Unreadable amounts count as 0, as the original's parse_money (and items.item_columns) does:
    # older bodies send valores_adicionais as a list of {descricao, valor}.
    try:
        return parse_money(getattr(item, key, None))
    except ValueError:
        return 0


def _extra(item: Any, finishing: str, word: str, quantity_key: str, price_key: str) -> int:
    if word not in finishing:
        return 0
    quantity = item_quantity({"quantidade_paineis": getattr(item, quantity_key, None)})
    return quantity * _money(item, price_key)


def tipo_has_components(item: Any) -> bool:
    tipo = (getattr(item, "tipo_producao", None) or "").strip().lower()
    return tipo in COMPONENT_TYPES and getattr(item, "valor_painel", None) not in (None, "")


def unit_cents(item: Any) -> int:
    """The item's unit price in cents: from its components (panels that carry them) or as sent."""
    if not tipo_has_components(item):
        return _money(item, "valor_unitario")
    finishing = (getattr(item, "tipo_acabamento", None) or "").lower()
    return (
        _money(item, "valor_painel")
        + _money(item, "valores_adicionais")
        + _extra(item, finishing, "ilho", "quantidade_ilhos", "valor_ilhos")
        + _extra(item, finishing, "cordinha", "quantidade_cordinha", "valor_cordinha")
    )


def _quantity(item: Any) -> int:
    keys = ("tipo_producao", *QUANTITY_KEYS)
    return item_quantity({key: getattr(item, key, None) for key in keys})


def settle(items: list[Any], *, valor_frete: int) -> tuple[list[Any], int, int]:
    """(items with their unit prices, valor_itens, valor_total) computed from the items."""
    priced, valor_itens = [], 0
    for item in items:
        cents = unit_cents(item)
        if tipo_has_components(item):
            item = item.model_copy(update={"valor_unitario": format_money(cents)})
        priced.append(item)
        valor_itens += cents * _quantity(item)
    return priced, valor_itens, valor_itens + valor_frete


def stored_totals(rows: list[Any], *, valor_frete: int) -> tuple[int, int]:
    """(valor_itens, valor_total) of stored item rows and a new freight."""
    valor_itens = sum(row.valor_unitario * row.quantidade for row in rows)
    return valor_itens, valor_itens + valor_frete
