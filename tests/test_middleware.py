"""Cross-cutting behaviour: CORS for the app's origins, gzip, metrics, ids, error shape, docs offline."""

from __future__ import annotations

import re

import pytest

PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "authorization,x-silent-request",
}


@pytest.mark.parametrize(
    "origin", ["http://tauri.localhost", "http://localhost:1420", "tauri://localhost", "http://192.168.0.15:8080"]
)
async def test_cors_preflight_allows_the_apps_origins_and_silent_header(client, origin):
    response = await client.options("/auth/logout", headers={"Origin": origin, **PREFLIGHT})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == origin
    allowed = response.headers["access-control-allow-headers"].lower()
    assert "x-silent-request" in allowed and "authorization" in allowed


async def test_cors_preflight_refuses_other_origins(client):
    response = await client.options("/auth/logout", headers={"Origin": "http://evil.example", **PREFLIGHT})
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


async def test_large_responses_are_gzipped(client):
    response = await client.get("/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["openapi"]


async def test_every_response_has_process_time_and_request_id(client):
    response = await client.get("/health", headers={"X-Request-ID": "abc-123"})
    assert float(response.headers["x-process-time"]) >= 0
    assert response.headers["x-request-id"] == "abc-123"


async def test_metrics_are_for_admins_only(client, user_headers, admin_headers):
    await client.get("/health")
    assert (await client.get("/metrics")).status_code == 401
    assert (await client.get("/metrics", headers=user_headers)).status_code == 403
    response = await client.get("/metrics", headers=admin_headers)
    assert response.status_code == 200
    assert 'sgp_http_requests_total{method="GET",route="/health",status="200"}' in response.text
    assert "sgp_http_request_duration_seconds_bucket" in response.text


async def test_paths_answer_with_and_without_trailing_slash_without_redirect(client):
    with_slash = await client.get("/health/")
    assert with_slash.status_code == 200


async def test_unknown_route_is_a_json_404(client):
    response = await client.get("/nao-existe")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


async def test_docs_pages_load_no_external_url(client):
    for page in ("/docs", "/redoc"):
        response = await client.get(page)
        assert response.status_code == 200
        external = re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", response.text)
        assert external == [], f"{page} loads {external}"
        assert "cdn" not in response.text.lower()
    assets = ["/docs-assets/swagger-ui-bundle.js", "/docs-assets/swagger-ui.css", "/docs-assets/redoc.standalone.js"]
    for asset in assets:
        assert (await client.get(asset)).status_code == 200
