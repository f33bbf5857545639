"""The one money type, the one date type and the one text-normalisation rule."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

MAX_CENTS = 10**15
_CENT = Decimal("0.01")
_MONEY_CHARS = re.compile(r"^-?[0-9.,]+$")


def parse_money(value: Any) -> int:
    """Integer cents from "500.00", "500,00", "1.234,56", "R$ 10", 500 or 500.5; ValueError otherwise."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        raise ValueError("valor monetário inválido")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float | Decimal):
        amount = Decimal(str(value))
    elif isinstance(value, str):
        amount = _parse_money_text(value)
    else:
        raise ValueError("valor monetário inválido")
    if not amount.is_finite():
        raise ValueError("valor monetário inválido")
    if abs(amount) * 100 >= MAX_CENTS:
        raise ValueError("valor monetário fora do limite")
    return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _parse_money_text(text: str) -> Decimal:
    cleaned = text.strip().replace("R$", "").replace(" ", "").replace("\u00a0", "")
    if not cleaned or not _MONEY_CHARS.match(cleaned):
        raise ValueError(f"valor monetário inválido: {text!r}")
    try:
        return Decimal(_point_decimal(cleaned))
    except InvalidOperation:
        raise ValueError(f"valor monetário inválido: {text!r}") from None


def _point_decimal(text: str) -> str:
    """ "1.234,56", "1,234.56", "1234,5" → "1234.56"-style text.

    The separator that comes last is the decimal one when both kinds appear or it appears once;
    a separator repeated alone groups thousands ("1.234.567").
    """
    last = max(text.rfind(","), text.rfind("."))
    if last < 0:
        return text
    decimal = text[last]
    grouping = "." if decimal == "," else ","
    if grouping in text or text.count(decimal) == 1:
        return text.replace(grouping, "").replace(decimal, ".")
    return text.replace(decimal, "")


def format_money(cents: int | None) -> str:
    """ "1234.56", the original's wire format for order values."""
    cents = cents or 0
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole}.{frac:02d}"


def money_decimal(cents: int | None) -> Decimal:
    return (Decimal(cents or 0) / 100).quantize(_CENT)


def parse_date(value: Any) -> date | None:
    """A date from "YYYY-MM-DD" or an ISO datetime; "" and None are None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise ValueError("data inválida: use o formato AAAA-MM-DD")


def search_key(text: str | None) -> str:
    """Lowercase, accents stripped, spaces collapsed: the key for searches and unique names."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


# Order values: integer cents inside, the original's "500.00" strings on the wire.
Money = Annotated[
    int,
    BeforeValidator(parse_money),
    PlainSerializer(format_money, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^-?\d+\.\d{2}$", "examples": ["500.00"]}, mode="serialization"),
    WithJsonSchema(
        {"anyOf": [{"type": "string", "examples": ["500.00", "1.234,56"]}, {"type": "number"}]},
        mode="validation",
    ),
]

# Lookup-table amounts (cadastros): integer cents inside, a JSON number on the wire as the original.
MoneyNumber = Annotated[
    int,
    BeforeValidator(parse_money),
    PlainSerializer(lambda cents: float(money_decimal(cents)), return_type=float),
    WithJsonSchema({"type": "number"}, mode="serialization"),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "number"}]}, mode="validation"),
]

OptionalDate = Annotated[
    date | None,
    BeforeValidator(parse_date),
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}, mode="serialization"),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "null"}]}, mode="validation"),
]

# Server timestamps: naive UTC ISO without "Z", as the original ("2026-01-12T08:00:42.621711").
# Declared as a plain string in OpenAPI, since RFC 3339 date-time requires an offset.
Timestamp = Annotated[
    datetime,
    WithJsonSchema(
        {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$"}, mode="serialization"
    ),
]
