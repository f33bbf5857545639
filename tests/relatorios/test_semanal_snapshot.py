"""relatorio-semanal over orders made through the API (which carry their JSON snapshot)."""

from __future__ import annotations

WEEK = {"data_inicio": "2026-01-01", "data_fim": "2026-01-31"}
PATH = "/relatorios-fechamentos/pedidos/relatorio-semanal"


async def test_the_weekly_report_lists_api_orders_without_their_internal_cache(client, admin_headers, make_pedido):
    created = await make_pedido(data_entrada="2026-01-05", cliente="Ana")
    response = await client.get(PATH, params=WEEK, headers=admin_headers)
    assert response.status_code == 200, response.text
    [order] = response.json()
    assert order["id"] == created["id"] and order["cliente"] == "Ana" and order["valor_total"] == created["valor_total"]
    internal = {"snapshot", "snapshot_version", "snapshot_crc", "snapshot_size", "cliente_busca", "version"}
    assert not internal & set(order)
    as_csv = await client.get(PATH, params={**WEEK, "formato": "csv"}, headers=admin_headers)
    assert as_csv.status_code == 200 and "Ana" in as_csv.text and "snapshot" not in as_csv.text
