"""The order as the API returns it, and a cache of its JSON bytes keyed by (id, version).

Every write bumps `version`, so a cached body can never be stale; `data_criacao` is in the key
too because SQLite may hand a deleted order's id to a new one.
"""

from __future__ import annotations

import struct
import zlib
from collections import OrderedDict
from threading import Lock
from typing import Any

import orjson

from database.types import format_money
from pedidos.orders.items import item_public

CACHE_SIZE = 30_000  # ~5 KB each: bounded memory per worker

# (json bytes, its deflated piece for gzip lists, the json's CRC-32 and length): tuples of bytes and
# ints, which the garbage collector stops tracking, so a full cache adds nothing to collection
# pauses. The json is None in entries read for a gzip list only (never cached here): entry_json.
Entry = tuple[bytes | None, bytes, int, int]

_cache: OrderedDict[tuple, Entry] = OrderedDict()
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
        "numero": None if row.rascunho else row.numero,  # a draft's numero is a placeholder (pedidos/orders/drafts.py)
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
        "financeiro_liberado_em": _iso(row.financeiro_liberado_em),
        "rascunho": row.rascunho,
    }


def cache_key(row: Any) -> tuple:
    return (row.id, row.version, row.data_criacao)


def cached(row: Any) -> Entry | None:
    return _cache.get(cache_key(row))


def make_entry(order: dict[str, Any]) -> Entry:
    body = orjson.dumps(order)
    return body, deflate_piece(body), zlib.crc32(body), len(body)


def entry_json(entry: Entry) -> bytes:
    return entry[0] if entry[0] is not None else inflate_piece(entry[1])


def order_entry(row: Any, items: list[Any]) -> Entry:
    """The order's entry, built once per version (committed rows only)."""
    key = cache_key(row)
    entry = _cache.get(key)
    if entry is None:
        entry = make_entry(order_public(row, items))
        remember(key, entry)
    return entry


def remember(key: tuple, entry: Entry) -> None:
    with _lock:
        _cache[key] = entry
        if len(_cache) > CACHE_SIZE:
            # Oldest inserted first out: cheap and good enough for a working set of recent orders.
            for _ in range(len(_cache) - CACHE_SIZE):
                _cache.popitem(last=False)


def join_array(entries: list[Entry]) -> bytes:
    return b"[" + b",".join(entry_json(entry) for entry in entries) + b"]"


# --- gzip from cached pieces ----------------------------------------------------------------------
# Each order is deflated once, by its own compressor, ending in a sync flush: such pieces are
# byte-aligned and self-contained, so a gzip body is header + pieces + final block + CRC/size.
# Compressing the app's "all orders" list then costs a CRC pass instead of seconds of deflate.

_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
_FINAL_BLOCK = b"\x03\x00"  # an empty final fixed-Huffman block


def deflate_piece(data: bytes) -> bytes:
    compressor = zlib.compressobj(1, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


def inflate_piece(piece: bytes) -> bytes:
    return zlib.decompressobj(-zlib.MAX_WBITS).decompress(piece)


_OPEN, _COMMA, _CLOSE = deflate_piece(b"["), deflate_piece(b","), deflate_piece(b"]")


def gzip_array(entries: list[Entry]) -> bytes:
    """The gzip encoding of join_array(entries), reusing each order's deflated piece (no json needed)."""
    parts = [_GZIP_HEADER, _OPEN]
    crc = zlib.crc32(b"[")
    size = 1
    zeros = memoryview(bytes(max((entry[3] for entry in entries), default=0)))
    for index, entry in enumerate(entries):
        if index:
            parts.append(_COMMA)
            crc = zlib.crc32(b",", crc)
            size += 1
        parts.append(entry[1])
        # crc32(json, crc) from the json's own CRC: CRC-32 is affine in (start value, data), so
        # crc32(json, c) = crc32(json) ^ crc32(zeros, c) ^ crc32(zeros) for zeros as long as json.
        padding = zeros[: entry[3]]
        crc = entry[2] ^ zlib.crc32(padding, crc) ^ zlib.crc32(padding)
        size += entry[3]
    crc = zlib.crc32(b"]", crc)
    parts += [_CLOSE, _FINAL_BLOCK, struct.pack("<II", crc & 0xFFFFFFFF, (size + 1) & 0xFFFFFFFF)]
    return b"".join(parts)
