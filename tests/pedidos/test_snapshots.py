"""Each order's JSON kept in its row: what a worker with an empty cache (a restart, another worker) serves."""

from __future__ import annotations

from sqlalchemy import select, update

from database import engine as engines
from pedidos.orders.models import Pedido
from pedidos.read_side import serialize
from pedidos.read_side.snapshots import fill_missing
from tests.pedidos.conftest import data_url, png_bytes


async def _as_a_fresh_worker(client, headers, pedido_id: int) -> tuple[dict, list]:
    with engines.engine.connect() as connection:
        row = connection.execute(select(Pedido.version, Pedido.snapshot_version).where(Pedido.id == pedido_id)).one()
    assert row.snapshot_version == row.version, "the change did not store the order's snapshot"
    serialize._cache.clear()
    one = await client.get(f"/pedidos/{pedido_id}", headers=headers)
    serialize._cache.clear()
    listed = await client.get("/pedidos/", headers=headers)
    return one.json(), listed.json()


async def test_every_kind_of_change_is_what_a_fresh_worker_serves(client, admin_headers, make_pedido):
    order = await make_pedido()
    pedido_id = order["id"]
    changes = [
        ("patch", f"/pedidos/{pedido_id}", {"status": "em_producao", "cliente": "Maria Souza"}),
        ("patch", f"/pedidos/pedido-itens/{order['items'][0]['id']}", {"descricao": "Painel novo"}),
    ]
    for method, path, body in changes:
        response = await getattr(client, method)(path, json=body, headers=admin_headers)
        assert response.status_code == 200, response.text
        current = (await client.get(f"/pedidos/{pedido_id}", headers=admin_headers)).json()
        one, listed = await _as_a_fresh_worker(client, admin_headers, pedido_id)
        assert one == current
        assert listed == [current]
    response = await client.post(
        f"/pedidos/{pedido_id}/imagens",
        files={"image": ("a.png", png_bytes(), "image/png")},
        data={"item_index": "0"},
        headers=admin_headers,
    )
    assert response.status_code == 200, response.text
    current = (await client.get(f"/pedidos/{pedido_id}", headers=admin_headers)).json()
    assert current["items"][0]["imagem"].startswith("/pedidos/imagens/")
    assert await _as_a_fresh_worker(client, admin_headers, pedido_id) == (current, [current])


async def test_orders_without_a_current_snapshot_are_built_from_their_items(
    client, admin_headers, make_pedido, session
):
    first = await make_pedido(items=[{"tipo_producao": "painel", "descricao": "A", "imagem": data_url(png_bytes())}])
    second = await make_pedido(cliente="Ana")
    # As written by an older release (no snapshot) or by a path that does not store one (stale).
    session.execute(update(Pedido).where(Pedido.id == first["id"]).values(snapshot=None, snapshot_version=None))
    session.execute(update(Pedido).where(Pedido.id == second["id"]).values(snapshot_version=Pedido.version - 1))
    session.commit()
    for order in (first, second):
        serialize._cache.clear()
        assert (await client.get(f"/pedidos/{order['id']}", headers=admin_headers)).json() == order
    serialize._cache.clear()
    listed = (await client.get("/pedidos/?ordenar=id", headers=admin_headers)).json()
    assert listed == [first, second]

    assert fill_missing(engines.write_engine) == 2
    assert fill_missing(engines.write_engine) == 0
    rows = session.execute(select(Pedido.snapshot_version, Pedido.version)).all()
    assert all(snapshot_version == version for snapshot_version, version in rows)
    for order in (first, second):
        assert (await _as_a_fresh_worker(client, admin_headers, order["id"]))[0] == order
