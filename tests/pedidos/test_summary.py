"""GET /pedidos/summary: the dashboard's figures as the original 1.4 defines them, drafts left out."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

from pedidos.orders.models import Pedido
from pedidos.orders.schemas import STATUSES as STATUS_LIST

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


def _expected(orders: list[dict]) -> dict:
    """The dashboard's definitions (module docstring of pedidos/orders/summary.py), over the orders' JSON."""
    today = date.today()
    closed, done = ("pronto", "entregue", "cancelado"), ("pronto", "entregue")
    stages = ("financeiro", "conferencia", "sublimacao", "costura", "expedicao")

    def day(value):
        return date.fromisoformat(value[:10]) if value else None

    def created_today(order):
        created = datetime.fromisoformat(order["data_criacao"]).replace(tzinfo=UTC).astimezone()
        return created.date() == today

    def average(values):
        return round(sum(values) / len(values)) if values else 0

    counts = {status: sum(o["status"] == status for o in orders) for status in STATUS_LIST}
    open_ = [o for o in orders if o["status"] not in closed]
    late = [o for o in open_ if o["data_entrega"] and day(o["data_entrega"]) < today]
    dated = [o for o in orders if o["status"] in done and o["data_entrega"]]
    on_time = [o for o in dated if day(o["ultima_atualizacao"]) <= day(o["data_entrega"])]
    finished = [o for o in orders if o["status"] in done]
    active = len(orders) - counts["cancelado"]
    shipping = Counter(o["forma_envio"] for o in orders)
    return {
        "total": len(orders),
        "status_counts": counts,
        "atrasados": len(late),
        "urgentes": sum(o["prioridade"] == "ALTA" for o in open_),
        "hoje": sum(day(o["data_entrada"]) == today or created_today(o) for o in orders),
        "efficiency_rate": int(len(on_time) * 100 / len(dated)) if dated else 0,
        "avg_production_time": average(
            [(day(o["ultima_atualizacao"]) - day(o["data_entrada"])).days for o in finished]
        ),
        "avg_delay_time": average([(today - day(o["data_entrega"])).days for o in late]),
        "production_efficiency": {
            stage: int(sum(o[stage] and o["status"] != "cancelado" for o in orders) * 100 / active) if active else 0
            for stage in stages
        },
        "shipping": dict(shipping),
    }


async def test_every_figure_follows_the_orders_through_writes_of_every_kind(
    client, admin_headers, user_headers, make_pedido, session
):
    """The sums kept by the database (migration 1500) against the definitions over GET /pedidos/'s
    orders, after creates, stage and status moves, date and shipping changes, deletes, drafts and
    their promotion, a batch, and rows written straight to the table."""
    flags = dict.fromkeys(("financeiro", "conferencia", "sublimacao", "costura", "expedicao"), True)
    made = []
    for offset, (prioridade, envio) in enumerate(
        [("ALTA", "Sedex"), ("NORMAL", "PAC"), ("ALTA", "Retirada"), ("NORMAL", "Sedex"), ("NORMAL", "")] * 3
    ):
        made.append(
            await make_pedido(
                data_entrada=_day(-20 + offset),
                data_entrega=_day(-12 + 2 * offset),
                prioridade=prioridade,
                forma_envio=envio,
            )
        )
    ids = [order["id"] for order in made]
    for pedido_id in ids[:4]:  # finished: pronto, then two delivered
        await client.patch(f"/pedidos/{pedido_id}", json=flags, headers=admin_headers)
    for pedido_id in ids[2:4]:
        await client.patch(f"/pedidos/{pedido_id}", json={"status": "entregue"}, headers=admin_headers)
    await client.patch(f"/pedidos/{ids[4]}", json={"financeiro": True, "costura": True}, headers=admin_headers)
    await client.patch(f"/pedidos/{ids[5]}", json={"status": "cancelado"}, headers=admin_headers)
    await client.patch(
        f"/pedidos/{ids[6]}", json={"data_entrega": _day(30), "forma_envio": "PAC"}, headers=user_headers
    )
    await client.patch(f"/pedidos/{ids[7]}", json={"prioridade": "ALTA"}, headers=user_headers)
    await client.patch(f"/pedidos/{ids[1]}", json={"financeiro": False}, headers=admin_headers)  # pronto undone
    assert (await client.delete(f"/pedidos/{ids[8]}", headers=admin_headers)).status_code == 200
    batch = {"id_pedidos": ids[9:13], "status": "em_producao"}
    assert (await client.post("/pedidos/batch-status", json=batch, headers=admin_headers)).status_code == 200
    draft = (
        await client.post("/pedidos/rascunho", json={"cliente": "Rascunho", "prioridade": "ALTA"}, headers=user_headers)
    ).json()
    gone = (await client.post("/pedidos/rascunho", json={"cliente": "Some"}, headers=user_headers)).json()
    assert (await client.delete(f"/pedidos/{gone['id']}", headers=user_headers)).status_code == 200
    session.add(
        Pedido(numero="direto-1", cliente="Direto", data_entrada=date.today(), data_entrega=None, status="em_producao")
    )
    session.commit()
    for step in ("before promotion", "after promotion"):
        orders = (await client.get("/pedidos/", headers=admin_headers)).json()
        body = await _summary(client, user_headers)
        expected = _expected(orders)
        shipping = expected.pop("shipping")
        assert all(expected[key] for key in ("atrasados", "urgentes", "hoje", "avg_delay_time", "avg_production_time"))
        assert {key: body[key] for key in expected} == expected, step
        assert {m["name"]: m["count"] for m in body["shipping_methods"]} == {
            name or "Não especificado": n for name, n in shipping.items()
        }, step
        if step == "before promotion":
            response = await client.post(f"/pedidos/{draft['id']}/promover", headers=user_headers)
            assert response.status_code == 200, response.text
