"""Factories for fichas tests: orders with items, art on disk and machines."""

from __future__ import annotations

import hashlib
import itertools
from datetime import date
from io import BytesIO

import pytest
from PIL import Image

from config import settings
from maquinas.models import Machine
from pedidos.orders.models import Pedido, PedidoImagem, PedidoItem

_numbers = itertools.count(1)


def image_bytes(width: int = 400, height: int = 300, fmt: str = "JPEG", color=(200, 30, 30)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, fmt)
    return buffer.getvalue()


def attach_image(session, pedido: Pedido, item_index: int, data: bytes, ext: str = "jpg") -> PedidoImagem:
    relative = f"pedidos/{pedido.id}/art-{item_index}.{ext}"
    target = settings.media_root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    row = PedidoImagem(
        pedido_id=pedido.id,
        item_index=item_index,
        path=relative,
        mime="image/jpeg",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    session.add(row)
    session.commit()
    return row


def make_item(index: int, **overrides) -> PedidoItem:
    values = {
        "item_index": index,
        "tipo_producao": "painel",
        "descricao": f"Painel sublimado {index + 1}",
        "largura": "1,50",
        "altura": "2,00",
        "metro_quadrado": "3,00",
        "tecido": "Oxford",
        "vendedor": "Márcia",
        "designer": "João",
        "extras": {
            "acabamento": {"overloque": True, "elastico": False, "ilhos": True},
            "emenda": "sem-emenda",
            "rip_maquina": "RIP Caldera",
            "perfil_cor": "Perfil Têxtil",
            "observacao": "Costurar com linha branca",
        },
    }
    values.update(overrides)
    return PedidoItem(**values)


def make_pedido(session, *, items: int = 1, item_overrides: dict | None = None, **overrides) -> Pedido:
    values = {
        "numero": f"{next(_numbers):010d}",
        "data_entrada": date(2026, 3, 9),
        "data_entrega": date(2026, 3, 20),
        "cliente": "José Conceição Ateliê",
        "cliente_busca": "jose conceicao atelie",
        "telefone_cliente": "27 99999-0000",
        "cidade_cliente": "Colatina (ES)",
        "forma_envio": "PAC",
        "observacao": "Entregar na recepção",
    }
    values.update(overrides)
    pedido = Pedido(**values)
    session.add(pedido)
    session.flush()
    for index in range(items):
        session.add(make_item(index, pedido_id=pedido.id, **(item_overrides or {})))
    session.commit()
    return pedido


def make_machine(session, name: str = "Epson F9470") -> Machine:
    machine = Machine(name=name, name_key=name.lower())
    session.add(machine)
    session.commit()
    return machine


@pytest.fixture
def pedido_factory(session):
    return lambda **kw: make_pedido(session, **kw)
