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
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from scripts.bench_relatorios_seed import seed

PERIODS = {"mês": ("2026-01-01", "2026-01-31"), "ano": ("2026-01-01", "2026-12-31")}


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


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="/tmp/sgp-bench-relatorios.db", help="SQLite file (reused if seeded)")
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--only", default="", help="run only reports whose name contains this")
    parser.add_argument("--database-url", default="", help="a PostgreSQL database instead (migrated, seeded if empty)")
    return parser.parse_args()


def _target(args: argparse.Namespace) -> Path | str:
    """The database to measure (a SQLite path or a libpq URL); DATABASE_URL points the app at it too."""
    postgres = args.database_url.startswith("postgresql")
    # libpq's form for psycopg; SQLAlchemy's (with its driver) for the app.
    target: Path | str = args.database_url.replace("+psycopg", "") if postgres else Path(args.db).resolve()
    os.environ["DATABASE_URL"] = args.database_url if postgres else f"sqlite:///{target}"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    return target


def _prepare(target: Path | str, orders: int):
    """Migrate, seed when empty, and open the driver's own connection with the app's settings."""
    from database import engine as engines
    from database.migrate import migrate

    migrate()
    raw = _raw_connection(target)
    if _count(raw, "pedidos") == 0:
        print(f"Semeando {orders:,} pedidos em {target} ...", file=sys.stderr)
        seed(target, orders)
    print(f"{target}: {_count(raw, 'pedidos'):,} pedidos, {_count(raw, 'pedido_itens'):,} itens\n")
    if isinstance(target, Path):
        # Same connection settings as the app's engine, so the ratio measures only the service's own work.
        raw.execute(f"PRAGMA mmap_size={engines.SQLITE_MMAP_BYTES}")
    return raw


def _record_queries() -> list[tuple[str, tuple]]:
    """A list that every SELECT the app issues from now on is appended to (statement, parameters)."""
    from sqlalchemy import event

    from database import engine as engines
    from relatorios import analitico

    captured: list[tuple[str, tuple]] = []

    @event.listens_for(engines.engine, "before_cursor_execute")
    def _capture(_conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            captured.append((statement, parameters))

    # The analítico rows bypass SQLAlchemy's cursor (see relatorios.analitico.driver_rows): record them too.
    plain_driver_sql = analitico.driver_sql

    def recording_driver_sql(dialect, statement):
        sql, parameters = plain_driver_sql(dialect, statement)
        captured.append((sql, parameters))
        return sql, parameters

    analitico.driver_sql = recording_driver_sql
    return captured


def _measure(run, start: str, end: str, *, runs: int, raw, captured: list) -> tuple[float, float]:
    """Median ms through the service (with its JSON), and of its SQL replayed on the driver."""
    import orjson

    from database.session import session_scope

    service_times, raw_times = [], []
    with session_scope(write=False) as session:  # warm-up: caches and pools, not timed
        run(session, start, end)
    for _ in range(runs):
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
    return statistics.median(service_times) * 1000, statistics.median(raw_times) * 1000


def main() -> None:
    args = parse_args()
    target = _target(args)
    raw = _prepare(target, args.orders)
    captured = _record_queries()
    print(f"{'relatório':52} {'período':>6} {'serviço ms':>11} {'driver ms':>11} {'razão':>6}")
    worst_year, worst_ratio = 0.0, 0.0
    for name, run in reports():
        if args.only and args.only not in name:
            continue
        for label, (start, end) in PERIODS.items():
            service_ms, raw_ms = _measure(run, start, end, runs=args.runs, raw=raw, captured=captured)
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
