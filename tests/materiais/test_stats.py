"""GET /materiais/stats, /stats/evolucao and /estatisticas/uso on the conftest's orders (figures by hand)."""

from __future__ import annotations

import pytest

JANEIRO = {"data_inicio": "2026-01-01", "data_fim": "2026-01-31"}


def ranking(*rows):
    return [
        {"nome": nome, "quantidade_itens": itens, "area_total_m2": area, "percentual_area": pct}
        for nome, itens, area, pct in rows
    ]


async def test_stats_of_a_month_leave_out_drafts_cancelled_and_other_months(client, admin_headers, orders):
    await orders()
    response = await client.get("/materiais/stats", params=JANEIRO, headers=admin_headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["kpis"] == {
        "total_itens": 4,
        "total_area_m2": 15.0,
        "material_mais_usado": "TACTEL",
        "acabamento_mais_usado": "ILHÓS (QUANTIDADE)",
        "total_ilhos": 12,
        "total_itens_com_ilhos": 2,
        "data_pico": "2026-01-10",
        "m2_pico": 8.0,
        "media_m2_dia": 0.48,  # 15 m² over the 31 days asked for
    }
    assert body["ranking_materiais"] == ranking(
        ("TACTEL", 2, 8.0, 53.33), ("OXFORD", 1, 4.0, 26.67), ("NÃO INFORMADO", 1, 3.0, 20.0)
    )
    assert body["ranking_acabamentos"] == ranking(
        ("ILHÓS (QUANTIDADE)", 2, 0.0, 50.0),
        ("OVERLOQUE", 1, 0.0, 25.0),
        ("ELÁSTICO", 1, 0.0, 25.0),
        ("ILHÓS (PRESENÇA)", 1, 0.0, 25.0),
        ("EMENDA", 1, 0.0, 25.0),
    )
    assert body["por_tipo_producao"] == {
        "painel": ranking(("TACTEL", 1, 5.0, 55.56), ("OXFORD", 1, 4.0, 44.44)),
        "lona": ranking(("TACTEL", 1, 3.0, 100.0)),
        "adesivo": ranking(("NÃO INFORMADO", 1, 3.0, 100.0)),
    }


async def test_stats_filtered_by_product_type_and_without_dates(client, admin_headers, orders):
    await orders()
    painel = (
        await client.get("/materiais/stats", params={**JANEIRO, "tipo_producao": "painel"}, headers=admin_headers)
    ).json()
    assert painel["kpis"]["total_itens"] == 2
    assert painel["kpis"]["total_area_m2"] == 9.0
    assert list(painel["por_tipo_producao"]) == ["painel"]
    everything = (await client.get("/materiais/stats", headers=admin_headers)).json()
    assert everything["kpis"]["total_area_m2"] == 25.0  # February's 10 m² of Oxford too
    assert everything["ranking_materiais"][0]["nome"] == "OXFORD"
    assert everything["kpis"]["media_m2_dia"] == round(25 / 3, 2)  # per day that had items


async def test_evolution_per_day_with_the_three_most_used(client, admin_headers, orders):
    await orders()
    response = await client.get("/materiais/stats/evolucao", params=JANEIRO, headers=admin_headers)
    assert response.status_code == 200
    assert response.json() == {
        "top_3_nomes": ["TACTEL", "OXFORD", "NÃO INFORMADO"],
        "evolucao": [
            {"data": "2026-01-10", "total": 8.0, "top_materiais": {"TACTEL": 8.0, "OXFORD": 0.0, "NÃO INFORMADO": 0.0}},
            {"data": "2026-01-12", "total": 7.0, "top_materiais": {"TACTEL": 0.0, "OXFORD": 4.0, "NÃO INFORMADO": 3.0}},
        ],
    }
    empty = await client.get(
        "/materiais/stats/evolucao",
        params={"data_inicio": "2025-01-01", "data_fim": "2025-01-31"},
        headers=admin_headers,
    )
    assert empty.json() == {"top_3_nomes": [], "evolucao": [{"data": "2025-01-31", "total": 0.0, "top_materiais": {}}]}


async def test_usage_counts_items_per_material_matched_to_the_catalogue(client, admin_headers, orders):
    await orders()
    for nome, ativo in (("Tactel", True), ("Seda", True), ("Oxford", False)):
        body = {"nome": nome, "tipo": "tecido", "ativo": ativo}
        assert (await client.post("/materiais", json=body, headers=admin_headers)).status_code == 201
    tactel_id = (await client.get("/materiais", params={"q": "tactel"}, headers=admin_headers)).json()[0]["id"]

    body = (await client.get("/materiais/estatisticas/uso", headers=admin_headers)).json()
    assert body == {
        "ordem": "mais",
        "total_pedidos_analisados": 3,  # A, B, E: not the cancelled C nor the draft D
        "total_itens_com_material": 4,
        "total_materiais_distintos_com_uso": 2,
        "materiais": [
            {
                "material_id": None,  # Oxford is inactive: only active materials are matched
                "nome_material": "Oxford",
                "cadastrado": False,
                "ativo": None,
                "quantidade_usos": 2,
                "percentual_uso": 50.0,
            },
            {
                "material_id": tactel_id,
                "nome_material": "Tactel",
                "cadastrado": True,
                "ativo": True,
                "quantidade_usos": 2,  # "Tactel" and " tactel  "
                "percentual_uso": 50.0,
            },
        ],
    }
    fewest = await client.get(
        "/materiais/estatisticas/uso",
        params={"ordem": "menos", "incluir_sem_uso": "true", "incluir_cancelados": "true", "limit": 2},
        headers=admin_headers,
    )
    body = fewest.json()
    assert body["total_pedidos_analisados"] == 4
    assert [(m["nome_material"], m["quantidade_usos"]) for m in body["materiais"]] == [("Seda", 0), ("Oxford", 2)]
    assert body["total_materiais_distintos_com_uso"] == 2


async def test_stats_routes_and_the_crud_route_both_answer(client, admin_headers):
    created = await client.post("/materiais", json={"nome": "Tactel", "tipo": "tecido"}, headers=admin_headers)
    assert created.status_code == 201
    assert (await client.get(f"/materiais/{created.json()['id']}", headers=admin_headers)).json()["nome"] == "Tactel"
    for path in ("/materiais/stats", "/materiais/stats/evolucao", "/materiais/estatisticas/uso"):
        assert (await client.get(path, headers=admin_headers)).status_code == 200, path


async def test_material_created_without_price_or_stock_takes_zero(client, admin_headers):
    response = await client.post("/materiais", json={"nome": "Oxford", "tipo": "tecido"}, headers=admin_headers)
    assert response.status_code == 201, response.text
    assert response.json()["valor_metro"] == 0.0
    assert response.json()["estoque_metros"] == 0.0
    assert response.json()["ativo"] is True


@pytest.mark.parametrize("path", ["/materiais/stats", "/materiais/stats/evolucao", "/materiais/estatisticas/uso"])
async def test_stats_need_a_token(client, path):
    assert (await client.get(path)).status_code == 401


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/materiais/stats", {"data_inicio": "2026-13-01"}),
        ("/materiais/stats", {"data_fim": "ontem"}),
        ("/materiais/stats/evolucao", {"data_inicio": "31/01/2026"}),
        ("/materiais/estatisticas/uso", {"ordem": "todas"}),
        ("/materiais/estatisticas/uso", {"limit": 0}),
        ("/materiais/estatisticas/uso", {"limit": 201}),
        ("/materiais/estatisticas/uso", {"incluir_sem_uso": "talvez"}),
    ],
)
async def test_bad_parameters_are_422(client, admin_headers, path, params):
    assert (await client.get(path, params=params, headers=admin_headers)).status_code == 422


async def test_empty_dates_mean_no_filter(client, admin_headers, orders):
    await orders()
    response = await client.get("/materiais/stats", params={"data_inicio": "", "data_fim": ""}, headers=admin_headers)
    assert response.status_code == 200
    assert response.json()["kpis"]["total_area_m2"] == 25.0
