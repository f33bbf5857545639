"""POST /pedidos: the seed doc's example, the app's bodies, defaults, validation, numero."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import select

from pedidos.orders.models import OrderEvent, PedidoItem
from tests.pedidos.conftest import pedido_body

# The app's own body (original-contract §3): per-product keys the server does not declare.
APP_BODY = {
    "cliente": "Maria Áurea",
    "telefone_cliente": "27999990000",
    "cidade_cliente": "Colatina (ES)",
    "estado_cliente": "",
    "data_entrada": "2026-03-02",
    "data_entrega": "",
    "prioridade": "ALTA",
    "status": "pendente",
    "observacao": "",
    "valor_total": "195.50",
    "valor_frete": "15.50",
    "valor_itens": "180.00",
    "tipo_pagamento": "2",
    "forma_envio": "PAC",
    "forma_envio_id": 3,
    "forma_pagamento_id": 2,
    "items": [
        {
            "tipo_producao": "painel",
            "descricao": "Painel 3x2",
            "largura": "3,00",
            "altura": "2,00",
            "metro_quadrado": "6,00",
            "vendedor": "Ana",
            "designer": "Bruno",
            "tecido": "Oxford",
            "acabamento": {"overloque": True, "elastico": False, "ilhos": False},
            "emenda": "sem-emenda",
            "valor_unitario": "90.00",
            "quantidade_paineis": "2",
            "legenda_imagem": "Logo grande",
            "valor_painel": "90,00",
            "valores_adicionais": [{"descricao": "arte", "valor": 10.5}],
            "baininha": True,
            "material_gasto": {"metros": 6.5, "rolo": "A"},
        },
        {
            "tipo_producao": "canga",
            "descricao": "Canga praia",
            "quantidade_canga": 4,
            "valor_canga": "25.00",
            "valor_unitario": "0",
            "subtotal": "100,00",
        },
    ],
}


async def test_seed_doc_create_example(client, admin_headers):
    response = await client.post("/pedidos/", json=pedido_body(numero="001"), headers=admin_headers)
    assert response.status_code == 200
    order = response.json()
    assert order["numero"] == "001"
    assert order["data_entrada"] == "2026-01-31" and order["data_entrega"] == "2026-02-05"
    assert order["cliente"] == "João Silva" and order["cidade_cliente"] == "São Paulo"
    assert order["valor_total"] == "500.00" and order["valor_frete"] == "0.00"
    assert order["status"] == "pendente" and order["prioridade"] == "NORMAL" and order["version"] == 1
    item = order["items"][0]
    assert item["valor_unitario"] == "500.00" and item["metro_quadrado"] == "7.50" and isinstance(item["id"], int)
    assert item["acabamento"] is None and item["ziper"] is None  # every declared field listed
    assert order["valor_total_calculado"] == "500,00"


async def test_app_body_extra_item_keys_come_back_unchanged(client, admin_headers):
    response = await client.post("/pedidos", json=APP_BODY, headers=admin_headers)
    assert response.status_code == 200, response.text
    order = response.json()
    first, second = order["items"]
    for key in ("legenda_imagem", "valor_painel", "valores_adicionais", "baininha", "material_gasto"):
        assert first[key] == APP_BODY["items"][0][key]
    assert first["acabamento"] == {"overloque": True, "elastico": False, "ilhos": False}
    assert second["quantidade_canga"] == 4 and second["subtotal"] == "100,00"
    assert order["cidade_cliente"] == "Colatina (ES)" and order["estado_cliente"] == ""
    assert order["data_entrega"] == "2026-03-02"  # empty → data_entrada
    assert order["valor_total_calculado"] == "295,50"  # 2×90 + 100 + 15.50 frete
    again = await client.get(f"/pedidos/{order['id']}", headers=admin_headers)
    assert again.json() == order


async def test_city_and_state_come_back_as_sent(client, admin_headers):
    order = (
        await client.post(
            "/pedidos", json=pedido_body(cidade_cliente="Vitória", estado_cliente="ES"), headers=admin_headers
        )
    ).json()
    assert (order["cidade_cliente"], order["estado_cliente"]) == ("Vitória", "ES")


async def test_denormalised_item_columns(client, admin_headers, session):
    order = (await client.post("/pedidos", json=APP_BODY, headers=admin_headers)).json()
    rows = session.execute(select(PedidoItem).where(PedidoItem.pedido_id == order["id"])).scalars().all()
    painel, canga = sorted(rows, key=lambda r: r.item_index)
    assert (painel.valor_unitario, painel.quantidade, painel.valor_calculado, painel.area_cm2) == (
        9000,
        2,
        18000,
        60000,
    )
    assert (painel.vendedor, painel.designer, painel.tecido, painel.tipo_producao) == (
        "Ana",
        "Bruno",
        "Oxford",
        "painel",
    )
    assert (canga.quantidade, canga.valor_calculado) == (4, 10000)


async def test_defaults_lenient_status_and_empty_entry_date(client, admin_headers):
    body = {"cliente": "X", "data_entrada": "", "status": "Em produção"}
    order = (await client.post("/pedidos", json=body, headers=admin_headers)).json()
    today = datetime.now(UTC).date().isoformat()
    assert order["data_entrada"] == today and order["data_entrega"] == today
    assert order["status"] == "em_producao" and order["items"] == [] and order["tipo_pagamento"] == ""
    for sent, expected in (("concluido", "entregue"), ("qualquer coisa", "pendente")):
        got = (
            await client.post(
                "/pedidos", json={"cliente": "Y", "data_entrada": "2026-01-01", "status": sent}, headers=admin_headers
            )
        ).json()
        assert got["status"] == expected


async def test_malformed_fields_are_422_naming_the_field(client, admin_headers):
    cases = {
        "prioridade": "URGENTE",
        "data_entrada": "31/01/2026",
        "valor_total": "abc",
        "cliente": 123,
        "forma_envio_id": "x",
        "financeiro": "talvez",
    }
    for field, value in cases.items():
        response = await client.post("/pedidos", json=pedido_body(**{field: value}), headers=admin_headers)
        assert response.status_code == 422, (field, response.text)
        assert any(field in error["loc"] for error in response.json()["detail"]), (field, response.json())
    bad_item = pedido_body(items=[{"descricao": "x", "valor_unitario": "dez reais"}])
    response = await client.post("/pedidos", json=bad_item, headers=admin_headers)
    assert response.status_code == 422 and "valor_unitario" in response.json()["detail"][0]["loc"]
    response = await client.post("/pedidos", json={"cliente": "sem data"}, headers=admin_headers)
    assert response.status_code == 422 and "data_entrada" in response.json()["detail"][0]["loc"]


async def test_create_needs_a_token(client):
    assert (await client.post("/pedidos", json=pedido_body())).status_code == 401


async def test_duplicate_numero_is_409(client, admin_headers):
    assert (await client.post("/pedidos", json=pedido_body(numero="0042"), headers=admin_headers)).status_code == 200
    response = await client.post("/pedidos", json=pedido_body(numero="0042"), headers=admin_headers)
    assert response.status_code == 409 and "0042" in response.json()["detail"]


async def test_numero_generated_as_max_plus_one_ten_digits(client, admin_headers):
    await client.post("/pedidos", json=pedido_body(numero="0000000112"), headers=admin_headers)
    order = (await client.post("/pedidos", json=pedido_body(), headers=admin_headers)).json()
    assert order["numero"] == "0000000113"


async def test_twenty_concurrent_creates_get_distinct_numbers(client, admin_headers):
    responses = await asyncio.gather(
        *(client.post("/pedidos", json=pedido_body(), headers=admin_headers) for _ in range(20))
    )
    assert [r.status_code for r in responses] == [200] * 20
    numeros = {r.json()["numero"] for r in responses}
    assert numeros == {f"{n:010d}" for n in range(1, 21)}


async def test_money_is_exact(client, admin_headers):
    for _ in range(3):
        await client.post("/pedidos", json=pedido_body(valor_total="0.10", items=[]), headers=admin_headers)
    orders = (await client.get("/pedidos", headers=admin_headers)).json()
    from decimal import Decimal

    assert sum(Decimal(o["valor_total"]) for o in orders) == Decimal("0.30")
    order = (
        # Items and freight that make the total (the server computes totals from the items: pedidos/orders/pricing).
        await client.post(
            "/pedidos",
            json=pedido_body(
                valor_total="1.234,56",
                valor_frete=7.5,
                items=[{"tipo_producao": "lona", "descricao": "Lona", "valor_unitario": "1.227,06"}],
            ),
            headers=admin_headers,
        )
    ).json()
    assert (order["valor_total"], order["valor_frete"]) == ("1234.56", "7.50")


async def test_create_writes_event_and_history(client, admin_headers, session, admin):
    order = (await client.post("/pedidos", json=pedido_body(), headers=admin_headers)).json()
    events = session.execute(select(OrderEvent)).scalars().all()
    assert [e.type for e in events] == ["order_created"]
    import orjson

    message = orjson.loads(events[0].payload)
    assert message["order_id"] == order["id"] and message["username"] == "admin" and message["user_id"] == admin.id
    assert message["order"]["numero"] == order["numero"] and message["order"]["username"] == "admin"
    history = (await client.get(f"/pedidos/{order['id']}/historico", headers=admin_headers)).json()
    assert history[0]["acao"] == "create" and history[0]["valor_novo"]["cliente"] == "João Silva"


async def test_too_long_text_is_422_on_both_databases(client, admin_headers):
    response = await client.post("/pedidos", json=pedido_body(numero="9" * 40), headers=admin_headers)
    assert response.status_code == 422 and "numero" in response.json()["detail"][0]["loc"]
    items = [{"vendedor": "x" * 300}]
    response = await client.post("/pedidos", json=pedido_body(items=items), headers=admin_headers)
    assert response.status_code == 422 and "vendedor" in response.json()["detail"][0]["loc"]
