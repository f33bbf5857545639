"""GET /pedidos/ with the original 1.4's filters the app sends: is_pronto and tipo_producao."""

from __future__ import annotations

STAGES = dict.fromkeys(("financeiro", "conferencia", "sublimacao", "costura", "expedicao"), True)


async def _ids(client, headers, **params) -> list[int]:
    response = await client.get("/pedidos/", params=params, headers=headers)
    assert response.status_code == 200, response.text
    assert int(response.headers["x-total-count"]) == len(response.json())
    return sorted(order["id"] for order in response.json())


async def test_is_pronto_filters_and_has_its_own_cached_page(client, admin_headers, make_pedido):
    ready, waiting = await make_pedido(), await make_pedido()
    await client.patch(f"/pedidos/{ready['id']}", json=STAGES, headers=admin_headers)
    page = {"skip": 0, "limit": 11}
    assert await _ids(client, admin_headers, **page, is_pronto="true") == [ready["id"]]
    assert await _ids(client, admin_headers, **page, is_pronto="false") == [waiting["id"]]
    assert await _ids(client, admin_headers, **page) == sorted([ready["id"], waiting["id"]])


async def test_tipo_producao_matches_an_item_ignoring_case(client, admin_headers, make_pedido):
    painel = await make_pedido()
    item = {"tipo_producao": "lona", "descricao": "Lona", "valor_unitario": "50.00"}
    lona = await make_pedido(items=[item], valor_total="50.00")
    assert await _ids(client, admin_headers, tipo_producao="Lona") == [lona["id"]]
    assert await _ids(client, admin_headers, tipo_producao="painel", skip=0, limit=11) == [painel["id"]]
    assert await _ids(client, admin_headers, tipo_producao="totem") == []


async def test_invalid_filter_values_are_422(client, admin_headers):
    for params in ({"is_pronto": "talvez"}, {"tipo_producao": "x" * 201}):
        assert (await client.get("/pedidos/", params=params, headers=admin_headers)).status_code == 422
