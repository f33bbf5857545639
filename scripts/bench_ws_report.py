"""What scripts.bench_ws prints about a burst: delivery, exactness, CPU per message, latencies."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from scripts.bench_ws_clients import Receipts
from scripts.bench_ws_server import UPDATE_TYPE


@dataclass
class Burst:
    """One burst, measured: perf_counter times, CPU seconds, the events in the log, what clients got."""

    started: float
    written: float  # the last PATCH answered, or the last event committed
    finished: float  # every client process reported
    server_cpu: float
    bench_cpu: float
    committed: dict[int, float]  # event id → its HTTP response (--via http) or its commit (--via db)
    events: list[tuple[int, int, str]]  # (event id, order id, type) written by the burst
    receipts: Receipts


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def is_exact(args: argparse.Namespace, burst: Burst) -> bool:
    """One event per update, consecutive ids, and every client received exactly those, in order."""
    events, receipts = burst.events, burst.receipts
    ids = [event_id for event_id, _order, _type in events]
    return (
        len(events) == args.updates
        and all(kind == UPDATE_TYPE for *_rest, kind in events)
        and ids == list(range(ids[0], ids[0] + len(ids)))
        and all(count == args.updates for count in receipts.received)
        and receipts.first_ids == {ids[0]}
        and receipts.last_ids == {ids[-1]}
        and not receipts.errors
    )


def print_burst(args: argparse.Namespace, burst: Burst) -> None:
    receipts = burst.receipts
    delivered = sum(receipts.received)
    how = f"HTTP PATCH, {args.writers} por vez" if args.via == "http" else "gravadas direto no log"
    exact = is_exact(args, burst)
    verdict = "cada cliente recebeu exatamente os eventos da rajada" if exact else "ERRO: faltas ou desordem"
    print(
        f"{args.updates} atualizações em rajada ({how}), escritas em {(burst.written - burst.started) * 1000:.0f} ms; "
        f"{delivered}/{args.updates * args.clients} mensagens entregues em {burst.finished - burst.started:.2f} s; "
        f"{verdict}"
    )
    server_cpu, client_cpu = burst.server_cpu, receipts.cpu
    print(
        f"CPU na rajada: servidor {server_cpu:.2f} s ({server_cpu / max(1, delivered) * 1e6:.1f} µs por mensagem"
        f"{', com o HTTP' if args.via == 'http' else ''}); clientes {client_cpu:.2f} s "
        f"({client_cpu / max(1, delivered) * 1e6:.1f} µs por mensagem); processo do benchmark {burst.bench_cpu:.2f} s"
    )
    origin = "resposta HTTP" if args.via == "http" else "gravação"
    for label, at_client in (("último", receipts.last), ("primeiro", receipts.first)):
        latencies = [(at_client[i] - at) * 1000 for i, at in burst.committed.items() if i in at_client]
        if latencies:
            print(
                f"latência {origin}→{label} cliente: p50 {percentile(latencies, 0.5):.0f} ms, "
                f"p99 {percentile(latencies, 0.99):.0f} ms, máx {max(latencies):.0f} ms"
            )
