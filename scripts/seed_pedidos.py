"""Fake orders for development and benchmarks: python -m scripts.seed_pedidos --amount N.

Bulk path: SQLAlchemy Core executemany in batches (orders with RETURNING ids, their items, then
the orders' snapshots), with the same derived item columns as the API (pedidos.items).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path

from faker import Faker
from sqlalchemy import insert, text
from tqdm import tqdm

from config import settings
from database import engine as engines
from database.types import search_key
from pedidos import snapshots
from pedidos.images import validate_image
from pedidos.items import item_columns
from pedidos.models import Pedido, PedidoImagem, PedidoItem
from relatorios.itens import insert_new_orders_items

STATUS_WEIGHTS = {"pendente": 20, "em_producao": 35, "pronto": 15, "entregue": 25, "cancelado": 5}
PRODUCTS = ("painel", "painel", "painel", "totem", "lona", "lona", "adesivo", "canga", "generica", "impressao_3d")
TECIDOS = ("Oxford", "Tactel", "Helanca", "Cetim", "Banner", "Lycra")
SHIPPING = ("PAC", "SEDEX", "Retirada", "Portador - Carlos", "Transportadora")
MACHINES = ("Mimaki", "Epson F9470", "Roland")


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


class Generator:
    def __init__(self, seed: int | None = None):
        self.fake = Faker("pt_BR")
        self.rng = random.Random(seed)
        if seed is not None:
            Faker.seed(seed)
        self.clients = [
            (self.fake.name(), self.fake.phone_number(), f"{self.fake.city()} ({self.fake.estado_sigla()})")
            for _ in range(300)
        ]
        self.sellers = [self.fake.first_name() for _ in range(8)]
        self.designers = [self.fake.first_name() for _ in range(6)]
        self.statuses = list(STATUS_WEIGHTS)
        self.weights = list(STATUS_WEIGHTS.values())

    def item(self, seller: str) -> dict:
        rng = self.rng
        kind = rng.choice(PRODUCTS)
        width, height = rng.choice((1, 1.5, 2, 3, 4)), rng.choice((0.5, 1, 2, 2.5, 3))
        unit = rng.randrange(2_000, 90_000, 50)
        quantity = rng.choice((1, 1, 1, 2, 3, 5, 10))
        item = {
            "tipo_producao": kind,
            "descricao": f"{kind.replace('_', ' ').title()} {width:g}x{height:g}",
            "largura": f"{width:.2f}",
            "altura": f"{height:.2f}",
            "metro_quadrado": f"{width * height:.2f}".replace(".", ","),
            "vendedor": seller,
            "designer": rng.choice(self.designers),
            "tecido": rng.choice(TECIDOS),
            "valor_unitario": _money(unit),
            "emenda": rng.choice(("sem-emenda", "com-emenda")),
            "acabamento": {"overloque": rng.random() < 0.5, "elastico": rng.random() < 0.2, "ilhos": False},
        }
        if kind in ("painel", "generica"):
            item.update(quantidade_paineis=str(quantity), valor_painel=_money(unit), baininha=rng.random() < 0.3)
        elif kind == "totem":
            item.update(quantidade_totem=str(quantity), valor_totem=_money(unit), acabamento_totem="com_pe")
        elif kind == "lona":
            item.update(quantidade_lona=str(quantity), valor_lona=_money(unit), acabamento_lona="refilar")
            item.update(tipo_acabamento="ilhos", quantidade_ilhos=str(rng.choice((4, 8, 12))), espaco_ilhos="50")
        elif kind == "adesivo":
            item.update(quantidade_adesivo=str(quantity), valor_adesivo=_money(unit), tipo_adesivo="vinil")
        elif kind == "canga":
            item.update(quantidade_canga=quantity, valor_canga=_money(unit))
        else:
            item.update(quantidade_impressao_3d=quantity, valor_impressao_3d=_money(unit), material_gasto="120g")
        return item

    def order(self, numero: int, start: date, days: int) -> tuple[dict, list[dict]]:
        rng = self.rng
        name, phone, city = rng.choice(self.clients)
        entrada = start + timedelta(days=rng.randrange(days))
        status = rng.choices(self.statuses, self.weights)[0]
        done = status in ("pronto", "entregue")
        flags = dict.fromkeys(("financeiro", "conferencia", "sublimacao", "costura", "expedicao"), done)
        if status == "em_producao":
            reached = rng.randrange(1, 5)  # financeiro and some later stages, never all five
            for flag in list(flags)[:reached]:
                flags[flag] = True
        seller = rng.choice(self.sellers)
        items = [self.item(seller) for _ in range(rng.randint(1, 5))]
        valor_itens = sum(item_columns(i, index=0)["valor_calculado"] for i in items)
        frete = rng.choice((0, 0, 1_550, 2_500, 4_990))
        created = datetime.combine(entrada, time(rng.randrange(8, 18), rng.randrange(60), rng.randrange(60)))
        order = {
            "numero": f"{numero:010d}",
            "data_entrada": entrada,
            "data_entrega": entrada + timedelta(days=rng.randrange(2, 15)),
            "prioridade": "ALTA" if rng.random() < 0.15 else "NORMAL",
            "status": status,
            "cliente": name,
            "cliente_busca": search_key(name),
            "telefone_cliente": phone,
            "cidade_cliente": city,
            "estado_cliente": "",
            "observacao": self.fake.sentence() if rng.random() < 0.3 else None,
            "obs_pagamento": None,
            "valor_total": valor_itens + frete,
            "valor_frete": frete,
            "valor_itens": valor_itens,
            "tipo_pagamento": str(rng.randrange(1, 5)),
            "forma_envio": rng.choice(SHIPPING),
            "forma_envio_id": rng.randrange(1, 6),
            **flags,
            "pronto": done,
            "sublimacao_maquina": rng.choice(MACHINES) if flags["sublimacao"] else None,
            "sublimacao_data_impressao": entrada + timedelta(days=1) if flags["sublimacao"] else None,
            "version": 1,
            "data_criacao": created,
            "ultima_atualizacao": created,
        }
        return order, items


def next_numero() -> int:
    with engines.engine.connect() as connection:
        sql = "SELECT numero FROM pedidos ORDER BY length(numero) DESC, numero DESC LIMIT 200"
        numbers = [int(n) for (n,) in connection.execute(text(sql)) if n.isdigit()]
    return max(numbers, default=0) + 1


def seed(
    *, amount: int, start: date, end: date, image_path: Path | None, batch: int = 5000, seed: int | None = None
) -> int:
    """Insert `amount` orders (1–5 items each); returns how many."""
    gen = Generator(seed)
    days = max((end - start).days + 1, 1)
    image = image_path.read_bytes() if image_path else None
    kind = validate_image(image) if image else None
    numero = next_numero()
    pedidos, itens, imagens = Pedido.__table__, PedidoItem.__table__, PedidoImagem.__table__
    with tqdm(total=amount, unit="pedidos") as progress:
        for offset in range(0, amount, batch):
            size = min(batch, amount - offset)
            generated = [gen.order(numero + offset + n, start, days) for n in range(size)]
            with engines.write_engine.begin() as connection:
                statement = insert(pedidos).returning(pedidos.c.id, sort_by_parameter_order=True)
                ids = connection.execute(statement, [order for order, _ in generated]).scalars().all()
                rows = []
                for pedido_id, (_order, items) in zip(ids, generated, strict=True):
                    for index, item in enumerate(items):
                        rows.append({"pedido_id": pedido_id, **item_columns(item, index=index)})
                if image:
                    rows, images_rows = _attach_image(rows, image, kind)
                    connection.execute(insert(imagens), images_rows)
                insert_new_orders_items(connection, insert(itens), rows)
                snapshots.store_ids(connection, ids)
            progress.update(size)
    return amount


def _attach_image(rows: list[dict], image: bytes, kind: tuple[str, str]):
    """The image on each order's first item: its own file and pedido_imagens row."""
    mime, ext = kind
    digest = hashlib.sha256(image).hexdigest()
    images_rows = []
    for row in rows:
        if row["item_index"] != 0:
            continue
        relative = f"pedidos/{row['pedido_id']}/{uuid.uuid4().hex}{ext}"
        target = settings.media_root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(image)
        images_rows.append(
            {
                "pedido_id": row["pedido_id"],
                "item_index": 0,
                "path": relative,
                "mime": mime,
                "size": len(image),
                "sha256": digest,
            }
        )
        row["imagem_path"] = relative
    return rows, images_rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Cria pedidos falsos (Faker pt_BR).")
    parser.add_argument("--amount", type=int, default=10)
    parser.add_argument("--start-date", type=date.fromisoformat, default=date.today() - timedelta(days=365))
    parser.add_argument("--end-date", type=date.fromisoformat, default=date.today())
    parser.add_argument("--image-path", type=Path)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--seed", type=int)
    args = parser.parse_args(argv)
    if args.end_date < args.start_date:
        parser.error("--end-date antes de --start-date")
    from database.migrate import migrate

    migrate()
    created = seed(
        amount=args.amount,
        start=args.start_date,
        end=args.end_date,
        image_path=args.image_path,
        batch=args.batch,
        seed=args.seed,
    )
    print(f"{created} pedidos criados.")


if __name__ == "__main__":
    main()
