"""Order totals computed from the items in exact cents, as the original 1.4's guardrail does."""

from __future__ import annotations

from tests.pedidos.conftest import pedido_body

PAINEL = {
    "tipo_producao": "painel",
    "descricao": "Painel",
    "valor_painel": "100,00",
    "valores_adicionais": "0,00",
    "tipo_acabamento": "ilhos",
    "quantidade_ilhos": "18",
    "valor_ilhos": "1,00",
    "quantidade_paineis": "1",
}


async def _create(client, headers, **overrides) -> dict:
    response = await client.post("/pedidos/", json=pedido_body(**overrides), headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_wrong_total_is_corrected_from_items_and_freight(client, admin_headers):
    order = await _create(client, admin_headers, valor_frete="10.00", valor_total="50.00", items=[PAINEL])
    assert (order["valor_itens"], order["valor_total"]) == ("118.00", "128.00")
    assert order["items"][0]["valor_unitario"] == "118.00"


async def test_panel_unit_price_comes_from_its_components(client, admin_headers):
    item = {**PAINEL, "valor_unitario": "100.00", "tipo_acabamento": "ilhos_cordinha", "quantidade_paineis": "2"}
    item.update(quantidade_cordinha="4", valor_cordinha="0,50", valores_adicionais="7,25")
    order = await _create(client, admin_headers, items=[item])
    # 100 + 7.25 + 18 × 1 + 4 × 0.50 = 127.25, twice.
    assert order["items"][0]["valor_unitario"] == "127.25"
    assert (order["valor_itens"], order["valor_total"]) == ("254.50", "254.50")


async def test_float_rounding_of_the_app_is_absorbed_in_exact_cents(client, admin_headers):
    # 3 × 0.10 + 0.20 in the app's floats is 0.5000000000000001: stored exactly.
    lona = {"tipo_producao": "lona", "descricao": "Lona", "valor_unitario": "0.10", "quantidade_lona": "3"}
    adesivo = {"tipo_producao": "adesivo", "descricao": "Adesivo", "valor_unitario": "0,20"}
    order = await _create(client, admin_headers, items=[lona, adesivo], valor_total=0.5000000000000001)
    assert (order["valor_itens"], order["valor_total"]) == ("0.50", "0.50")


async def test_other_types_keep_the_unit_price_sent(client, admin_headers):
    totem = {"tipo_producao": "totem", "descricao": "Totem", "valor_unitario": "350,00", "quantidade_totem": "2"}
    order = await _create(client, admin_headers, items=[totem], valor_frete="1.000,00", valor_total="1700.00")
    assert order["items"][0]["valor_unitario"] == "350.00"
    assert (order["valor_itens"], order["valor_total"]) == ("700.00", "1700.00")


async def test_patch_with_items_or_freight_recomputes(client, admin_headers):
    order = await _create(client, admin_headers, items=[PAINEL])
    url = f"/pedidos/{order['id']}"
    freight = (await client.patch(url, json={"valor_frete": "50.00"}, headers=admin_headers)).json()
    assert (freight["valor_itens"], freight["valor_total"]) == ("118.00", "168.00")
    items = [{**PAINEL, "quantidade_paineis": "3"}]
    changed = (await client.patch(url, json={"items": items, "valor_total": "1.00"}, headers=admin_headers)).json()
    assert (changed["valor_itens"], changed["valor_total"]) == ("354.00", "404.00")


async def test_unreadable_component_values_count_as_zero_never_500(client, admin_headers):
    item = {**PAINEL, "valores_adicionais": [{"descricao": "arte", "valor": 10.5}], "valor_ilhos": "abc"}
    order = await _create(client, admin_headers, items=[item])
    assert order["items"][0]["valor_unitario"] == "100.00"
    bad_freight = pedido_body(valor_frete="dez reais")
    assert (await client.post("/pedidos/", json=bad_freight, headers=admin_headers)).status_code == 422
