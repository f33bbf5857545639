"""Every report route: either date pair, no unknown parameter, the app's own calls still answered."""

from __future__ import annotations

import pytest

from main import app

JANUARY_APP = {"start_date": "2026-01-01", "end_date": "2026-01-31"}
JANUARY_SEED = {"data_inicio": "2026-01-01", "data_fim": "2026-01-31"}
CLOSING = {"report_type": "sintetico_designer"}
# path → the parameters it needs besides the dates.
ROUTES = {
    "/relatorios-fechamentos/pedidos/relatorio": CLOSING,
    "/relatorios-fechamentos/pedidos/relatorio-semanal": {},
    "/relatorios-fechamentos/pedidos/quantidade": {},
    "/relatorios-fechamentos/pedidos/valor-total": {},
    "/relatorios-fechamentos/pedidos/por-status": {},
    "/relatorios-fechamentos/pedidos/por-cliente": {},
    "/relatorios-fechamentos/pedidos/por-vendedor": {},
    "/relatorios-fechamentos/pedidos/por-designer": {},
    "/relatorios-fechamentos/pedidos/por-tipo-producao": {},
    "/relatorios-fechamentos/pedidos/tendencia": {},
    "/relatorios-fechamentos/financeiro": {},
    "/relatorios-envios": {},
    "/relatorios-envios/pedidos": {},
    "/relatorios/fechamentos/statistics": {},
    "/relatorios/fechamentos/trends": {},
    "/relatorios/fechamentos/rankings/vendedor": {},
}


def test_the_list_covers_every_report_route():
    documented = {
        path for path, ops in app.openapi()["paths"].items() if "get" in ops and path.startswith("/relatorios")
    }
    listed = {path.replace("/rankings/vendedor", "/rankings/{category}") for path in ROUTES}
    assert documented - {"/relatorios/templates"} == listed


@pytest.mark.parametrize("path", ROUTES)
async def test_both_date_pairs_give_the_same_report(client, user_headers, dataset, path):
    app_pair = await client.get(path, params={**ROUTES[path], **JANUARY_APP}, headers=user_headers)
    seed_pair = await client.get(path, params={**ROUTES[path], **JANUARY_SEED}, headers=user_headers)
    both = await client.get(path, params={**ROUTES[path], **JANUARY_APP, **JANUARY_SEED}, headers=user_headers)
    assert app_pair.status_code == 200, app_pair.text
    body = app_pair.json()
    if isinstance(body, dict):
        body.pop("generated_at", None)
    for other in (seed_pair, both):
        assert other.status_code == 200, other.text
        answer = other.json()
        if isinstance(answer, dict):
            answer.pop("generated_at", None)
        assert answer == body
    # One name of each pair mixed is fine too.
    mixed = await client.get(
        path, params={**ROUTES[path], "data_inicio": "2026-01-01", "end_date": "2026-01-31"}, headers=user_headers
    )
    assert mixed.status_code == 200, mixed.text


@pytest.mark.parametrize("path", ROUTES)
async def test_disagreeing_date_names_are_a_422_naming_both(client, user_headers, path):
    params = {**ROUTES[path], **JANUARY_APP, "data_inicio": "2026-02-01"}
    response = await client.get(path, params=params, headers=user_headers)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, str) and "start_date" in detail and "data_inicio" in detail and "divergem" in detail


@pytest.mark.parametrize("path", ROUTES)
async def test_an_unknown_parameter_is_a_422_that_names_it(client, user_headers, path):
    params = {**ROUTES[path], **JANUARY_APP, "data_inicial": "2026-01-01", "formatto": "csv"}
    response = await client.get(path, params=params, headers=user_headers)
    assert response.status_code == 422, response.text
    assert set(response.json()) == {"detail"}
    detail = response.json()["detail"]
    assert detail.startswith("Parâmetros desconhecidos: data_inicial, formatto")
    assert "start_date" in detail  # the accepted names are listed


async def test_a_misspelt_date_no_longer_gives_all_time_totals(client, user_headers, dataset):
    response = await client.get(
        "/relatorios-fechamentos/financeiro", params={"inicio": "2026-01-01"}, headers=user_headers
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Parâmetro desconhecido: inicio.")


async def test_the_templates_routes_refuse_unknown_parameters_too(client, user_headers):
    assert (await client.get("/relatorios/templates", headers=user_headers)).status_code == 200
    response = await client.get("/relatorios/templates", params={"x": "1"}, headers=user_headers)
    assert response.status_code == 422 and "x" in response.json()["detail"]


# Exactly what today's app sends (src/api/endpoints/resources.ts, every optional parameter set).
APP_CALLS = [
    (
        "/relatorios-fechamentos/pedidos/relatorio",
        {
            "report_type": "analitico_designer_cliente",
            "date_mode": "entrada",
            **JANUARY_APP,
            "status": "Concluido",
            "vendedor": "a",
            "designer": "a",
            "cliente": "a",
            "frete_distribution": "proporcional",
        },
    ),
    ("/relatorios-fechamentos/pedidos/relatorio-semanal", {**JANUARY_APP, "date_mode": "entrada", "cliente": "jos"}),
    (
        "/relatorios/fechamentos/statistics",
        {**JANUARY_APP, "status": "Pendente", "date_mode": "entrada", "vendedor": "c", "designer": "a", "cliente": "j"},
    ),
    (
        "/relatorios/fechamentos/trends",
        {**JANUARY_APP, "status": "Pendente", "date_mode": "entrega", "group_by": "week"},
    ),
    (
        "/relatorios/fechamentos/rankings/cliente",
        {**JANUARY_APP, "status": "Pendente", "date_mode": "entrada", "limit": "5"},
    ),
]


@pytest.mark.parametrize(("path", "params"), APP_CALLS)
async def test_the_apps_calls_are_still_answered(client, user_headers, dataset, path, params):
    response = await client.get(path, params=params, headers=user_headers)
    assert response.status_code == 200, response.text


async def test_relatorio_semanal_filters_by_the_client_the_app_sends(client, user_headers, dataset):
    response = await client.get(
        "/relatorios-fechamentos/pedidos/relatorio-semanal",
        params={**JANUARY_APP, "date_mode": "entrada", "cliente": "jose"},
        headers=user_headers,
    )
    assert response.status_code == 200
    assert response.json() and {p["cliente"] for p in response.json()} == {"José Álvares"}
