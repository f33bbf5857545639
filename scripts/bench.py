"""Order API benchmark against the framework's floor: `python -m scripts.bench`.

Seeds a database (100,000 orders by default), serves it with one uvicorn worker, and drives it with
wrk (Debian package `wrk`) at 32 connections: a one-month page (limit=50), get-by-id over many ids,
and the framework floor (same bytes from memory) for each. Then the app's "all orders" call on a
20,000-order database, and creates at 8 concurrent clients. Prints req/s, p50, p99 and ratios.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

PROJECT_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "bench-admin-123"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _env(root: Path) -> dict[str, str]:
    return {
        **os.environ,
        "API_ROOT": str(root),
        "DATABASE_URL": f"sqlite:///{root}/shared/db/bench.db",
        "FIRST_ADMIN_PASSWORD": PASSWORD,
        "SECRET_KEY": "bench-secret-key-with-more-than-32-characters",
        "LOG_LEVEL": "WARNING",
        "SGP_BENCH_FLOOR_DIR": str(root / "floor"),
        "ENVIRONMENT": "development",
    }


def _run(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", *args], cwd=PROJECT_DIR, env=env, check=True)
    return time.perf_counter() - started


def prepare(root: Path, amount: int) -> float:
    env = _env(root)
    (root / "floor").mkdir(parents=True, exist_ok=True)
    _run(["init_db"], env)
    seconds = _run(
        ["scripts.seed_pedidos", "--amount", str(amount), "--start-date", "2025-01-01", "--end-date", "2026-06-30"],
        env,
    )
    # The seed leaves ~hundreds of MB of dirty pages: flushed now, not by the kernel during the measurements
    # (that writeback made the server's own fsyncs wait: creates' p99 went from ~20 ms to 45-90 ms).
    os.sync()
    return seconds


@contextmanager
def server(root: Path, port: int):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "scripts.bench_app:app",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=PROJECT_DIR,
        env=_env(root),
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    try:
        token = httpx.post(base + "/auth/login", json={"username": "admin", "password": PASSWORD}).json()[
            "access_token"
        ]
        yield base, token
    finally:
        process.terminate()
        process.wait(timeout=20)


def wrk(url: str, token: str, *, connections: int, seconds: int, script: str | None = None) -> dict:
    command = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
        "--latency",
        "-H",
        f"Authorization: Bearer {token}",
    ]
    if script:
        command += ["-s", script]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = {}
    for pct, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M):
        percentiles[pct] = float(value) * UNITS[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps,
        "p50": percentiles.get("50"),
        "p99": percentiles.get("99"),
        "non2xx": int(errors.group(1)) if errors else 0,
    }


def _lua(root: Path, name: str, body: str) -> str:
    path = root / f"{name}.lua"
    path.write_text(body)
    return str(path)


def row(name: str, figures: dict, floor: dict | None = None) -> str:
    ratio = f"{figures['rps'] / floor['rps']:.2f}" if floor else "—"
    return (
        f"{name:38s} {figures['rps']:9.0f} req/s  p50 {figures['p50'] or 0:7.2f} ms  "
        f"p99 {figures['p99'] or 0:7.2f} ms  non-2xx {figures['non2xx']:<5d} ratio {ratio}"
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=100_000, help="orders in the main database")
    parser.add_argument("--all-orders", type=int, default=20_000, help="orders for the 'all orders' call")
    parser.add_argument("--seconds", type=int, default=10, help="duration of each wrk run")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--keep", action="store_true", help="keep the temporary databases")
    return parser.parse_args()


def measure_reads(root: Path, base: str, token: str, args: argparse.Namespace) -> list[str]:
    """A month's page and random ids, each beside its floor (the same bytes served from memory)."""
    headers = {"Authorization": f"Bearer {token}"}
    month = "/pedidos/?data_inicio=2026-03-01&data_fim=2026-03-31&limit=50"
    (root / "floor/month.json").write_bytes(httpx.get(base + month, headers=headers).content)
    (root / "floor/order.json").write_bytes(httpx.get(base + "/pedidos/1", headers=headers).content)
    floor_month = wrk(base + "/__bench/floor/month", token, connections=32, seconds=args.seconds)
    page = wrk(base + month, token, connections=32, seconds=args.seconds)
    rows = [row("floor (month page bytes)", floor_month), row("GET /pedidos/ one month, limit=50", page, floor_month)]
    by_id = _lua(
        root,
        "by_id",
        f"request = function() return wrk.format('GET', '/pedidos/' .. math.random(1, {args.orders})) end\n",
    )
    floor_order = wrk(base + "/__bench/floor/order", token, connections=32, seconds=args.seconds)
    get_one = wrk(base, token, connections=32, seconds=args.seconds, script=by_id)
    return rows + [
        row("floor (one order bytes)", floor_order),
        row("GET /pedidos/{id} random ids", get_one, floor_order),
    ]


