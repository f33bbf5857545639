"""Benchmark: a 10-item order with a 4000×3000 JPEG on each item, rendered to PDF (target < 1 s).

Run: `python -m scripts.bench_fichas`. It uses a throwaway SQLite database and media folder,
so it never touches real data. Prints the cold figure (images downscaled from the originals)
and the warm one (downscaled copies reused from the cache).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time

ROOT = tempfile.mkdtemp(prefix="sgp-bench-fichas-")
os.environ.update(API_ROOT=ROOT, DATABASE_URL=f"sqlite:///{ROOT}/bench.db", ENVIRONMENT="test")

ITEMS = 10
IMAGE_SIZE = (4000, 3000)


def _photo(path) -> None:
    """A JPEG with detail everywhere (a flat colour would compress and decode unrealistically fast)."""
    from PIL import Image

    noise = Image.effect_noise(IMAGE_SIZE, 60).convert("RGB")
    gradient = Image.linear_gradient("L").resize(IMAGE_SIZE).convert("RGB")
    Image.blend(noise, gradient, 0.5).save(path, "JPEG", quality=90)


def main() -> None:
    from datetime import date

    from config import settings
    from database.init_db import migrate
    from database.session import session_scope
    from fichas import pdf_service
    from pedidos.models import Pedido, PedidoImagem, PedidoItem

    migrate()
    folder = settings.media_root / "pedidos" / "1"
    folder.mkdir(parents=True, exist_ok=True)
    _photo(folder / "art-0.jpg")
    with session_scope() as session:
        pedido = Pedido(
            numero="0000000001", data_entrada=date(2026, 3, 9), cliente="Ateliê São João", prioridade="ALTA"
        )
        session.add(pedido)
        session.flush()
        for index in range(ITEMS):
            if index:
                shutil.copyfile(folder / "art-0.jpg", folder / f"art-{index}.jpg")
            session.add(PedidoItem(pedido_id=pedido.id, item_index=index, descricao=f"Painel {index + 1}",
                                   largura="3,00", altura="2,00", metro_quadrado="6,00"))  # fmt: skip
            session.add(PedidoImagem(pedido_id=pedido.id, item_index=index, path=f"pedidos/1/art-{index}.jpg",
                                     mime="image/jpeg", size=1, sha256="-"))  # fmt: skip
        pedido_id = pedido.id

    for label in ("cold (downscale 10 originals)", "warm (cached downscales)"):
        with session_scope(write=False) as session:
            started = time.perf_counter()
            pdf, _name = pdf_service.pedido_pdf(session, pedido_id=pedido_id, template_type="geral")
            elapsed = time.perf_counter() - started
        print(f"fichas.pdf geral, {ITEMS} items × {IMAGE_SIZE[0]}×{IMAGE_SIZE[1]} JPEG, {label}: "
              f"{elapsed * 1000:.0f} ms, {len(pdf) / 1024:.0f} KiB")  # fmt: skip


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(ROOT, ignore_errors=True)
