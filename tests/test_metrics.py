"""GET /metrics: admins, or a Prometheus scraper with METRICS_TOKEN; summed over every worker."""

from __future__ import annotations

import re
import shutil

import httpx
import pytest
from pydantic import ValidationError

from config import Settings, settings
from tests.live import LiveServer, wait_until

TOKEN = "raspador-prometheus-0123456789abcdef"


async def test_the_scrape_token_opens_metrics_and_nothing_else(client, monkeypatch, user_headers, admin_headers):
    monkeypatch.setattr(settings, "METRICS_TOKEN", TOKEN)
    scraper = {"Authorization": f"Bearer {TOKEN}"}
    response = await client.get("/metrics", headers=scraper)
    assert response.status_code == 200 and "sgp_http_requests_total" in response.text
    assert (await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN[:-1]}x"})).status_code == 401
    assert (await client.get("/metrics", headers={"Authorization": TOKEN})).status_code == 401  # Bearer only
    assert (await client.get("/metrics")).status_code == 401
    assert (await client.get("/metrics", headers=user_headers)).status_code == 403
    assert (await client.get("/metrics", headers=admin_headers)).status_code == 200
    assert (await client.get("/users", headers=scraper)).status_code == 401  # not a user's token


async def test_without_a_token_set_only_admins_read_metrics(client, monkeypatch):
    monkeypatch.setattr(settings, "METRICS_TOKEN", "")
    assert (await client.get("/metrics", headers={"Authorization": "Bearer "})).status_code == 401


def test_a_short_scrape_token_is_refused():
    with pytest.raises(ValidationError, match="METRICS_TOKEN"):
        Settings(METRICS_TOKEN="curto")


def _health_count(text: str) -> float:
    found = re.search(r'^sgp_http_requests_total\{method="GET",route="/health",status="200"\} (\S+)$', text, re.M)
    return float(found.group(1)) if found else 0.0


def _one_worker(counter_file, tmp_path) -> str:
    """What one worker alone would report: its file read by prometheus-client's own collector."""
    from prometheus_client import CollectorRegistry, generate_latest, multiprocess

    alone = tmp_path / f"alone-{counter_file.stem}"
    alone.mkdir()
    shutil.copy(counter_file, alone / counter_file.name)
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=str(alone))
    return generate_latest(registry).decode()


def test_a_scrape_of_two_workers_counts_both(tmp_path):
    metrics_dir = tmp_path / "prometheus"
    metrics_dir.mkdir()
    (metrics_dir / "counter_999999.db").write_bytes(b"stale")  # a previous run's file: emptied at start
    env = {"METRICS_TOKEN": TOKEN, "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}
    server = LiveServer(workers=2, env=env).start()
    try:
        assert not (metrics_dir / "counter_999999.db").exists()
        requests = 0

        def both_workers_served() -> bool:
            nonlocal requests
            assert httpx.get(server.url + "/health").status_code == 200  # a new connection: either worker
            requests += 1
            return len({path.stem.rsplit("_", 1)[-1] for path in metrics_dir.glob("counter_*.db")}) >= 2

        wait_until(both_workers_served, timeout=60, interval=0, message="both workers to serve")
        scraper = {"Authorization": f"Bearer {TOKEN}"}
        per_worker = [_health_count(_one_worker(path, tmp_path)) for path in metrics_dir.glob("counter_*.db")]
        assert len(per_worker) == 2 and all(per_worker)
        # Whichever worker answers the scrape, it counts every worker's /health (start-up probes included).
        for _ in range(4):
            scrape = httpx.get(server.url + "/metrics", headers=scraper)
            assert scrape.status_code == 200
            assert _health_count(scrape.text) == sum(per_worker) >= requests
    finally:
        server.stop()