def measure_creates(root: Path, base: str, token: str, seconds: int) -> tuple[str, int]:
    """POST /pedidos/ at 8 connections; its row and the last order id before it."""
    create_body = (
        '{"cliente":"Bench Ltda","data_entrada":"2026-05-01","valor_total":"100.00",'
        '"items":[{"tipo_producao":"painel","descricao":"Painel","valor_unitario":"100.00"}]}'
    )
    create = _lua(
        root,
        "create",
        f"wrk.method = 'POST'\nwrk.headers['Content-Type'] = 'application/json'\nwrk.body = '{create_body}'\n",
    )
    before = sqlite3.connect(root / "shared/db/bench.db").execute("SELECT max(id) FROM pedidos").fetchone()[0]
    creates = wrk(base + "/pedidos/", token, connections=8, seconds=seconds, script=create)
    return row("POST /pedidos/ at 8 connections", creates), before


def created_since(root: Path, before: int) -> tuple[int, int]:
    """Orders created after id `before`, and how many distinct numbers they got."""
    db = sqlite3.connect(root / "shared/db/bench.db")
    return db.execute("SELECT count(*), count(DISTINCT numero) FROM pedidos WHERE id > ?", (before,)).fetchone()


def measure_all_orders(base: str, token: str, amount: int) -> tuple[list[float], int]:
    """GET /pedidos/ without a page, five times (gzip); the timings and the body's size."""
    timings = []
    size = 0
    for _ in range(5):
        started = time.perf_counter()
        response = httpx.get(
            base + "/pedidos/",
            headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"},
            timeout=120,
        )
        timings.append(time.perf_counter() - started)
        size = len(response.content)
        assert len(response.json()) == amount
    return timings, size


def main() -> None:
    args = parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk não encontrado: apt-get install wrk")

    work = Path(tempfile.mkdtemp(prefix="sgp-bench-"))
    big, small = work / "big", work / "small"
    try:
        print(f"seeding {args.orders} orders ...", flush=True)
        seed_seconds = prepare(big, args.orders)
        print(f"seeded {args.orders} orders in {seed_seconds:.1f} s ({args.orders / seed_seconds:.0f} orders/s)")
        items = sqlite3.connect(big / "shared/db/bench.db").execute("SELECT count(*) FROM pedido_itens").fetchone()[0]
        print(f"items: {items}")
        with server(big, args.port) as (base, token):
            results = measure_reads(big, base, token, args)
            creates_row, before = measure_creates(big, base, token, args.seconds)
            results.append(creates_row)
        created, distinct = created_since(big, before)

        print(f"seeding {args.all_orders} orders for the all-orders call ...", flush=True)
        prepare(small, args.all_orders)
        with server(small, args.port + 1) as (base, token):
            timings, size = measure_all_orders(base, token, args.all_orders)
        print()
        print("\n".join(results))
        print(
            f"creates: {created} orders, {distinct} distinct numbers ({'OK' if created == distinct else 'DUPLICATES'})"
        )
        print(
            f"GET /pedidos/ all {args.all_orders} orders (gzip, {size / 1e6:.1f} MB): first call after the "
            f"start {timings[0]:.2f} s, then best {min(timings[1:]):.2f} s, worst {max(timings[1:]):.2f} s"
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")


if __name__ == "__main__":
    main()
