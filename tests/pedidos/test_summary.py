"""GET /pedidos/summary: the dashboard's figures as the original 1.4 defines them, drafts left out."""

from __future__ import annotations

from datetime import date, timedelta

from pedidos.models import Pedido

DASHBOARD_FIELDS = {
    "total",
    "pendentes",
    "em_producao",
    "concluidos",
    "atrasados",
    "urgentes",
    "hoje",
    "efficiency_rate",
    "avg_production_time",
    "avg_delay_time",
    "production_efficiency",
    "shipping_methods",
    "status_counts",
    "recent_orders",
    "urgent_orders",
}


def _day(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).isoformat()


def _draft(session, **overrides) -> None:
    values = {"numero": "rascunho-1", "data_entrada": date.today(), "cliente": "Rascunho", "rascunho": True}
    session.add(Pedido(**{**values, **overrides}))
    session.commit()


async def _summary(client, headers) -> dict:
    response = await client.get("/pedidos/summary", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_empty_database_gives_zeros_and_every_field_the_app_reads(client, user_headers):
    body = await _summary(client, user_headers)
    assert set(body) == DASHBOARD_FIELDS
    assert body["total"] == 0 and body["efficiency_rate"] == 0 and body["shipping_methods"] == []
    assert body["status_counts"] == {"pendente": 0, "em_producao": 0, "pronto": 0, "entregue": 0, "cancelado": 0}
    assert body["production_efficiency"] == dict.fromkeys(
        ("financeiro", "conferencia", "sublimacao", "costura", "expedicao"), 0
    )


async def test_counts_late_urgent_today_and_stages(client, admin_headers, user_headers, make_pedido):
    late = await make_pedido(data_entrada=_day(-10), data_entrega=_day(-4), prioridade="ALTA", forma_envio="Sedex")
    await make_pedido(data_entrada=_day(0), data_entrega=_day(3), forma_envio="Sedex")
    produced = await make_pedido(data_entrada=_day(-2), data_entrega=_day(5), forma_envio="Retirada")
    flags = dict.fromkeys(("financeiro", "conferencia", "sublimacao", "costura", "expedicao"), True)
    assert (await client.patch(f"/pedidos/{produced['id']}", json=flags, headers=admin_headers)).json()["pronto"]
    cancelled = await make_pedido(data_entrada=_day(-9), data_entrega=_day(-8), prioridade="ALTA")
    await client.patch(f"/pedidos/{cancelled['id']}", json={"status": "cancelado"}, headers=admin_headers)

    body = await _summary(client, user_headers)
    assert body["total"] == 4 and body["pendentes"] == 2 and body["concluidos"] == 1
    assert body["status_counts"]["pronto"] == 1 and body["status_counts"]["cancelado"] == 1
    # The cancelled one is late and ALTA too, but closed orders are neither late nor urgent.
    assert body["atrasados"] == 1 and body["urgentes"] == 1 and body["avg_delay_time"] == 4
    # Created today (all four), whatever their data_entrada.
    assert body["hoje"] == 4
    # Finished today, two days after its entry, before its delivery date.
    assert body["efficiency_rate"] == 100 and body["avg_production_time"] == 2
    # One of the three not cancelled passed every stage.
    assert body["production_efficiency"]["costura"] == 33
    assert body["shipping_methods"][0] == {"name": "Sedex", "count": 2, "percentage": 50}
    assert {m["name"] for m in body["shipping_methods"]} == {"Sedex", "Retirada", "Não especificado"}
    assert [order["id"] for order in body["urgent_orders"]] == [late["id"]]
    assert cancelled["id"] not in [order["id"] for order in body["recent_orders"]]
    recent = body["recent_orders"][0]
    assert recent["numero"] and recent["cliente"] and isinstance(recent["items"], list)


async def test_drafts_are_left_out_of_every_figure(client, user_headers, make_pedido, session):
    await make_pedido(data_entrada=_day(0), data_entrega=_day(2))
    before = await _summary(client, user_headers)
    _draft(session, prioridade="ALTA", data_entrega=date.today() - timedelta(days=3), financeiro=True)
    after = await _summary(client, user_headers)
    assert after == before
    assert after["total"] == 1 and after["urgentes"] == 0 and after["production_efficiency"]["financeiro"] == 0


async def test_limits_recent_and_urgent_orders_to_five(client, user_headers, make_pedido):
    for _ in range(7):
        await make_pedido(prioridade="ALTA")
    body = await _summary(client, user_headers)
    assert len(body["recent_orders"]) == 5 and len(body["urgent_orders"]) == 5
    assert body["urgentes"] == 7


async def test_needs_a_token(client):
    assert (await client.get("/pedidos/summary")).status_code == 401


async def test_a_change_shows_up_in_the_next_summary(client, admin_headers, user_headers, make_pedido):
    order = await make_pedido()
    assert (await _summary(client, user_headers))["pendentes"] == 1
    assert (await _summary(client, user_headers))["pendentes"] == 1
    await client.patch(f"/pedidos/{order['id']}", json={"status": "cancelado"}, headers=admin_headers)
    after = await _summary(client, user_headers)
    assert after["pendentes"] == 0 and after["status_counts"]["cancelado"] == 1
