"""Group labels, keys and money as the closing report prints them."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from database.types import search_key

# dimension → (label prefix, columns it reads, fallback)
DIMENSIONS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "designer": ("Designer", ("designer",), "Sem designer"),
    "vendedor": ("Vendedor", ("vendedor",), "Sem vendedor"),
    "cliente": ("Cliente", ("cliente",), "Cliente não informado"),
    "tipo": ("Tipo de Produção", ("tipo_producao",), "Sem tipo"),
    "entrega": ("Forma de Entrega", ("forma_envio",), "Sem forma de envio"),
    "vendedor_designer": ("Vendedor/Designer", ("vendedor", "designer"), ""),
    "data": ("Data", ("data_ref",), "Sem data"),
    "data_entrada": ("Data Entrada", ("data_entrada",), "Sem data"),
    "data_entrega": ("Data Entrega", ("data_entrega",), "Sem data"),
}


def money(cents: int) -> float:
    """Cents → the original's JSON number (10.0, 95.5); exact to the cent."""
    return cents / 100


@lru_cache(maxsize=4096)  # a year's analítico has a label per cell (~2k), from a few hundred names
def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", search_key(text)).strip("-")


def label(dimension: str, values: tuple[Any, ...]) -> tuple[str, tuple]:
    """(label, sort key) of one group value: dates sort as dates, names ignoring case and accents."""
    prefix, _columns, fallback = DIMENSIONS[dimension]
    if dimension.startswith("data"):
        day = values[0]
        if isinstance(day, str):  # SQLite hands back CASE/COALESCE dates as text
            day = date.fromisoformat(day)
        text = day.strftime("%d/%m/%Y") if day else fallback
        return f"{prefix}: {text}", (day is None, day or date.min)
    if dimension == "vendedor_designer":
        vendedor = (values[0] or "").strip() or "Sem vendedor"
        designer = (values[1] or "").strip() or "Sem designer"
        text = f"{vendedor} / {designer}"
    else:
        text = (values[0] or "").strip() or fallback
    return f"{prefix}: {text}", (False, search_key(text))
