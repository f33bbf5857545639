"""Benchmark: a 10-item order with a 4000×3000 JPEG on each item, rendered to PDF (target < 1 s).

Run: `python -m scripts.bench_fichas`. It uses a throwaway SQLite database and media folder,
so it never touches real data. Prints the cold figure (images downscaled from the originals)
and the warm one (downscaled copies reused from the cache).
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time

ROOT = tempfile.mkdtemp(prefix="sgp-bench-fichas-")
os.environ.update(API_ROOT=ROOT, DATABASE_URL=f"sqlite:///{ROOT}/bench.db", ENVIRONMENT="test")

ITEMS = 10
IMAGE_SIZE = (4000, 3000)
REPEATS = 3


def _photo(path) -> None:
    """A photo-like JPEG (~4.5 MB at quality 90): colour gradients, grain and shapes, not a flat colour
    that would compress and decode unrealistically fast."""
    from PIL import Image, ImageDraw

    grain = Image.effect_noise(IMAGE_SIZE, 40).convert("RGB")
    channels = [Image.linear_gradient("L"), Image.radial_gradient("L"), Image.linear_gradient("L").rotate(90)]
    image = Image.blend(Image.merge("RGB", [c.resize(IMAGE_SIZE) for c in channels]), grain, 0.35)
    draw = ImageDraw.Draw(image)
    for i in range(40):
        draw.ellipse((i * 90, i * 60, i * 90 + 900, i * 60 + 700), outline=(255 - i * 5, i * 5, 120), width=25)
    image.save(path, "JPEG", quality=90)


def _render(pedido_id: int) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of all threads, PDF bytes) of one render."""
    from database.session import session_scope
    from fichas import pdf_service

    with session_scope(write=False) as session:
        started, cpu_started = time.perf_counter(), time.process_time()
        pdf, _name = pdf_service.pedido_pdf(session, pedido_id=pedido_id, template_type="geral")
        return time.perf_counter() - started, time.process_time() - cpu_started, len(pdf)


def main() -> None:
    from datetime import date

    from config import settings
    from database.migrate import migrate
    from database.session import session_scope
    from fichas.pdf.images import cache_dir
    from pedidos.orders.models import Pedido, PedidoImagem, PedidoItem

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

    # The machine is shared: repeat and report the best and the median, not one noisy sample.
    cold = []
    for _ in range(REPEATS):
        shutil.rmtree(cache_dir(), ignore_errors=True)
        cold.append(_render(pedido_id))
    warm = [_render(pedido_id) for _ in range(REPEATS)]
    size = cold[-1][2]
    source_kib = (folder / "art-0.jpg").stat().st_size / 1024
    print(f"fichas.pdf geral: {ITEMS} items, each a {IMAGE_SIZE[0]}x{IMAGE_SIZE[1]} JPEG of {source_kib:.0f} KiB; "
          f"PDF {size / 1024:.0f} KiB; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
    # CPU time (all threads) does not depend on what else the machine runs; wall time does.
    for label, samples in (("cold (downscale the originals)", cold), ("warm (cached downscales)", warm)):
        runs = [wall for wall, _cpu, _size in samples]
        cpu = statistics.median(c for _wall, c, _size in samples)
        runs_ms = ", ".join(f"{r * 1000:.0f}" for r in runs)
        print(f"  {label}: wall best {min(runs) * 1000:.0f} ms, median {statistics.median(runs) * 1000:.0f} ms "
              f"[{runs_ms}]; CPU median {cpu * 1000:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(ROOT, ignore_errors=True)
