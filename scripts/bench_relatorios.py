"""Benchmark every report over one month and one year of 100,000 orders, on SQLite or PostgreSQL.

Each report runs through its service (query + shaping + JSON), then the very SQL it issued is
replayed directly on the driver (sqlite3 on the same file, or psycopg on the same database); both
times and their ratio are printed. That SQL does the report's database work: filters, GROUP BYs
(sintético: freight once per order and group), the sums each analítico row needs (its order's whole
item value, the items before it, for the proportional split), the sort by group, the totals; the
replay fetches all of it. The ratio adds
what the service does on top: labels, folding the sorted analítico rows into subtotals, the JSON.
Closing reports over the default period without seller/designer/client filters read relatorio_itens
(migrations 1100, 1300), whose triggers also fire for this script's bulk seed (on PostgreSQL a COPY
per 20,000 orders: one rebuild of their report rows each).

    python -m scripts.bench_relatorios [--db /tmp/sgp-bench.db] [--orders 100000] [--runs 3]
    python -m scripts.bench_relatorios --database-url postgresql://user@host/empty_or_seeded_db
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

SELLERS = ["Carlos", "Dora", "Érica", "Fábio", "Gil", "Helena", "Ivo", "Júlia"]
DESIGNERS = ["Ana", "Bruno", "Cecília", "Davi", "Edu", "Flávia"]
TYPES = ["painel", "totem", "lona", "adesivo", "canga", "generica"]
SHIPPING = ["PAC", "Sedex", "Motoboy", "Retirada", "Transportadora"]
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
    rng = random.Random(7)
    clients = [f"Cliente {n:03d} Ltda" for n in range(300)]
    start = date(2025, 1, 1)
    now = datetime(2026, 1, 1).isoformat(sep=" ")
    pedidos, itens, item_id = [], [], 0
    for pedido_id in range(1, orders + 1):
        entrada = start + timedelta(days=rng.randrange(730))
        entrega = entrada + timedelta(days=rng.randrange(3, 15)) if rng.random() < 0.9 else None
        values = [rng.randrange(1000, 50000) if rng.random() < 0.97 else 0 for _ in range(rng.choice((2, 3)))]
        frete = rng.choice((0, 0, 1500, 2500, 4000))
        total = sum(values) + frete - (rng.randrange(0, 2000) if rng.random() < 0.1 else 0)
        client = rng.choice(clients)
        status = rng.choice(STATUSES)
        flags = [status in ("pronto", "entregue") or rng.random() < 0.5 for _ in range(5)]
        pedidos.append(
            (
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
        )
        for index, value in enumerate(values):
            item_id += 1
            quantity = rng.randrange(1, 4)
            itens.append(
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
        if len(pedidos) >= 20000 or pedido_id == orders:
            flush(pedidos, itens)
            pedidos, itens = [], []
            print(f"  {pedido_id:,} pedidos", file=sys.stderr, flush=True)


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


def reports():
    """(name, callable(session, start, end)) for every report, as the routers call them."""
    from relatorios import envios, fechamento, financeiro, resumos, tendencia

    def periodo(start, end, **extra):
        return resumos.parse_periodo(
            data_inicio=start, data_fim=end, date_mode=extra.get("date_mode"), status=None, incluir_cancelados=False
        )

    def closing(report_type, **extra):
        def run(session, start, end):
            request = fechamento.parse_request(
                report_type=report_type,
                start_date=start,
                end_date=end,
                date_mode=None,
                status=None,
                cliente=None,
                vendedor=extra.get("vendedor"),
                designer=None,
                frete_distribution=extra.get("frete", "por_pedido"),
            )
            return fechamento.build_report(session, request, as_json=True)  # as the router's JSON response

        return run

    found = [(f"relatorio {t}", closing(t)) for t in fechamento.REPORTS]
    found += [
        (
            "relatorio analitico_designer_cliente proporcional",
            closing("analitico_designer_cliente", frete="proporcional"),
        ),
        ("relatorio sintetico_cliente proporcional", closing("sintetico_cliente", frete="proporcional")),
        ("relatorio sintetico_vendedor vendedor=car", closing("sintetico_vendedor", vendedor="car")),
        ("quantidade", lambda s, a, b: resumos.quantidade(s, periodo(a, b))),
        ("valor-total", lambda s, a, b: resumos.valor_total(s, periodo(a, b))),
        ("por-status", lambda s, a, b: resumos.por_status(s, periodo(a, b))),
        ("por-cliente", lambda s, a, b: resumos.por_cliente(s, periodo(a, b))),
        ("por-vendedor", lambda s, a, b: resumos.por_item(s, periodo(a, b), "vendedor")),
        ("por-designer", lambda s, a, b: resumos.por_item(s, periodo(a, b), "designer")),
        ("por-tipo-producao", lambda s, a, b: resumos.por_item(s, periodo(a, b), "tipo_producao")),
        ("tendencia dia", lambda s, a, b: tendencia.tendencia(s, periodo(a, b), "dia")),
        ("tendencia semana", lambda s, a, b: tendencia.tendencia(s, periodo(a, b), "semana")),
        ("tendencia mes", lambda s, a, b: tendencia.tendencia(s, periodo(a, b), "mes")),
        ("relatorio-semanal (100)", lambda s, a, b: resumos.relatorio_semanal(s, periodo(a, b), skip=0, limit=100)),
        ("envios", lambda s, a, b: envios.envios(s, periodo(a, b, date_mode="entrega"))),
        ("financeiro", lambda s, a, b: financeiro.financeiro(s, periodo(a, b))),
    ]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="/tmp/sgp-bench-relatorios.db", help="SQLite file (reused if seeded)")
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--only", default="", help="run only reports whose name contains this")
    parser.add_argument("--database-url", default="", help="a PostgreSQL database instead (migrated, seeded if empty)")
    args = parser.parse_args()
    postgres = args.database_url.startswith("postgresql")
    # libpq's form for psycopg; SQLAlchemy's (with its driver) for the app.
    target: Path | str = args.database_url.replace("+psycopg", "") if postgres else Path(args.db).resolve()
    os.environ["DATABASE_URL"] = args.database_url if postgres else f"sqlite:///{target}"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    import orjson
    from sqlalchemy import event

    from database import engine as engines
    from database.migrate import migrate
    from database.session import session_scope

    migrate()
    raw = _raw_connection(target)
    if _count(raw, "pedidos") == 0:
        print(f"Semeando {args.orders:,} pedidos em {target} ...", file=sys.stderr)
        seed(target, args.orders)
    print(f"{target}: {_count(raw, 'pedidos'):,} pedidos, {_count(raw, 'pedido_itens'):,} itens\n")

    captured: list[tuple[str, tuple]] = []

    @event.listens_for(engines.engine, "before_cursor_execute")
    def _capture(_conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            captured.append((statement, parameters))

    # The analítico rows bypass SQLAlchemy's cursor (see relatorios.analitico.driver_rows): record them too.
    from relatorios import analitico

    plain_driver_sql = analitico.driver_sql

    def recording_driver_sql(dialect, statement):
        sql, parameters = plain_driver_sql(dialect, statement)
        captured.append((sql, parameters))
        return sql, parameters

    analitico.driver_sql = recording_driver_sql
    if not postgres:
        # Same connection settings as the app's engine, so the ratio measures only the service's own work.
        raw.execute(f"PRAGMA mmap_size={engines.SQLITE_MMAP_BYTES}")
    periods = {"mês": ("2026-01-01", "2026-01-31"), "ano": ("2026-01-01", "2026-12-31")}
    print(f"{'relatório':52} {'período':>6} {'serviço ms':>11} {'driver ms':>11} {'razão':>6}")
    worst_year, worst_ratio = 0.0, 0.0
    for name, run in reports():
        if args.only and args.only not in name:
            continue
        for label, (start, end) in periods.items():
            service_times, raw_times = [], []
            with session_scope(write=False) as session:  # warm-up: caches and pools, not timed
                run(session, start, end)
            for _ in range(args.runs):
                captured.clear()
                began = time.perf_counter()
                with session_scope(write=False) as session:
                    orjson.dumps(run(session, start, end), default=str)
                service_times.append(time.perf_counter() - began)
                statements = list(captured)
                began = time.perf_counter()
                for statement, parameters in statements:
                    raw.execute(statement, parameters).fetchall()
                raw_times.append(time.perf_counter() - began)
            service_ms = statistics.median(service_times) * 1000
            raw_ms = statistics.median(raw_times) * 1000
            ratio = service_ms / raw_ms if raw_ms else float("inf")
            if label == "ano":
                worst_year, worst_ratio = max(worst_year, service_ms), max(worst_ratio, ratio)
            print(f"{name:52} {label:>6} {service_ms:11.1f} {raw_ms:11.1f} {ratio:6.2f}", flush=True)
    print(
        f"\npior relatório no ano: {worst_year:.1f} ms (alvo ≤ 300); pior razão no ano: {worst_ratio:.2f} (alvo ≤ 1.5)"
    )


def _raw_connection(target: Path | str):
    """The driver's own connection to the same database (autocommit: each replayed query on its own)."""
    if isinstance(target, str):
        import psycopg

        return psycopg.connect(target, autocommit=True)
    return sqlite3.connect(target)


def _count(raw, table: str) -> int:
    return raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


if __name__ == "__main__":
    main()
