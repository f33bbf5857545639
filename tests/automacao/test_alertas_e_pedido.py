"""/automacao/producao/alertas and /automacao/pedido/{numero}."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import update

from database.base import utcnow
from pedidos.orders.models import Pedido
from tests.pedidos.conftest import data_url, pedido_body, png_bytes


async def _order(client, headers, session, *, entrega: date, status: str = "pendente", **changes) -> int:
    body = pedido_body(data_entrada=(entrega - timedelta(days=20)).isoformat(), data_entrega=entrega.isoformat())
    response = await client.post("/pedidos/", json={**body, "status": status}, headers=headers)
    assert response.status_code == 200, response.text
    pedido_id = response.json()["id"]
    if changes:
        session.execute(update(Pedido).where(Pedido.id == pedido_id).values(**changes))
        session.commit()
    return pedido_id


async def test_alerts_late_urgent_and_stagnant_orders_in_that_order(client, admin_headers, session):
    today = date.today()
    stagnant = await _order(
        client, admin_headers, session, entrega=today + timedelta(days=9), status="em_producao",
        ultima_atualizacao=utcnow() - timedelta(hours=50, minutes=5),
    )  # fmt: skip
    late = await _order(client, admin_headers, session, entrega=today - timedelta(days=1), status="em_producao")
    urgent = await _order(client, admin_headers, session, entrega=today + timedelta(days=1))
    # No alert: working on it, due tomorrow; recently touched; delivered late; cancelled; a draft.
    await _order(client, admin_headers, session, entrega=today + timedelta(days=1), status="em_producao")
    await _order(client, admin_headers, session, entrega=today + timedelta(days=9), status="em_producao")
    await _order(client, admin_headers, session, entrega=today - timedelta(days=3), status="entregue")
    await _order(client, admin_headers, session, entrega=today - timedelta(days=3), status="cancelado")
    await _order(client, admin_headers, session, entrega=today - timedelta(days=3), rascunho=True)

    response = await client.get("/automacao/producao/alertas", headers=admin_headers)
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [(row["pedido_id"], row["tipo_alerta"]) for row in items] == [
        (late, "atrasado"),
        (urgent, "urgente_pendente"),
        (stagnant, "estagnado"),
    ]
    assert items[0]["horas_estagnado"] is None
    assert items[2]["horas_estagnado"] == 50
    assert items[1]["status"] == "pendente"
    assert items[1]["data_entrega"] == (today + timedelta(days=1)).isoformat()
    assert items[1]["cliente"] == "João Silva"
    limited = await client.get("/automacao/producao/alertas", params={"limit": 1}, headers=admin_headers)
    assert [row["pedido_id"] for row in limited.json()["items"]] == [late]


async def test_order_by_numero_as_written_zero_padded_or_by_id(client, admin_headers, session):
    image = data_url(png_bytes())
    item = {**pedido_body()["items"][0], "imagem": image}
    auto = (await client.post("/pedidos/", json=pedido_body(items=[item]), headers=admin_headers)).json()
    assert auto["numero"] == "0000000001"
    custom = (await client.post("/pedidos/", json=pedido_body(numero="PED-77"), headers=admin_headers)).json()

    found = await client.get("/automacao/pedido/1", headers=admin_headers)
    assert found.status_code == 200, found.text
    assert found.json()["id"] == auto["id"]
    assert found.json()["items"][0]["imagem"].startswith("/pedidos/imagens/")
    assert found.json()["items"][0]["imagem_path"]
    assert found.json() == (await client.get(f"/pedidos/{auto['id']}", headers=admin_headers)).json()
    assert (await client.get("/automacao/pedido/0000000001", headers=admin_headers)).json()["id"] == auto["id"]
    assert (await client.get("/automacao/pedido/PED-77", headers=admin_headers)).json()["id"] == custom["id"]
    # No numero "2" nor "0000000002": the order with id 2.
    assert (await client.get(f"/automacao/pedido/{custom['id']}", headers=admin_headers)).json()["numero"] == "PED-77"

    session.execute(update(Pedido).where(Pedido.id == custom["id"]).values(rascunho=True))
    session.commit()
    for numero in ("PED-77", str(custom["id"]), "9" * 30, "nada"):
        response = await client.get(f"/automacao/pedido/{numero}", headers=admin_headers)
        assert response.status_code == 404, numero
        assert response.json() == {"detail": "Pedido não encontrado"}
