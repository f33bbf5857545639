"""WebSocket fan-out benchmark: N clients across W workers, a burst of order updates, latency and idle CPU.

    python -m scripts.bench_ws --clients 500 --updates 200 --workers 2
    python -m scripts.bench_ws --server hypercorn                  # Hypercorn (plain ASGI, deflate)
    python -m scripts.bench_ws --server uvicorn                    # plain uvicorn, its defaults
    python -m scripts.bench_ws --client websockets --deflate       # library clients offering deflate
    python -m scripts.bench_ws --via db                            # events written straight to the log

What it does, in order:

1. Starts the server on a temporary SQLite database (or --database-url): by default `python -m serve`,
   the production command (uvicorn, uvloop, httptools, pedidos/realtime/ws_protocol.py, no permessage-deflate).
2. Creates `--updates` orders over HTTP, then connects the clients (before the burst, so they are
   live when it starts) and measures the server's CPU while they sit idle.
3. The burst: `--writers` concurrent HTTP clients send one `PATCH /pedidos/{id}` (a new observacao)
   per order, as the desktop app does; each produces one `order_updated` event. Latency is measured
   from each PATCH's HTTP response to the moment the LAST of the clients received that event.
   `--via db` instead writes the events straight into the log, one transaction each (the fan-out
   alone, with no HTTP work on the server), and measures from each commit.

The clients run in `--client-processes` processes on the same machine (their CPU is reported).
`--client lean` (default) is a minimal RFC 6455 client on asyncio: it does the handshake, answers
pings, and reads every frame off the socket; for each text frame it finds the message's event_id
(the last key) without decoding the UTF-8 or parsing the JSON. Each client counts its messages and
checks their event ids rise strictly; at the end every client must have received exactly the
burst's events. `--client websockets` uses the websockets library instead (it validates UTF-8 and
can offer permessage-deflate, as browsers do), at several times the client CPU per message.
Receipt times are time.perf_counter() (CLOCK_MONOTONIC on Linux), comparable across processes.
"""

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time

# The clients are in bench_ws_clients, the server's side (start, CPU, orders, the burst) in
# bench_ws_server, the printed figures in bench_ws_report; this module runs the steps in order.
from scripts.bench_ws_clients import ClientGroups
from scripts.bench_ws_report import Burst, print_burst
from scripts.bench_ws_server import (
    PROJECT_DIR,
    bench_user_token,
    burst_events,
    create_orders,
    db_burst,
    free_port,
    http_burst,
    latest_event_id,
    process_group_cpu_seconds,
    start_server,
    stop_server,
    wait_until_healthy,
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--updates", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--idle-seconds", type=float, default=10.0, help="how long to measure idle CPU")
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    parser.add_argument(
        "--server",
        choices=["serve", "uvicorn", "hypercorn"],
        default="serve",
        help="serve: `python -m serve` (production); uvicorn: plain uvicorn defaults; hypercorn",
    )
    parser.add_argument("--server-args", default="", help="extra options for the server command")
    parser.add_argument("--via", choices=["http", "db"], default="http", help="how the burst is written")
    parser.add_argument("--writers", type=int, default=4, help="concurrent HTTP clients sending the burst")
    parser.add_argument("--gap-ms", type=float, default=0, help="--via db: pause between events (a trickle)")
    parser.add_argument("--client", choices=["lean", "websockets"], default="lean")
    parser.add_argument("--deflate", action="store_true", help="websockets clients offer permessage-deflate")
    parser.add_argument("--client-processes", type=int, default=2, help="clients run in this many processes")
    return parser.parse_args()


async def measure_idle(args: argparse.Namespace, server: subprocess.Popen) -> None:
    """The server's CPU while every client sits connected and nothing happens."""
    await asyncio.sleep(2)  # let the connections settle first
    cpu_before, wall_before = process_group_cpu_seconds(server.pid), time.monotonic()
    await asyncio.sleep(args.idle_seconds)
    cpu = process_group_cpu_seconds(server.pid) - cpu_before
    idle_percent = 100 * cpu / (time.monotonic() - wall_before)
    print(f"CPU ociosa do servidor com {args.clients} clientes: {idle_percent:.2f}% de um núcleo")


async def measure_burst(
    args: argparse.Namespace,
    server: subprocess.Popen,
    groups: ClientGroups,
    base_url: str,
    headers: dict[str, str],
    order_ids: list[int],
) -> Burst:
    """Write the burst (--via), wait until every client process reports, and read back the events."""
    log_end = await asyncio.to_thread(latest_event_id)
    cpu_before = process_group_cpu_seconds(server.pid)
    bench_cpu_before = time.process_time()
    started = time.perf_counter()
    committed: dict[int, float] = {}
    if args.via == "http":
        responded = await http_burst(base_url, headers, order_ids, args.writers)
    else:
        await asyncio.to_thread(db_burst, order_ids, committed, args.gap_ms / 1000)
    written = time.perf_counter()
    receipts = await groups.results()
    finished = time.perf_counter()
    server_cpu = process_group_cpu_seconds(server.pid) - cpu_before
    bench_cpu = time.process_time() - bench_cpu_before

    events = await asyncio.to_thread(burst_events, log_end)
    if args.via == "http":
        committed = {event_id: responded[order_id] for event_id, order_id, _type in events}
    return Burst(started, written, finished, server_cpu, bench_cpu, committed, events, receipts)


async def run(args: argparse.Namespace) -> None:
    token = bench_user_token()
    headers = {"Authorization": f"Bearer {token}"}
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = start_server(args, port, dict(os.environ))
    try:
        await wait_until_healthy(server, base_url)
        order_ids = await create_orders(base_url, headers, args.updates)

        groups = ClientGroups(args, f"ws://127.0.0.1:{port}/ws/orders?token={token}")
        per_worker = await groups.connect()
        print(f"{args.clients} clientes conectados; por worker: {sorted(per_worker.values())}; {groups.describe()}")

        await measure_idle(args, server)
        print_burst(args, await measure_burst(args, server, groups, base_url, headers, order_ids))
        await groups.close()
    finally:
        stop_server(server)


def main() -> None:
    args = parse_args()
    root = tempfile.mkdtemp(prefix="sgp-bench-ws-")
    os.environ.update(
        API_ROOT=root,
        DATABASE_URL=args.database_url or f"sqlite:///{root}/shared/db/bench.db",
        ENVIRONMENT="test",
        SECRET_KEY="bench-secret-key-that-is-long-enough-12345",
        BCRYPT_ROUNDS="4",
        FIRST_ADMIN_PASSWORD="bench-admin-senha",
        LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(PROJECT_DIR))
    try:
        asyncio.run(run(args))
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
