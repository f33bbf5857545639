"""What a ficha says about an item's finishing, for every production type the app sends.

Field names and values are the app's (sgp-v4 forms): painel/genérica/mesa de babado (overloque,
elástico, `tipo_acabamento` ilhos|cordinha|bolsor|velcro|ziper|nenhum, quantidade/espaco of eyelets
and cords, zíper, cordinha extra, alcinha, toalha pronta), totem (`acabamento_totem` com_pe|sem_pe|
outro + `acabamento_totem_outro`), lona (`acabamento_lona` refilar|nao_refilar, eyelets,
terceirizado), adesivo (`tipo_adesivo`), canga (baininha), impressão 3D (material_gasto), mochilinha
(`tipo_acabamento` alca|alca_cordinha|cordinha). The original server's names (`ilhos_qtd`,
`ilhos_distancia`) are read too. Nothing set gives "" so the sheet leaves the field out.
"""

from __future__ import annotations

from typing import Any

import orjson

from fichas.pdf.values import plain

TIPO_ACABAMENTO_TEXT = {
    "ilhos": "Ilhós",
    "cordinha": "Cordinha",
    "bolsor": "Bolsor",
    "velcro": "Velcro",
    "ziper": "Zíper",
    "alca": "Alça",
    "alca_cordinha": "Alça + cordinha",
    "nenhum": "",
}
TOTEM_TEXT = {"com_pe": "Com pé", "sem_pe": "Sem pé", "outro": "Outro acabamento", "nenhum": ""}
LONA_TEXT = {"refilar": "Refilar", "nao_refilar": "Não refilar"}
FLAG_TEXT = (
    ("overloque", "Overloque"),
    ("elastico", "Elástico"),
    ("baininha", "Baininha"),
    ("ziper", "Zíper"),
    ("cordinha_extra", "Cordinha extra"),
    ("alcinha", "Alcinha"),
    ("toalha_pronta", "Toalha pronta"),
    ("terceirizado", "Terceirizado"),
)
_TRUE = (True, 1, "true", "1", "True", "sim", "Sim")


def _text(value: Any) -> str:
    return plain(value).strip()


def _flag(extras: dict[str, Any], name: str) -> bool:
    """A finishing flag from the item's top level or its `acabamento` object (the app sends both)."""
    acabamento = extras.get("acabamento")
    if isinstance(acabamento, str):  # the object sent as JSON text
        try:
            acabamento = orjson.loads(acabamento)
        except orjson.JSONDecodeError:
            acabamento = None
    nested = acabamento.get(name) if isinstance(acabamento, dict) else None
    return extras.get(name) in _TRUE or nested in _TRUE


def _tipo(extras: dict[str, Any]) -> str:
    return _text(extras.get("tipo_acabamento")).lower()


def has_ilhos(extras: dict[str, Any]) -> bool:
    """The form's choice (`tipo_acabamento`) wins; without one, the `acabamento.ilhos` flag or a count."""
    tipo = _tipo(extras)
    if tipo:
        return "ilho" in tipo
    return _flag(extras, "ilhos") or bool(_text(extras.get("quantidade_ilhos") or extras.get("ilhos_qtd")))


def has_cordinha(extras: dict[str, Any]) -> bool:
    tipo = _tipo(extras)
    if tipo:
        return "cordinha" in tipo
    return bool(_text(extras.get("quantidade_cordinha")))


def spacing_text(value: Any) -> str:
    """The app asks the distance in cm: "50" → "50 cm"; a value with its own unit is kept."""
    text = _text(value)
    if not text:
        return ""
    return text if any(ch.isalpha() for ch in text) else f"{text} cm"


def ilhos_count(extras: dict[str, Any]) -> str:
    return _text(extras.get("quantidade_ilhos") or extras.get("ilhos_qtd")) if has_ilhos(extras) else ""


def ilhos_spacing(extras: dict[str, Any]) -> str:
    return spacing_text(extras.get("espaco_ilhos") or extras.get("ilhos_distancia")) if has_ilhos(extras) else ""


def cordinha_count(extras: dict[str, Any]) -> str:
    return _text(extras.get("quantidade_cordinha")) if has_cordinha(extras) else ""


def cordinha_spacing(extras: dict[str, Any]) -> str:
    return spacing_text(extras.get("espaco_cordinha")) if has_cordinha(extras) else ""


def _details(count: str, spacing: str) -> str:
    """ "8 un, a cada 50 cm" (either part alone when the other is missing)."""
    parts = [f"{count} un" if count else "", f"a cada {spacing}" if spacing else ""]
    return ", ".join(p for p in parts if p)


def ilhos_text(extras: dict[str, Any]) -> str:
    return _details(ilhos_count(extras), ilhos_spacing(extras))


def cordinha_text(extras: dict[str, Any]) -> str:
    return _details(cordinha_count(extras), cordinha_spacing(extras))


def totem_text(extras: dict[str, Any]) -> str:
    chosen = _text(extras.get("acabamento_totem"))
    other = _text(extras.get("acabamento_totem_outro"))
    if chosen == "outro":
        return other or TOTEM_TEXT["outro"]
    return TOTEM_TEXT.get(chosen, chosen)


def lona_text(extras: dict[str, Any]) -> str:
    chosen = _text(extras.get("acabamento_lona"))
    return LONA_TEXT.get(chosen, chosen)


def tipo_acabamento_text(extras: dict[str, Any]) -> str:
    tipo = _tipo(extras)
    return TIPO_ACABAMENTO_TEXT.get(tipo, _text(extras.get("tipo_acabamento")))


def _with(name: str, details: str) -> str:
    return f"{name} ({details})" if details else name


def summary(extras: dict[str, Any]) -> str:
    """Every finishing the item asks for, in one line: "Overloque, Ilhós (8 un, a cada 50 cm)"."""
    parts = [totem_text(extras), lona_text(extras)]
    parts += [label for name, label in FLAG_TEXT if _flag(extras, name)]
    if has_ilhos(extras):
        parts.append(_with("Ilhós", ilhos_text(extras)))
    if has_cordinha(extras) and _tipo(extras) != "alca_cordinha":
        parts.append(_with("Cordinha", cordinha_text(extras)))
    tipo = _tipo(extras)
    if tipo and "ilho" not in tipo and tipo != "cordinha":
        parts.append(tipo_acabamento_text(extras))
    material = _text(extras.get("material_gasto"))
    if material:
        parts.append(f"Material gasto: {material}")
    seen: list[str] = []
    for part in parts:
        if part and part not in seen:
            seen.append(part)
    return ", ".join(seen)


def values(extras: dict[str, Any]) -> dict[str, str]:
    """The finishing keys a template may name (the app's template editor offers these keys)."""
    return {
        "acabamento": summary(extras),
        "ilhos": ilhos_text(extras),
        "quantidade_ilhos": ilhos_count(extras),
        "espaco_ilhos": ilhos_spacing(extras),
        "cordinha": cordinha_text(extras),
        "quantidade_cordinha": cordinha_count(extras),
        "espaco_cordinha": cordinha_spacing(extras),
        "tipo_acabamento": tipo_acabamento_text(extras),
        "acabamento_totem": totem_text(extras),
        "acabamento_totem_display": totem_text(extras),
        "acabamento_lona": lona_text(extras),
        "acabamento_lona_display": lona_text(extras),
        "overloque": "Sim" if _flag(extras, "overloque") else "",
        "elastico": "Sim" if _flag(extras, "elastico") else "",
    }
