"""GET /relatorios-fechamentos/pedidos/relatorio over the hand-built dataset."""

from __future__ import annotations

from datetime import date

import pytest

from tests.relatorios import oracle
from tests.relatorios.conftest import DATASET

URL = "/relatorios-fechamentos/pedidos/relatorio"
JANUARY = {"start_date": "2026-01-01", "end_date": "2026-01-31"}


async def get_report(client, headers, report_type, **params):
    response = await client.get(URL, params={"report_type": report_type, **JANUARY, **params}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def cents(value: float) -> int:
    return round(value * 100)


async def test_designer_cliente_matches_the_hand_computed_figures(client, user_headers, dataset):
    body = await get_report(client, user_headers, "analitico_designer_cliente")
    assert body["title"] == "Relatório Analítico — Designer × Cliente"
    assert body["period_label"] == "Período: 01/01/2026 - 31/01/2026"
    assert body["status_label"] == "Status: Todos"
    assert body["page"] == 1 and body["report_type"] == "analitico_designer_cliente"
    assert [g["label"] for g in body["groups"]] == ["Designer: Ana", "Designer: Bruno", "Designer: Sem designer"]
    ana = body["groups"][0]
    assert ana["key"] == "designer-ana" and ana["rows"] == []
    assert [s["label"] for s in ana["subgroups"]] == [
        "Cliente: Cliente não informado",
        "Cliente: José Álvares",
        "Cliente: Maria",
    ]
    sem_cliente = ana["subgroups"][0]
    # por_pedido: every row repeats the order's whole freight; the subtotal counts it once.
    assert sem_cliente["rows"] == [
        {"ficha": "0000000005", "descricao": "Painel A", "valor_frete": 10.0, "valor_servico": 10.0},
        {"ficha": "0000000005", "descricao": "Painel B", "valor_frete": 10.0, "valor_servico": 20.0},
        {"ficha": "0000000005", "descricao": "Brinde", "valor_frete": 10.0, "valor_servico": 0.0},
    ]
    assert sem_cliente["subtotal"] == {"valor_frete": 10.0, "valor_servico": 30.0}
    # An item without descricao falls back to its product type.
    assert ana["subgroups"][2]["rows"] == [
        {"ficha": "0000000002", "descricao": "lona", "valor_frete": 5.0, "valor_servico": 50.0}
    ]
    assert ana["subtotal"] == {"valor_frete": 25.0, "valor_servico": 140.0}
    assert body["total"] == {"valor_frete": 25.0, "valor_servico": 190.0, "desconto": 10.0, "valor_liquido": 205.0}


async def test_proportional_freight_splits_each_order_by_item_value_to_the_cent(client, user_headers, dataset):
    body = await get_report(client, user_headers, "analitico_designer_cliente", frete_distribution="proporcional")
    ana = body["groups"][0]
    # Order 5: 10.00 over items worth 10, 20 and 0 → 3.33 + 6.67 + 0.00.
    assert [r["valor_frete"] for r in ana["subgroups"][0]["rows"]] == [3.33, 6.67, 0.0]
    # Order 1: 10.00 over 60 and 30 → 6.66 (Ana) + 3.34 (Bruno).
    assert ana["subgroups"][1]["rows"][0]["valor_frete"] == 6.66
    assert body["groups"][1]["subtotal"] == {"valor_frete": 3.34, "valor_servico": 30.0}
    assert ana["subtotal"] == {"valor_frete": 21.66, "valor_servico": 140.0}
    assert body["total"]["valor_frete"] == 25.0


async def test_unpriced_items_are_worth_zero_not_one_real(client, user_headers, dataset):
    # Choice: PedidoItem.valor_calculado is 0 for an item with no price. The original counted such an
    # item as 1.00, which invents revenue that nobody billed; a closing report must add up to what was
    # charged, so the "Brinde" item of order 5 adds 0.00 to the service total.
    body = await get_report(client, user_headers, "sintetico_cliente")
    sem_cliente = next(g for g in body["groups"] if g["label"] == "Cliente: Cliente não informado")
    assert sem_cliente["rows"] == [
        {"ficha": "Pedidos: 1 · Itens: 3", "descricao": "Subtotal", "valor_frete": 10.0, "valor_servico": 30.0}
    ]
    assert "subgroups" not in sem_cliente


async def test_sintetico_counts_orders_and_items_per_group(client, user_headers, dataset):
    body = await get_report(client, user_headers, "sintetico_designer")
    assert body["title"] == "Relatório Sintético — Totais por Designer"
    by_label = {g["label"]: g for g in body["groups"]}
    assert by_label["Designer: Ana"]["rows"][0]["ficha"] == "Pedidos: 3 · Itens: 5"
    assert by_label["Designer: Ana"]["subtotal"] == {"valor_frete": 25.0, "valor_servico": 140.0}
    assert by_label["Designer: Sem designer"]["subtotal"] == {"valor_frete": 0.0, "valor_servico": 20.0}


async def test_date_groups_sort_by_date_not_by_text(client, user_headers, session):
    from tests.relatorios.conftest import make_pedido

    for day in ("2026-01-09", "2026-01-10", "2026-02-01"):
        make_pedido(
            session,
            cliente="C",
            data_entrada=date.fromisoformat(day),
            items=[{"valor_calculado": 100}],
        )
    session.commit()
    body = await get_report(
        client,
        user_headers,
        "sintetico_data_entrada",
        start_date="2026-01-01",
        end_date="2026-02-28",
        date_mode="entrada",
    )
    # As text "01/02" < "09/01" < "10/01"; by date February comes last.
    assert [g["label"] for g in body["groups"]] == [
        "Data Entrada: 09/01/2026",
        "Data Entrada: 10/01/2026",
        "Data Entrada: 01/02/2026",
    ]


@pytest.mark.parametrize("mode", [None, "entrada", "entrega", "qualquer"])
@pytest.mark.parametrize("distribution", ["por_pedido", "proporcional"])
async def test_every_report_type_agrees_with_the_plain_model(client, user_headers, dataset, mode, distribution):
    start, end = date(2026, 1, 1), date(2026, 1, 31)
    params = {"frete_distribution": distribution}
    if mode:
        params["date_mode"] = mode
    for report_type, (_group, sub) in oracle.TYPES.items():
        body = await get_report(client, user_headers, report_type, **params)
        groups, total = oracle.expected(
            DATASET, report_type, start=start, end=end, mode=mode, proporcional=distribution == "proporcional"
        )
        assert [g["label"] for g in body["groups"]] == sorted(groups, key=lambda k: groups[k]["sort"]), report_type
        for group in body["groups"]:
            want = groups[group["label"]]
            assert cents(group["subtotal"]["valor_frete"]) == want["frete"], (report_type, group["label"])
            assert cents(group["subtotal"]["valor_servico"]) == want["servico"], (report_type, group["label"])
            if sub is None:
                assert group["rows"][0]["ficha"] == f"Pedidos: {len(want['ids'])} · Itens: {want['n']}"
                continue
            for subgroup in group["subgroups"]:
                expected_sub = want["subs"][subgroup["label"]]
                assert cents(subgroup["subtotal"]["valor_frete"]) == expected_sub["frete"]
                assert cents(subgroup["subtotal"]["valor_servico"]) == expected_sub["servico"]
                got_rows = [(r["ficha"], cents(r["valor_frete"]), cents(r["valor_servico"])) for r in subgroup["rows"]]
                assert sorted(got_rows) == sorted(expected_sub["rows"])
        assert cents(body["total"]["valor_servico"]) == total["servico"]
        assert cents(body["total"]["valor_frete"]) == total["frete"]
        assert cents(body["total"].get("desconto", 0)) == total["desconto"]
        if total["desconto"]:
            expected_net = total["servico"] + total["frete"] - total["desconto"]
            assert cents(body["total"]["valor_liquido"]) == expected_net
        else:
            assert "valor_liquido" not in body["total"]


@pytest.mark.parametrize(
    ("label", "numeros"),
    [
        ("Todos", {"0000000001", "0000000002", "0000000004", "0000000005"}),
        ("pendente", {"0000000001"}),
        ("EM PROCESSAMENTO", {"0000000005"}),
        ("Concluído", {"0000000002"}),
        ("cancelado", {"0000000004"}),
    ],
)
async def test_status_labels_filter_orders_ignoring_case_and_accents(client, user_headers, dataset, label, numeros):
    body = await get_report(client, user_headers, "analitico_cliente_designer", date_mode="entrada", status=label)
    fichas = {r["ficha"] for g in body["groups"] for s in g["subgroups"] for r in s["rows"]}
    assert fichas == numeros


async def test_concluido_covers_ready_and_delivered(client, user_headers, dataset):
    body = await get_report(client, user_headers, "sintetico_cliente", status="Concluido")
    assert body["status_label"] == "Status: Concluído"
    assert {g["label"] for g in body["groups"]} == {"Cliente: Maria", "Cliente: José Álvares"}  # pronto + entregue


async def test_vendedor_filter_keeps_only_that_sellers_items_and_drops_empty_orders(client, user_headers, dataset):
    body = await get_report(client, user_headers, "analitico_cliente_designer", vendedor="dora")
    fichas = [r["ficha"] for g in body["groups"] for s in g["subgroups"] for r in s["rows"]]
    assert fichas == ["0000000002"]
    assert body["total"]["valor_servico"] == 50.0


async def test_designer_and_cliente_filters_are_accent_insensitive_substrings(client, user_headers, dataset):
    body = await get_report(client, user_headers, "analitico_designer_cliente", designer="BRU", cliente="jose alv")
    assert [g["label"] for g in body["groups"]] == ["Designer: Bruno"]
    assert body["total"]["valor_servico"] == 30.0


async def test_cancelled_orders_appear_only_in_their_own_filter_or_in_todos(client, user_headers, dataset):
    body = await get_report(client, user_headers, "sintetico_cliente", date_mode="entrada", status="Pendente")
    assert "Cliente: Zeca" not in {g["label"] for g in body["groups"]}


@pytest.mark.parametrize("missing", ["start_date", "end_date"])
async def test_a_missing_date_is_a_422_that_names_it(client, user_headers, missing):
    params = {"report_type": "sintetico_cliente", **JANUARY}
    params.pop(missing)
    response = await client.get(URL, params=params, headers=user_headers)
    assert response.status_code == 422
    assert missing in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "word"),
    [
        ({"start_date": "2026-13-01"}, "start_date"),
        ({"status": "arquivado"}, "status"),
        ({"date_mode": "ontem"}, "date_mode"),
        ({"report_type": "analitico_xyz"}, "report_type"),
        ({"frete_distribution": "metade"}, "frete_distribution"),
        ({"start_date": "2026-02-01"}, "start_date"),
    ],
)
async def test_bad_parameters_are_400_with_a_message(client, user_headers, params, word):
    query = {"report_type": "sintetico_cliente", **JANUARY, **params}
    response = await client.get(URL, params=query, headers=user_headers)
    assert response.status_code == 400
    assert word in response.json()["detail"]


async def test_the_report_needs_a_token(client):
    response = await client.get(URL, params={"report_type": "sintetico_cliente", **JANUARY})
    assert response.status_code == 401
