"""Print logs: upsert on (pedido, item), lists with filters, per printer, stats."""

from __future__ import annotations

from datetime import datetime

import pytest

from maquinas.models import Machine, PrintLog
from tests.cadastros.factories import items_of, make_pedido


@pytest.fixture
def printer(session) -> Machine:
    machine = Machine(name="Epson F9470", name_key="epson f9470")
    session.add(machine)
    session.commit()
    return machine


@pytest.fixture
def pedido(session):
    return make_pedido(
        session,
        cliente="Gráfica Ágil",
        items=[
            {"descricao": "Painel", "largura": "3", "altura": "2", "tecido": "Oxford", "imagem": "/pedidos/imagens/1"},
            {"descricao": "Lona"},
        ],
    )


async def test_post_is_201_and_a_second_post_for_the_same_item_updates_it(
    client, user_headers, session, printer, pedido
):
    item = items_of(session, pedido)[0]
    body = {"printer_id": printer.id, "pedido_id": pedido.id, "item_id": item.id, "status": "error"}
    first = await client.post("/print-logs/", json={**body, "error_message": "Papel acabou"}, headers=user_headers)
    assert first.status_code == 201, first.text
    assert first.json()["error_message"] == "Papel acabou"
    second = await client.post("/print-logs", json={**body, "status": "reprint"}, headers=user_headers)
    assert second.status_code == 201
    assert second.json()["id"] == first.json()["id"] and second.json()["status"] == "reprint"

    listed = await client.get("/print-logs", headers=user_headers)
    assert len(listed.json()) == 1 and listed.headers["X-Total-Count"] == "1"
    log = listed.json()[0]
    assert {k: log[k] for k in ("printer_name", "pedido_numero", "cliente", "item_descricao", "item_imagem")} == {
        "printer_name": "Epson F9470",
        "pedido_numero": pedido.numero,
        "cliente": "Gráfica Ágil",
        "item_descricao": "Painel",
        "item_imagem": "/pedidos/imagens/1",
    }
    assert log["item_medidas"] == "3x2" and log["item_material"] == "Oxford"


async def test_item_ids_the_app_invented_resolve_to_the_real_item(client, user_headers, session, printer, pedido):
    second = items_of(session, pedido)[1]
    body = {"printer_id": printer.id, "pedido_id": pedido.id, "item_id": pedido.id * 1000 + 1, "status": "success"}
    response = await client.post("/print-logs", json=body, headers=user_headers)
    assert response.status_code == 201, response.text
    assert response.json()["item_id"] == second.id and response.json()["item_descricao"] == "Lona"


async def test_post_for_unknown_printer_order_or_item_is_404(client, user_headers, session, printer, pedido):
    other = make_pedido(session, items=[{"descricao": "x"}])
    foreign_item = items_of(session, other)[0]
    cases = [
        {"printer_id": 999, "pedido_id": pedido.id},
        {"printer_id": printer.id, "pedido_id": 999},
        {"printer_id": printer.id, "pedido_id": pedido.id, "item_id": foreign_item.id},
    ]
    for body in cases:
        response = await client.post("/print-logs", json={**body, "status": "success"}, headers=user_headers)
        assert response.status_code == 404, body
    bad_status = {"printer_id": printer.id, "pedido_id": pedido.id, "status": "quebrou"}
    assert (await client.post("/print-logs", json=bad_status, headers=user_headers)).status_code == 422


def _log(session, printer, pedido, item, when, status="success"):
    log = PrintLog(printer_id=printer.id, pedido_id=pedido.id, item_id=item.id if item else None, status=status)
    log.created_at = when
    session.add(log)


async def test_list_filters_newest_first_and_per_printer(client, user_headers, session, printer, pedido):
    second = Machine(name="Mimaki", name_key="mimaki")
    session.add(second)
    session.commit()
    a, b = items_of(session, pedido)
    _log(session, printer, pedido, a, datetime(2026, 11, 1, 8), "success")
    _log(session, printer, pedido, b, datetime(2026, 11, 3, 8), "error")
    _log(session, second, make_pedido(session), None, datetime(2026, 11, 2, 8), "success")
    session.commit()

    everything = (await client.get("/print-logs/", headers=user_headers)).json()
    assert [log["created_at"][:10] for log in everything] == ["2026-11-03", "2026-11-02", "2026-11-01"]

    errors = (await client.get("/print-logs", params={"status_filter": "error"}, headers=user_headers)).json()
    assert [log["item_id"] for log in errors] == [b.id]
    window = {"data_inicio": "2026-11-02", "data_fim": "2026-11-03"}
    assert len((await client.get("/print-logs", params=window, headers=user_headers)).json()) == 2
    page = await client.get("/print-logs", params={"limit": 1, "offset": 1}, headers=user_headers)
    assert [log["created_at"][:10] for log in page.json()] == ["2026-11-02"] and page.headers["X-Total-Count"] == "3"
    assert (await client.get("/print-logs", params={"limit": 50001}, headers=user_headers)).status_code == 422

    mine = (await client.get(f"/print-logs/printers/{printer.id}", headers=user_headers)).json()
    assert [log["printer_name"] for log in mine] == ["Epson F9470", "Epson F9470"]
    assert (await client.get("/print-logs/printers/999", headers=user_headers)).status_code == 404


async def test_stats_count_by_status(client, user_headers, session, printer, pedido):
    a, b = items_of(session, pedido)
    for item, status in ((a, "success"), (b, "reprint"), (None, "error")):
        _log(session, printer, pedido, item, datetime(2026, 11, 1), status)
    _log(session, printer, make_pedido(session), None, datetime(2026, 11, 1), "success")
    session.commit()
    response = await client.get(f"/print-logs/stats/{printer.id}", headers=user_headers)
    assert response.json() == {
        "printer_id": printer.id,
        "printer_name": "Epson F9470",
        "total_prints": 4,
        "successful": 2,
        "errors": 1,
        "reprints": 1,
        "success_rate": 50.0,
    }
    assert (await client.get("/print-logs/stats/999", headers=user_headers)).status_code == 404


async def test_print_logs_need_a_token(client):
    assert (await client.get("/print-logs")).status_code == 401
    assert (await client.post("/print-logs", json={})).status_code == 401
