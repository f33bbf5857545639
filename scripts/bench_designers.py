"""Time the designers' panel (designers.service.list_items) on the database DATABASE_URL points at.

Seed it first (python -m scripts.seed_pedidos --amount 100000; on PostgreSQL run ANALYZE, as
autovacuum would). Times the busiest and the quietest designer and a made-up one over the app's date ranges, the
median and worst of 7 runs each, service only (SQL and row shaping, no HTTP):

    python -m scripts.bench_designers [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date, timedelta

from sqlalchemy import func, select

from database.session import open_session
from designers import service
from pedidos.orders.models import PedidoItem


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Tempo do painel de designers.")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    today = date.today()
    ranges = {"7 dias": today - timedelta(days=7), "30 dias": today - timedelta(days=30), "sem datas": None}
    with open_session(write=False) as session:
        count = func.count().label("n")
        by_count = session.execute(
            select(PedidoItem.designer, count).where(PedidoItem.designer_busca != "").group_by(PedidoItem.designer)
        ).all()
    by_count.sort(key=lambda row: row.n)
    names = [by_count[-1].designer, by_count[0].designer] if by_count else []
    for nome in (*names, "Ninguém"):
        for label, start in ranges.items():
            times = []
            for _ in range(args.runs):
                with open_session(write=False) as session:
                    began = time.perf_counter()
                    rows = service.list_items(session, nome=nome, start=start, end=today, limit=50, offset=0)
                    times.append((time.perf_counter() - began) * 1000)
            median, worst = statistics.median(times), max(times)
            print(f"{nome:12} {label:10} {len(rows):3} itens  mediana {median:6.1f} ms  pior {worst:6.1f} ms")


if __name__ == "__main__":
    main()
