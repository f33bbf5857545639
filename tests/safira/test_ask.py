"""POST /safira/ask: operational questions answered from the database, drafts never counted."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pedidos.orders.models import Pedido

TODAY = date.today()


@pytest.fixture
async def orders(make_pedido, client, admin_headers, session):
    post = make_pedido
    item = {
        "tipo_producao": "lona",
        "descricao": "x",
        "vendedor": "Maria",
        "tecido": "Lona 440",
        "metro_quadrado": "2,00",
        "valor_unitario": "10.00",
    }
    await post(
        cliente="Ana",
        data_entrada=TODAY.isoformat(),
        data_entrega=(TODAY + timedelta(days=3)).isoformat(),
        items=[item],
        valor_total="10.00",
    )
    await post(cliente="Ana", data_entrada=TODAY.isoformat(), data_entrega=(TODAY - timedelta(days=1)).isoformat())
    session.add(
        Pedido(
            numero="9999", cliente="Rascunho", data_entrada=TODAY, data_entrega=TODAY - timedelta(days=5), rascunho=True
        )
    )
    session.commit()


async def _ask(client, headers, question):
    response = await client.post("/safira/ask", json={"question": question}, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"recognized", "intent", "answer", "meta"}
    return body


async def test_counts_leave_drafts_out(client, user_headers, orders):
    hoje = await _ask(client, user_headers, "Quantos pedidos hoje?")
    assert hoje["recognized"] and hoje["intent"] == "pedidos_hoje" and hoje["meta"]["total"] == 2
    assert "2 pedidos registrados" in hoje["answer"]
    atrasados = await _ask(client, user_headers, "Quais pedidos estão ATRASADOS?")
    assert atrasados["intent"] == "pedidos_atrasados" and atrasados["meta"]["total"] == 1


async def test_rankings_answer_with_names(client, user_headers, orders):
    cliente = await _ask(client, user_headers, "Qual o principal cliente?")
    assert cliente["meta"] == {"nome": "Ana", "total": 2}
    material = await _ask(client, user_headers, "Qual tecido mais usado?")
    assert material["meta"] == {"nome": "Banner", "area_m2": 7.5}  # the default item: 7,50 m²
    vendedor = await _ask(client, user_headers, "qual vendedor mais produtivo hoje")
    assert vendedor["intent"] == "vendedor_mais_produtivo" and vendedor["meta"]["nome"] == "Maria"
    etapa = await _ask(client, user_headers, "onde está o gargalo?")
    assert etapa["meta"]["etapa"] == "financeiro" and etapa["meta"]["etapas"]["financeiro"] == 2


async def test_empty_database_answers_plainly(client, user_headers):
    for question in ("pedidos hoje", "em produção", "tipo mais feito", "gargalo", "concluídos hoje", "cliente fiel"):
        body = await _ask(client, user_headers, question)
        assert body["recognized"] is True and body["answer"]


async def test_unknown_question(client, user_headers):
    body = await _ask(client, user_headers, "qual a previsão do tempo?")
    assert body == {"recognized": False, "intent": "unknown", "answer": body["answer"], "meta": {}}


@pytest.mark.parametrize("body", [None, {}, {"question": ""}, {"question": 3}, {"question": "x" * 501}])
async def test_bad_input_is_422(client, user_headers, body):
    assert (await client.post("/safira/ask", json=body, headers=user_headers)).status_code == 422


async def test_unauthenticated_is_401(client):
    assert (await client.post("/safira/ask", json={"question": "pedidos hoje"})).status_code == 401
