"""Fake orders for development and benchmarks: python -m scripts.seed_pedidos --amount N.

Bulk path: SQLAlchemy Core executemany in batches (orders with RETURNING ids, their items, then
the orders' snapshots), with the same derived item columns as the API (pedidos.orders.items).

Seeded orders carry `criado_por = SEED_AUTHOR` (-1, an id no user has; the column is not in the
order JSON): a database holding any other order is refused unless --force, so fake orders never
mix with a shop's real ones (its closing report, its designers). --image-path is stored once,
under pedidos/seed/, and every seeded order's first item points at that one object.
"""

from __future__ import annotations

import argparse
import hashlib
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from faker import Faker
from sqlalchemy import Engine, func, insert, or_, select, text
from tqdm import tqdm

from database import engine as engines
from database.types import search_key
from errors import AppError
from media import validate_image
from pedidos.orders.items import item_columns
from pedidos.orders.models import Pedido, PedidoItem
from pedidos.read_side import snapshots
from relatorios.itens import insert_new_orders_items
from scripts._common import ScriptError, default_database_url, redact, run

STATUS_WEIGHTS = {"pendente": 20, "em_producao": 35, "pronto": 15, "entregue": 25, "cancelado": 5}
PRODUCTS = ("painel", "painel", "painel", "totem", "lona", "lona", "adesivo", "canga", "generica", "impressao_3d")
TECIDOS = ("Oxford", "Tactel", "Helanca", "Cetim", "Banner", "Lycra")
SHIPPING = ("PAC", "SEDEX", "Retirada", "Portador - Carlos", "Transportadora")
MACHINES = ("Mimaki", "Epson F9470", "Roland")
SEED_AUTHOR = -1  # pedidos.criado_por of every seeded order: no user has this id
IMAGE_PREFIX = "pedidos/seed/"


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
            "criado_por": SEED_AUTHOR,
            "version": 1,
            "data_criacao": created,
            "ultima_atualizacao": created,
        }
        return order, items


def next_numero(engine: Engine) -> int:
    with engine.connect() as connection:
        sql = "SELECT numero FROM pedidos ORDER BY length(numero) DESC, numero DESC LIMIT 200"
        numbers = [int(n) for (n,) in connection.execute(text(sql)) if n.isdigit()]
    return max(numbers, default=0) + 1


def foreign_orders(engine: Engine) -> int:
    """How many orders (drafts included) this script did not make."""
    pedidos = Pedido.__table__
    not_seeded = or_(pedidos.c.criado_por.is_(None), pedidos.c.criado_por != SEED_AUTHOR)
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(pedidos).where(not_seeded)).scalar_one()


def store_image(image_path: Path) -> tuple[str, str]:
    """The image stored once in the media storage (folder or S3), named by its content; (key, mime)."""
    from storage import media

    try:
        data = image_path.read_bytes()
    except OSError as exc:
        raise ScriptError(f"Imagem não encontrada ou ilegível: {image_path} ({exc.strerror or exc})")
    try:
        mime, ext = validate_image(data)
    except AppError as exc:
        raise ScriptError(f"{image_path}: {exc.detail}")
    key = f"{IMAGE_PREFIX}{hashlib.sha256(data).hexdigest()[:32]}{ext}"
    backend = media()
    if not backend.exists(key):
        backend.put(key, data, content_type=mime)
    return key, mime


