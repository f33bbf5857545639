"""The order as the API returns it, and a cache of its JSON bytes keyed by (id, version).

Every write bumps `version`, so a cached body can never be stale; `data_criacao` is in the key
too because SQLite may hand a deleted order's id to a new one.
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock
from typing import Any

import orjson

from database.types import format_money
from pedidos.items import item_public

CACHE_SIZE = 60_000

_cache: OrderedDict[tuple, bytes] = OrderedDict()
_lock = Lock()


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None and not isinstance(value, str) else value


def money_comma(cents: int) -> str:
    """ "195,50": the original's format for valor_total_calculado."""
    return format_money(cents).replace(".", ",")


def order_public(row: Any, items: list[Any]) -> dict[str, Any]:
    """The original's Pedido fields in its order, plus `version`; `row`/`items` are ORM objects or rows."""
    public_items = [item_public(item) for item in items]
    calculated = sum(item.valor_calculado or 0 for item in items) + (row.valor_frete or 0)
    return {
        "id": row.id,
        "numero": row.numero,
        "data_entrada": _iso(row.data_entrada),
        "data_entrega": _iso(row.data_entrega),
        "prioridade": row.prioridade,
        "status": row.status,
        "cliente": row.cliente,
        "telefone_cliente": row.telefone_cliente,
        "cidade_cliente": row.cidade_cliente,
        "estado_cliente": row.estado_cliente,
        "observacao": row.observacao,
        "obs_pagamento": row.obs_pagamento,
        "valor_total": format_money(row.valor_total),
        "valor_frete": format_money(row.valor_frete),
        "valor_itens": format_money(row.valor_itens),
        "tipo_pagamento": row.tipo_pagamento,
        "forma_envio": row.forma_envio,
        "forma_envio_id": row.forma_envio_id,
        "financeiro": row.financeiro,
        "conferencia": row.conferencia,
        "sublimacao": row.sublimacao,
        "costura": row.costura,
        "expedicao": row.expedicao,
        "pronto": row.pronto,
        "sublimacao_maquina": row.sublimacao_maquina,
        "sublimacao_data_impressao": _iso(row.sublimacao_data_impressao),
        "items": public_items,
        "data_criacao": _iso(row.data_criacao),
        "ultima_atualizacao": _iso(row.ultima_atualizacao),
        "valor_total_calculado": money_comma(calculated),
        "version": row.version,
    }


def cache_key(row: Any) -> tuple:
    return (row.id, row.version, row.data_criacao)


def cached(row: Any) -> bytes | None:
    return _cache.get(cache_key(row))


def order_bytes(row: Any, items: list[Any]) -> bytes:
    """The order's JSON, built once per version."""
    key = cache_key(row)
    body = _cache.get(key)
    if body is None:
        body = orjson.dumps(order_public(row, items))
        remember(key, body)
    return body


def remember(key: tuple, body: bytes) -> None:
    with _lock:
        _cache[key] = body
        if len(_cache) > CACHE_SIZE:
            # Oldest inserted first out: cheap and good enough for a working set of recent orders.
            for _ in range(len(_cache) - CACHE_SIZE):
                _cache.popitem(last=False)


def join_array(bodies: list[bytes]) -> bytes:
    return b"[" + b",".join(bodies) + b"]"
