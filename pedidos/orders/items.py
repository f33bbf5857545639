"""Pure functions from an item as the app sends it to the `pedido_itens` row (and back).

The denormalised columns (value, quantity, area, seller, ...) are what reports aggregate on, so
every writer (API, item PATCH, seed script) goes through `item_columns`.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import orjson

from database.types import format_money, parse_date, parse_money, search_key

# The columns that say what an item is, in the original's order (the list, the panel, reports).
DESCRIPTION_COLUMNS = ("tipo_producao", "descricao", "largura", "altura", "metro_quadrado", "vendedor")
# Every field the original's ItemPedido declares, in its order: the response lists them all.
DECLARED_FIELDS = (
    "id",
    *DESCRIPTION_COLUMNS,
    "designer",
    "tecido",
    "acabamento",
    "emenda",
    "emenda_qtd",
    "observacao",
    "valor_unitario",
    "tipo_acabamento",
    "quantidade_ilhos",
    "espaco_ilhos",
    "valor_ilhos",
    "ilhos_qtd",
    "ilhos_valor_unitario",
    "ilhos_distancia",
    "quantidade_cordinha",
    "espaco_cordinha",
    "valor_cordinha",
    "imagem",
    "imagem_path",
    "composicao_tecidos",
    "machine_id",
    "rip_maquina",
    "data_impressao",
    "perfil_cor",
    "tecido_fornecedor",
    "quantidade_paineis",
    "quantidade_totem",
    "quantidade_lona",
    "quantidade_adesivo",
    "valor_totem",
    "outros_valores_totem",
    "valor_lona",
    "outros_valores_lona",
    "valor_adesivo",
    "outros_valores_adesivo",
    "outros_valores",
    "tipo_adesivo",
    "acabamento_lona",
    "acabamento_totem",
    "acabamento_totem_outro",
    "terceirizado",
    "ziper",
    "cordinha_extra",
    "alcinha",
    "toalha_pronta",
)

# Known fields kept as columns of pedido_itens; everything else goes to `extras` as sent.
TEXT_COLUMNS = (*DESCRIPTION_COLUMNS, "designer", "tecido", "imagem", "imagem_path")
COLUMN_FIELDS = frozenset((*TEXT_COLUMNS, "id", "valor_unitario", "machine_id", "data_impressao"))
# Written only by the server (the designers' art panel): ignored when the app sends them back.
SERVER_FIELDS = frozenset(("status_arte", "comentarios"))

# The type-specific quantity key, in the order they are looked for.
QUANTITY_KEYS = (
    "quantidade_paineis",
    "quantidade_totem",
    "quantidade_lona",
    "quantidade_adesivo",
    "quantidade_canga",
    "quantidade_impressao_3d",
)
_QUANTITY_BY_TYPE = {
    "painel": "quantidade_paineis",
    "generica": "quantidade_paineis",
    "totem": "quantidade_totem",
    "lona": "quantidade_lona",
    "adesivo": "quantidade_adesivo",
    "canga": "quantidade_canga",
    "impressao_3d": "quantidade_impressao_3d",
}


def parse_quantity(value: Any) -> int | None:
    """A positive whole quantity from 2, "2", "2,0"; None when absent or unreadable."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return None
    if not number.is_finite() or number <= 0:
        return None
    return int(number)


def item_quantity(item: dict[str, Any]) -> int:
    preferred = _QUANTITY_BY_TYPE.get(item.get("tipo_producao") or "")
    keys = (preferred, *QUANTITY_KEYS) if preferred else QUANTITY_KEYS
    for key in keys:
        quantity = parse_quantity(item.get(key))
        if quantity is not None:
            return quantity
    return 1


def area_cm2(metro_quadrado: Any) -> int:
    """m² as the app writes it ("2,50", "7.50") in whole cm²; 0 when unreadable."""
    if metro_quadrado in (None, ""):
        return 0
    try:
        return int(parse_money(metro_quadrado) * 100)  # cents of m² × 100 = cm²
    except ValueError:
        return 0


CM2_PER_M2 = 10_000
# The stored area's ceiling (10⁸ m² per item): any real item is far below it, and 300k items at it
# still sum inside a BIGINT (SQLite's sum() raises on overflow).
MAX_AREA_CM2 = 10**12


def _metres_in_cm(value: Any) -> int:
    try:
        return parse_money(value)  # metres in hundredths = cm
    except ValueError:
        return 0