def seed(
    *,
    amount: int,
    start: date,
    end: date,
    image_path: Path | None,
    batch: int = 5000,
    seed: int | None = None,
    engine: Engine | None = None,
    progress: bool | None = None,
) -> int:
    """Insert `amount` orders (1–5 items each) into `engine` (default: the configured database)."""
    engine = engine or engines.engine
    write_engine = engine.execution_options(**{engines.WRITE_OPTION: True})
    gen = Generator(seed)
    days = max((end - start).days + 1, 1)
    image_key = store_image(image_path)[0] if image_path else None
    numero = next_numero(engine)
    pedidos, itens = Pedido.__table__, PedidoItem.__table__
    # disable=None: a bar on a terminal, quiet when piped (the benchmarks read only the summary).
    with tqdm(total=amount, unit="pedidos", disable=None if progress is None else not progress) as bar:
        for offset in range(0, amount, batch):
            size = min(batch, amount - offset)
            generated = [gen.order(numero + offset + n, start, days) for n in range(size)]
            with write_engine.begin() as connection:
                statement = insert(pedidos).returning(pedidos.c.id, sort_by_parameter_order=True)
                ids = connection.execute(statement, [order for order, _ in generated]).scalars().all()
                rows = []
                for pedido_id, (_order, items) in zip(ids, generated, strict=True):
                    for index, item in enumerate(items):
                        row = {"pedido_id": pedido_id, **item_columns(item, index=index)}
                        if image_key and index == 0:
                            # A reference, not an upload: no pedido_imagens row, so deleting or
                            # re-imaging one order never removes the object the others share.
                            row["imagem_path"] = image_key
                        rows.append(row)
                insert_new_orders_items(connection, insert(itens), rows)
                snapshots.store_ids(connection, ids)
            bar.update(size)
    return amount


def _positive(text_value: str) -> int:
    value = int(text_value)
    if value < 1:
        raise argparse.ArgumentTypeError("deve ser 1 ou mais")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.seed_pedidos",
        description="Cria pedidos falsos (Faker pt_BR) para desenvolvimento e benchmarks. Recusa um banco que "
        "já tenha pedidos não criados por este script (use --force para misturar mesmo assim).",
    )
    parser.add_argument("--amount", type=_positive, default=10, help="quantos pedidos criar (padrão: 10)")
    parser.add_argument("--start-date", type=date.fromisoformat, default=date.today() - timedelta(days=365),
                        help="primeira data de entrada, AAAA-MM-DD (padrão: um ano atrás)")  # fmt: skip
    parser.add_argument("--end-date", type=date.fromisoformat, default=date.today(),
                        help="última data de entrada, AAAA-MM-DD (padrão: hoje)")  # fmt: skip
    parser.add_argument("--image-path", type=Path,
                        help="imagem (JPEG/PNG/WebP/GIF) guardada uma vez, no 1º item de cada pedido")  # fmt: skip
    parser.add_argument("--batch", type=_positive, default=5000, help="pedidos por transação (padrão: 5000)")
    parser.add_argument("--seed", type=int, help="semente dos dados aleatórios, para repetir a mesma carga")
    parser.add_argument("--database-url", help="banco a popular (padrão: DATABASE_URL das configurações)")
    parser.add_argument("--force", action="store_true",
                        help="popula mesmo um banco com pedidos reais (os falsos irão aos relatórios)")  # fmt: skip
    parser.add_argument("--quiet", action="store_true", help="sem barra de progresso")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.end_date < args.start_date:
        parser.error("--end-date antes de --start-date")
    from database.engine import build_engine
    from database.migrate import migrate

    url = args.database_url or default_database_url()
    migrate(url)
    engine = build_engine(url) if args.database_url else engines.engine
    try:
        foreign = foreign_orders(engine)
        if foreign and not args.force:
            raise ScriptError(
                f"O banco {redact(url)} já tem {foreign} pedido(s) que não foram criados por este script. "
                "Pedidos falsos apareceriam nos relatórios e fechamentos. Use um banco vazio "
                "(--database-url) ou --force para misturar mesmo assim."
            )
        print(f"Populando {redact(url)}" + (f" (com {foreign} pedidos reais: --force)" if foreign else ""))
        created = seed(
            amount=args.amount,
            start=args.start_date,
            end=args.end_date,
            image_path=args.image_path,
            batch=args.batch,
            seed=args.seed,
            engine=engine,
            progress=False if args.quiet else None,
        )
    finally:
        if args.database_url:
            engine.dispose()
    print(f"{created} pedidos criados.")
    return 0


if __name__ == "__main__":
    raise SystemExit(run(main))
