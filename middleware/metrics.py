"""Per-route request count and latency (Prometheus), and X-Process-Time on every response."""

from __future__ import annotations

import os
import time

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

REQUESTS = Counter("sgp_http_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram(
    "sgp_http_request_duration_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


class MetricsMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        status_holder = {"status": 500}

        async def send_with_timing(message):
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                elapsed = time.perf_counter() - started
                message["headers"] = list(message.get("headers", [])) + [(b"x-process-time", f"{elapsed:.6f}".encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_timing)
        finally:
            route = scope.get("route")
            # The route template keeps label cardinality bounded; unmatched paths share one label.
            label = getattr(route, "path", None) or "unmatched"
            method = scope.get("method", "GET")
            REQUESTS.labels(method, label, str(status_holder["status"])).inc()
            LATENCY.labels(method, label).observe(time.perf_counter() - started)


def render_metrics() -> tuple[bytes, str]:
    """Prometheus text; aggregated over worker processes when PROMETHEUS_MULTIPROC_DIR is set."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST
