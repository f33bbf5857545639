"""scripts.seed_pedidos: realistic orders the API serves like its own."""

from __future__ import annotations

from datetime import date

from scripts.seed_pedidos import seed
from tests.pedidos.conftest import png_bytes


async def test_seeded_orders_are_served_and_consistent(client, admin_headers, tmp_path):
    image = tmp_path / "exemplo.png"
    image.write_bytes(png_bytes())
    seed(amount=30, start=date(2026, 1, 1), end=date(2026, 1, 31), image_path=image, batch=7, seed=3)
    response = await client.get("/pedidos", headers={**admin_headers, "Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"  # big lists: gzipped once, not twice
    orders = response.json()
    assert len(orders) == 30 and response.headers["x-total-count"] == "30"
    assert len({o["numero"] for o in orders}) == 30
    for order in orders:
        assert date(2026, 1, 1) <= date.fromisoformat(order["data_entrada"]) <= date(2026, 1, 31)
        assert 1 <= len(order["items"]) <= 5
        flags = [order[f] for f in ("financeiro", "conferencia", "sublimacao", "costura", "expedicao")]
        assert order["pronto"] == all(flags) and (order["status"] in ("pronto", "entregue")) == all(flags)
        # One stored copy of the image, shared by every seeded order (not one file per order).
        assert order["items"][0]["imagem_path"] == orders[0]["items"][0]["imagem_path"]
        assert order["items"][0]["imagem_path"].startswith("pedidos/seed/")
    # The same page for a client without gzip (served from the page gzipped from pieces alone).
    plain = await client.get("/pedidos", headers={**admin_headers, "Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.json() == orders
    media = await client.get(f"/pedidos/media/{orders[0]['items'][0]['imagem_path']}", headers=admin_headers)
    assert media.content == image.read_bytes()
    created = (
        await client.post("/pedidos", json={"cliente": "x", "data_entrada": "2026-02-01"}, headers=admin_headers)
    ).json()
    assert int(created["numero"]) == 31


def test_gzip_from_cached_pieces_is_one_valid_gzip_stream():
    import gzip
    import zlib

    from pedidos.read_side.serialize import gzip_array, join_array, make_entry

    entries = [make_entry({"id": n, "cliente": "José" * n}) for n in range(50)]
    body = gzip_array(entries)
    assert gzip.decompress(body) == join_array(entries)
    assert zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body) == join_array(entries)  # httpx's way
    # Entries read for a gzip list carry no json: the same stream from their pieces, CRCs and lengths.
    pieces_only = [(None, *entry[1:]) for entry in entries]
    assert gzip_array(pieces_only) == body and join_array(pieces_only) == join_array(entries)
