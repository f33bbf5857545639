"""Turn order and item data into the text a ficha prints (dates dd/mm/aaaa, money R$, readable flags)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from database.types import parse_money

STATUS_TEXT = {
    "pendente": "Pendente",
    "em_producao": "Em produção",
    "pronto": "Pronto",
    "entregue": "Entregue",
    "cancelado": "Cancelado",
}
TIPO_TEXT = {"painel": "Painel", "totem": "Totem", "lona": "Lona", "adesivo": "Adesivo", "canga": "Canga",
             "generica": "Genérica", "impressao_3d": "Impressão 3D", "mesa_babado": "Mesa de babado",
             "mochilinha": "Mochilinha", "bolsinha": "Bolsinha"}  # fmt: skip
EMENDA_TEXT = {
    "sem-emenda": "Sem emenda",
    "com-emenda": "Com emenda",
    "vertical": "Vertical",
    "horizontal": "Horizontal",
}
MONEY_PREFIXES = ("valor", "outros_valores")


def money_text(value: Any) -> str:
    """R$ 1.234,56 from cents (int) or the app's "1234.56" strings; unparseable text is kept as is."""
    try:
        cents = value if isinstance(value, int) and not isinstance(value, bool) else parse_money(value)
    except ValueError:
        return str(value)
    whole, frac = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    return f"{sign}R$ {whole:,}".replace(",", ".") + f",{frac:02d}"


def plain(value: Any) -> str:
    """Any stored value as readable Portuguese text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Sim" if value else "Não"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dict):
        return ", ".join(f"{k}: {plain(v)}" for k, v in value.items() if v not in (None, "", False))
    if isinstance(value, list | tuple):
        return ", ".join(plain(v) for v in value if v not in (None, ""))
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return str(value)


def value_text(key: str, value: Any) -> str:
    if key.startswith(MONEY_PREFIXES) and value not in (None, "") and not isinstance(value, dict | list):
        return money_text(value)
    return plain(value)


def emenda_text(emenda: Any, quantidade: Any) -> str:
    text = EMENDA_TEXT.get(str(emenda), plain(emenda))
    if text and emenda != "sem-emenda" and quantidade not in (None, "", 0):
        text += f" ({quantidade})"
    return text


def measure_text(value: Any, unit: str) -> str:
    text = plain(value).strip()
    if not text:
        return ""
    return text if text.lower().endswith(unit.lower()) else f"{text} {unit}"


def dimensions_text(largura: Any, altura: Any) -> str:
    largura, altura = plain(largura).strip(), plain(altura).strip()
    if not largura and not altura:
        return ""
    return f"{largura or '?'} × {altura or '?'} m"