def item_area_cm2(item: dict[str, Any]) -> int:
    """The item's fabric area as the original 1.4 counts it, in whole cm², times its quantity.

    Per unit: metro_quadrado when above zero, else largura × altura (metres), else 1 m².
    """
    unit = area_cm2(item.get("metro_quadrado"))
    if unit <= 0:
        sides = _metres_in_cm(item.get("largura")) * _metres_in_cm(item.get("altura"))
        unit = sides if sides > 0 else CM2_PER_M2
    return unit * item_quantity(item)


# The material statistics' finishing flags (the original 1.4's rules), kept as columns (migration 1400).
_TRUE = (True, 1, "true", "1", "True")
MAX_ILHOS = 999_999_999  # an int column: larger counts are unreadable, like text


def _acabamento_flag(acabamento: Any, name: str) -> bool:
    if isinstance(acabamento, str):  # a JSON object sent as text
        try:
            acabamento = orjson.loads(acabamento)
        except orjson.JSONDecodeError:
            return False
    value = acabamento.get(name) if isinstance(acabamento, dict) else None
    return value in _TRUE


def total_ilhos(value: Any) -> int:
    """quantidade_ilhos as a count of eyelets: 0 when absent, unreadable, negative or huge."""
    try:
        number = int(value) if value not in (None, "") else 0
    except (TypeError, ValueError, OverflowError):
        return 0
    return number if 0 < number <= MAX_ILHOS else 0


def finishing_columns(item: dict[str, Any]) -> dict[str, Any]:
    acabamento, emenda = item.get("acabamento"), item.get("emenda")
    return {
        "tem_overloque": _acabamento_flag(acabamento, "overloque"),
        "tem_elastico": _acabamento_flag(acabamento, "elastico"),
        "tem_ilhos": _acabamento_flag(acabamento, "ilhos"),
        "tem_emenda": bool(emenda) and emenda != "sem-emenda",
        "total_ilhos": total_ilhos(item.get("quantidade_ilhos")),
    }


def _money_or_zero(value: Any) -> int:
    try:
        return parse_money(value)
    except ValueError:
        return 0


def item_columns(item: dict[str, Any], *, index: int) -> dict[str, Any]:
    """Column values of a pedido_itens row from a validated item dict (without id/pedido_id)."""
    valor_unitario = _money_or_zero(item.get("valor_unitario"))
    quantidade = item_quantity(item)
    subtotal = item.get("subtotal")
    valor_calculado = _money_or_zero(subtotal) if subtotal not in (None, "") else valor_unitario * quantidade
    machine_id = item.get("machine_id")
    try:
        data_impressao = parse_date(item.get("data_impressao"))
    except ValueError:
        data_impressao = None
    columns = {name: item.get(name) for name in TEXT_COLUMNS}
    columns.update(
        item_index=index,
        valor_unitario=valor_unitario,
        quantidade=quantidade,
        valor_calculado=valor_calculado,
        area_cm2=area_cm2(item.get("metro_quadrado")),
        area_total_cm2=min(item_area_cm2(item), MAX_AREA_CM2),
        designer_busca=search_key(item.get("designer")),
        machine_id=machine_id if isinstance(machine_id, int) and not isinstance(machine_id, bool) else None,
        data_impressao=data_impressao,
        extras={k: v for k, v in item.items() if k not in COLUMN_FIELDS and k not in SERVER_FIELDS and v is not None},
        **finishing_columns(item),
    )
    return columns


def item_public(row: Any) -> dict[str, Any]:
    """The item as the API returns it: every declared field (null if unset) plus the extras as sent."""
    extras = row.extras or {}
    data_impressao = row.data_impressao
    if data_impressao is not None and not isinstance(data_impressao, str):
        data_impressao = data_impressao.isoformat()
    out: dict[str, Any] = dict.fromkeys(DECLARED_FIELDS)
    out.update(
        id=row.id,
        tipo_producao=row.tipo_producao,
        descricao=row.descricao,
        largura=row.largura,
        altura=row.altura,
        metro_quadrado=row.metro_quadrado,
        vendedor=row.vendedor,
        designer=row.designer,
        tecido=row.tecido,
        valor_unitario=format_money(row.valor_unitario),
        imagem=row.imagem,
        imagem_path=row.imagem_path,
        machine_id=row.machine_id,
        data_impressao=data_impressao,
    )
    out.update(extras)
    out["status_arte"] = row.status_arte
    out["comentarios"] = row.comentarios or []
    return out
