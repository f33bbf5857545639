"""Safira's intents: which operational question a sentence asks, by keywords (accents and case ignored)."""

from __future__ import annotations

import re

from database.types import search_key

# First match wins: the more specific phrases come before the ones they contain.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "pedidos_concluidos_hoje": ("concluidos hoje", "finalizados hoje", "prontos hoje", "entregues hoje"),
    "vendedor_mais_produtivo": (
        "vendedor criou mais",
        "vendedor produziu mais",
        "vendedor mais produtivo",
        "vendedor hoje",
    ),
    "pedidos_hoje": ("pedidos hoje", "feitos hoje", "registrados hoje", "entraram hoje"),
    "etapa_producao_com_mais_pedidos": (
        "etapa com mais pedidos",
        "etapa da producao",
        "gargalo",
        "maioria dos pedidos",
    ),
    "pedidos_em_producao": ("em producao", "fazendo agora", "sendo produzidos", "na fabrica", "na producao"),
    "pedidos_atrasados": ("atrasad", "atraso", "fora do prazo"),
    "tipo_pedido_mais_feito": ("tipo de pedido mais", "tipo mais feito", "mais vendido", "categoria mais"),
    "material_mais_usado": (
        "material mais usado",
        "material e mais usado",
        "tecido mais usado",
        "mais consumido",
        "mais utilizado",
    ),
    "cliente_mais_pedidos": (
        "cliente mais pedidos",
        "cliente com mais pedidos",
        "cliente fiel",
        "quem mais comprou",
        "principal cliente",
    ),
}


def detect_intent(question: str) -> str:
    """The intent of `question`, or "unknown"."""
    text = re.sub(r"[?!.,;:]", "", search_key(question))
    for intent, phrases in KEYWORDS.items():
        if any(phrase in text for phrase in phrases):
            return intent
    return "unknown"
