"""Benchmark the screens today's app added, at 100,000 orders: `python -m scripts.bench_today`.

For each database (SQLite file, PostgreSQL database created and dropped here) it migrates, seeds
with scripts.seed_pedidos and then, in a process of its own with that database configured, calls
each route through the app in process (ASGI, no network): the designers' panel for the busiest
designer, the dashboard summary, the material statistics and their evolution over a year, the
material usage, the automação figures over a year (per order, type, fabric) and alerts, and a
batch status change of 100 orders. Prints the median and the slowest of --runs calls against the
issue's targets.

    python -m scripts.bench_today [--orders 100000] [--database sqlite|postgresql|both] [--runs 7]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "bench-admin-123"
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
YEAR = {"data_inicio": "2025-07-01", "data_fim": "2026-06-30"}
# (label, target in ms)
TARGETS = {
    "designers panel, one designer": 50,
    "GET /pedidos/summary, computed": 50,
    "GET /pedidos/summary, cached": 50,
    "material stats, one year": 300,
    "material evolution, one year": 300,
    "material usage (all orders)": 300,
    "automação metragem, one year": 300,
    "automação per type, one year": 300,
    "automação per fabric, one year": 300,
    "automação alerts": 300,
    "batch status, 100 orders": 200,
}


def _env(root: Path, url: str) -> dict[str, str]:
    return {
        **os.environ,
        "API_ROOT": str(root),
        "DATABASE_URL": url,
        "FIRST_ADMIN_PASSWORD": PASSWORD,
        "SECRET_KEY": "bench-secret-key-with-more-than-32-characters",
        "LOG_LEVEL": "WARNING",
        "ENVIRONMENT": "development",
    }


def _run(args: list[str], env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", *args], cwd=PROJECT_DIR, env=env, check=True)


def _pg_admin(sql: str, url: str = PG_ADMIN_URL) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(sql)


def bench_database(kind: str, orders: int, runs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="sgp-bench-today-") as folder:
        root = Path(folder)
        name = f"sgp_bench_{uuid.uuid4().hex[:10]}"
        if kind == "postgresql":
            _pg_admin(f'CREATE DATABASE "{name}"')
            url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
        else:
            url = f"sqlite:///{root}/shared/db/bench.db"
        env = _env(root, url)
        try:
            _run(["init_db"], env)
            started = time.perf_counter()
            seed = ["--amount", str(orders), "--start-date", "2025-01-01", "--end-date", "2026-06-30", "--seed", "7"]
            _run(["scripts.seed_pedidos", *seed], env)
            print(f"\n{kind}: {orders:,} orders seeded in {time.perf_counter() - started:.1f} s")
            if kind == "postgresql":
                # What autovacuum does after so many inserts: planner statistics and the visibility map
                # (index-only scans). Without statistics the panel's plan was a 199 ms scan.
                _pg_admin("VACUUM (ANALYZE)", url)
            os.sync()
            _run(["scripts.bench_today", "--measure", "--runs", str(runs)], env)
        finally:
            if kind == "postgresql":
                _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _timed(call, runs: int, before=None) -> list[float]:
    await call(0)  # warm-up: caches, prepared statements
    times = []
    for run in range(1, runs + 1):
        if before is not None:
            before()
        started = time.perf_counter()
        await call(run)
        times.append((time.perf_counter() - started) * 1000)
    return times


async def measure(runs: int, only: str | None = None) -> None:
    """Runs in the process whose environment names the seeded database."""
    import httpx
    from sqlalchemy import text

    from database import engine as engines
    from main import app

    with engines.engine.connect() as connection:
        designer = connection.execute(
            text("SELECT designer FROM pedido_itens GROUP BY designer ORDER BY count(*) DESC LIMIT 1")
        ).scalar_one()
        pendentes = connection.execute(
            text("SELECT id FROM pedidos WHERE status = 'pendente' AND NOT rascunho ORDER BY id LIMIT :n"),
            {"n": 100 * (runs + 1)},
        ).scalars()
        batches = [list(batch) for batch in _chunks(list(pendentes), 100)]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        login = await client.post("/auth/login", json={"username": "admin", "password": PASSWORD})
        client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"

        async def get(path: str, params: dict | None = None):
            async def call(_run: int) -> None:
                response = await client.get(path, params=params)
                response.raise_for_status()

            return call

        async def batch(run: int) -> None:
            response = await client.post(
                "/pedidos/batch-status", json={"id_pedidos": batches[run], "status": "em_producao"}
            )
            response.raise_for_status()

        calls = {
            "designers panel, one designer": await get(f"/designers/{designer}/itens"),
            "GET /pedidos/summary, computed": await get("/pedidos/summary"),
            "GET /pedidos/summary, cached": await get("/pedidos/summary"),
            "material stats, one year": await get("/materiais/stats", YEAR),
            "material evolution, one year": await get("/materiais/stats/evolucao", YEAR),
            "material usage (all orders)": await get("/materiais/estatisticas/uso"),
            "automação metragem, one year": await get("/automacao/pedidos/metragem", YEAR),
            "automação per type, one year": await get("/automacao/producao/estatisticas", YEAR),
            "automação per fabric, one year": await get("/automacao/producao/tecidos", YEAR),
            "automação alerts": await get("/automacao/producao/alertas"),
            "batch status, 100 orders": batch,
        }
        print(f"{'call':34} {'median':>9} {'slowest':>9} {'target':>8}")
        # Every write changes the data version, so the summary staff see after one is computed again:
        # forgetting the last one measures exactly that.
        before = {"GET /pedidos/summary, computed": _forget_summary}
        for label, call in calls.items():
            if only and only not in label:
                continue
            times = await _timed(call, runs, before.get(label))
            median, target = statistics.median(times), TARGETS[label]
            mark = "ok" if median <= target else "OVER"
            print(f"{label:34} {median:7.1f}ms {max(times):7.1f}ms {target:6d}ms {mark}")


def _forget_summary() -> None:
    from pedidos.orders import summary

    summary._last = None


def _chunks(values: list, size: int) -> list[list]:
    return [values[start : start + size] for start in range(0, len(values), size)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    # With --measure, in an environment naming an already seeded database: the calls whose label has it.
    parser.add_argument("--only", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        asyncio.run(measure(args.runs, args.only))
        return 0
    kinds = ("sqlite", "postgresql") if args.database == "both" else (args.database,)
    for kind in kinds:
        bench_database(kind, args.orders, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
