"""material_resumo (migration 1520) follows the items and their orders through writes of every kind.

The statistics read only that table; here it is compared, after each kind of write, with the same
sums computed from pedido_itens and pedidos, and the statistics with figures worked out by hand.
"""

from __future__ import annotations

from sqlalchemy import text

from tests.materiais.conftest import big, item
from tests.pedidos.conftest import pedido_body

KEY_AND_SUMS = "data_entrada, tecido, tipo_producao, itens, area_cm2, overloque, elastico, ilhos, emenda, com_ilhos"
FROM_ITEMS = """
SELECT p.data_entrada, coalesce(i.tecido, '') AS tecido, coalesce(i.tipo_producao, '') AS tipo_producao,
       count(*) AS itens, sum(i.area_total_cm2) AS area_cm2, sum(CAST(i.tem_overloque AS INTEGER)) AS overloque,
       sum(CAST(i.tem_elastico AS INTEGER)) AS elastico, sum(CAST(i.tem_ilhos AS INTEGER)) AS ilhos,
       sum(CAST(i.tem_emenda AS INTEGER)) AS emenda, sum(CASE WHEN i.total_ilhos > 0 THEN 1 ELSE 0 END) AS com_ilhos,
       sum(i.total_ilhos) AS total_ilhos
FROM pedido_itens i JOIN pedidos p ON p.id = i.pedido_id
WHERE NOT p.rascunho AND p.status <> 'cancelado'
GROUP BY 1, 2, 3
"""
KEPT = f"SELECT {KEY_AND_SUMS}, total_ilhos FROM material_resumo WHERE itens <> 0"


def _rows(session, sql: str) -> list[tuple]:
    """Rows as (day text, names..., integers...): SQLite gives dates as text, PostgreSQL sums as Decimal."""
    session.rollback()  # a fresh snapshot on PostgreSQL
    return sorted((str(day), tecido, tipo, *map(int, sums)) for day, tecido, tipo, *sums in session.execute(text(sql)))


def assert_kept(session, step: str) -> None:
    assert _rows(session, KEPT) == _rows(session, FROM_ITEMS), step


async def test_sums_follow_every_kind_of_write(client, admin_headers, user_headers, orders, session):
    made = await orders()
    assert_kept(session, "the fixture's creates (a draft and a cancelled order among them)")

    a, b, e = made["A"], made["B"], made["E"]
    replaced = [{**a["items"][0], "tecido": "Helanca", "metro_quadrado": "3,00"}, item(tipo_producao="totem")]
    response = await client.patch(f"/pedidos/{a['id']}", json={"items": replaced}, headers=admin_headers)
    assert response.status_code == 200, response.text
    assert_kept(session, "items replaced: one changed, one removed, one added")

    first = b["items"][0]["id"]
    response = await client.patch(
        f"/pedidos/pedido-itens/{first}", json={"tecido": "Oxford Plus"}, headers=admin_headers
    )
    assert response.status_code == 200, response.text
    response = await client.patch(
        f"/pedidos/pedido-itens/{first}", json={"descricao": "Só o texto"}, headers=admin_headers
    )
    assert response.status_code == 200, response.text
    assert_kept(session, "one item patched")

    for change in ({"data_entrada": "2026-01-20"}, {"status": "cancelado"}, {"status": "pendente"}):
        response = await client.patch(f"/pedidos/{b['id']}", json=change, headers=admin_headers)
        assert response.status_code == 200, response.text
        assert_kept(session, f"order moved: {change}")

    batch = {"id_pedidos": [a["id"], e["id"]], "status": "cancelado"}
    assert (await client.post("/pedidos/batch-status", json=batch, headers=admin_headers)).status_code == 200
    assert_kept(session, "batch cancel")

    draft = await client.post(
        "/pedidos/rascunho",
        json={"cliente": "Rascunho", "data_entrada": "2026-01-15", "items": big("Tactel", "7,00")},
        headers=user_headers,
    )
    assert draft.status_code in (200, 201), draft.text
    assert_kept(session, "a draft counts nothing")
    promoted = await client.post(
        f"/pedidos/{draft.json()['id']}/promover",
        json=pedido_body(data_entrada="2026-01-15", items=big("Tactel", "7,00")),
        headers=user_headers,
    )
    assert promoted.status_code == 200, promoted.text
    assert_kept(session, "promoted")

    assert (await client.delete(f"/pedidos/{b['id']}", headers=admin_headers)).status_code == 200
    assert_kept(session, "order deleted through the API")

    session.execute(text("UPDATE pedido_itens SET area_total_cm2 = area_total_cm2 + 1, tem_ilhos = NOT tem_ilhos"))
    session.execute(text("DELETE FROM pedidos WHERE id = :id"), {"id": promoted.json()["id"]})
    session.commit()
    assert_kept(session, "rows written straight to the tables (a cascade delete among them)")

    assert (await client.delete("/pedidos/all?confirm=true", headers=admin_headers)).status_code == 200
    assert _rows(session, KEPT) == []


async def test_statistics_read_the_kept_sums(client, admin_headers, orders):
    made = await orders()
    body = {"items": [{**made["A"]["items"][0], "tecido": "Helanca"}]}
    assert (await client.patch(f"/pedidos/{made['A']['id']}", json=body, headers=admin_headers)).status_code == 200
    stats = (
        await client.get(
            "/materiais/stats", params={"data_inicio": "2026-01-01", "data_fim": "2026-01-31"}, headers=admin_headers
        )
    ).json()
    # A is now only its panel (5 m² of Helanca); B's 4 m² of Oxford and 3 m² without fabric stay.
    assert [(row["nome"], row["area_total_m2"]) for row in stats["ranking_materiais"]] == [
        ("HELANCA", 5.0),
        ("OXFORD", 4.0),
        ("NÃO INFORMADO", 3.0),
    ]
    assert stats["kpis"]["total_itens"] == 3
