"""The bulk seed of scripts.bench_relatorios: orders (2–3 items each) over 2025–2026, the same every run.

Rows go straight into the migrated tables (executemany on SQLite, COPY on PostgreSQL) in batches of
20,000 orders, from one seeded random generator.
"""

from __future__ import annotations

import random
import sqlite3
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

SELLERS = ["Carlos", "Dora", "Érica", "Fábio", "Gil", "Helena", "Ivo", "Júlia"]
DESIGNERS = ["Ana", "Bruno", "Cecília", "Davi", "Edu", "Flávia"]
TYPES = ["painel", "totem", "lona", "adesivo", "canga", "generica"]
SHIPPING = ["PAC", "Sedex", "Motoboy", "Retirada", "Transportadora"]
START = date(2025, 1, 1)
STATUSES = ["pendente"] * 2 + ["em_producao"] * 3 + ["pronto"] * 2 + ["entregue"] * 6 + ["cancelado"]


ORDER_COLUMNS = (
    "id, numero, data_entrada, data_entrega, prioridade, status, cliente, cliente_busca, valor_total, valor_frete,"
    " valor_itens, tipo_pagamento, forma_envio, forma_envio_id, financeiro, conferencia, sublimacao, costura,"
    " expedicao, pronto, version, data_criacao, ultima_atualizacao"
)
ITEM_COLUMNS = (
    "id, pedido_id, item_index, tipo_producao, descricao, vendedor, designer, valor_unitario, quantidade,"
    " valor_calculado, area_cm2, extras"
)


def seed(target: Path | str, orders: int) -> None:
    """Bulk-insert orders (2–3 items each) over 2025–2026 straight into the migrated file or database."""
    if isinstance(target, str):
        import psycopg

        connection = psycopg.connect(target)
        _generate(orders, lambda pedidos, itens: _copy(connection, pedidos, itens))
        for table in ("pedidos", "pedido_itens"):
            connection.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        connection.commit()
        connection.autocommit = True
        connection.execute("VACUUM ANALYZE")
        connection.close()
        return
    connection = sqlite3.connect(target)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    _generate(orders, lambda pedidos, itens: _flush(connection, pedidos, itens))
    connection.execute("ANALYZE")
    connection.commit()
    connection.close()


def _generate(orders: int, flush) -> None:
    """Every order and its items, handed to `flush` every 20,000 orders."""
    rng = random.Random(7)
    clients = [f"Cliente {n:03d} Ltda" for n in range(300)]
    now = datetime(2026, 1, 1).isoformat(sep=" ")
    pedidos, itens, item_id = [], [], 0
    for pedido_id in range(1, orders + 1):
        order, values = _order_row(rng, pedido_id, clients, now)
        pedidos.append(order)
        itens += _item_rows(rng, pedido_id, values, item_id)
        item_id += len(values)
        if len(pedidos) >= 20000 or pedido_id == orders:
            flush(pedidos, itens)
            pedidos, itens = [], []
            print(f"  {pedido_id:,} pedidos", file=sys.stderr, flush=True)


def _order_row(rng: random.Random, pedido_id: int, clients: list[str], now: str) -> tuple[tuple, list[int]]:
    """One pedidos row (ORDER_COLUMNS) and its items' values."""
    entrada = START + timedelta(days=rng.randrange(730))
    entrega = entrada + timedelta(days=rng.randrange(3, 15)) if rng.random() < 0.9 else None
    values = [rng.randrange(1000, 50000) if rng.random() < 0.97 else 0 for _ in range(rng.choice((2, 3)))]
    frete = rng.choice((0, 0, 1500, 2500, 4000))
    total = sum(values) + frete - (rng.randrange(0, 2000) if rng.random() < 0.1 else 0)
    client = rng.choice(clients)
    status = rng.choice(STATUSES)
    flags = [status in ("pronto", "entregue") or rng.random() < 0.5 for _ in range(5)]
    row = (
        pedido_id,
        f"{pedido_id:010d}",
        entrada.isoformat(),
        entrega.isoformat() if entrega else None,
        "NORMAL",
        status,
        client,
        client.lower(),
        total,
        frete,
        sum(values),
        str(rng.randrange(1, 5)),
        rng.choice(SHIPPING),
        1,
        *flags,
        status in ("pronto", "entregue"),
        1,
        now,
        now,
    )
    return row, values


def _item_rows(rng: random.Random, pedido_id: int, values: list[int], item_id: int) -> list[tuple]:
    """The order's pedido_itens rows (ITEM_COLUMNS), with the ids after `item_id`."""
    rows = []
    for index, value in enumerate(values):
        item_id += 1
        quantity = rng.randrange(1, 4)
        rows.append(
            (
                item_id,
                pedido_id,
                index,
                rng.choice(TYPES),
                f"Item {index + 1}",
                rng.choice(SELLERS),
                rng.choice(DESIGNERS),
                value // quantity,
                quantity,
                value,
                rng.randrange(5000, 60000),
                "{}",
            )
        )
    return rows


def _flush(connection: sqlite3.Connection, pedidos: list, itens: list) -> None:
    connection.executemany(f"INSERT INTO pedidos ({ORDER_COLUMNS}) VALUES ({','.join('?' * 23)})", pedidos)
    connection.executemany(f"INSERT INTO pedido_itens ({ITEM_COLUMNS}) VALUES ({','.join('?' * 12)})", itens)
    connection.commit()


def _copy(connection, pedidos: list, itens: list) -> None:
    with connection.cursor() as cursor:
        for table, columns, rows in (("pedidos", ORDER_COLUMNS, pedidos), ("pedido_itens", ITEM_COLUMNS, itens)):
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
    connection.commit()
