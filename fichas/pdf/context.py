"""Render context from the database: one PageData per order item, keys as the app's templates use them."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, func, select

from fichas.pdf import finishing
from fichas.pdf import values as fmt
from fichas.pdf.render import PageData
from maquinas.models import Machine
from pedidos.orders.models import Pedido, PedidoImagem, PedidoItem
from storage import clean_key

ORDER_FIELDS = (
    "numero", "cliente", "telefone_cliente", "cidade_cliente", "estado_cliente", "data_entrada", "data_entrega",
    "observacao", "forma_envio", "tipo_pagamento", "sublimacao_maquina", "sublimacao_data_impressao",
    "valor_total", "valor_frete", "valor_itens", "data_criacao", "ultima_atualizacao",
)  # fmt: skip
ITEM_FIELDS = (
    "tipo_producao", "descricao", "largura", "altura", "vendedor", "designer", "tecido", "valor_unitario",
    "quantidade", "valor_calculado", "data_impressao",
)  # fmt: skip
# Stages a production sheet is ticked through, with the order flag that says it is done.
STAGES = (("Sublimação", "sublimacao"), ("Costura", "costura"), ("Conferência", "conferencia"),
          ("Expedição", "expedicao"))  # fmt: skip


def qr_payload(numero: str, item_index: int | None) -> str:
    """What the QR code carries: "<numero>-<n>" with n the 1-based item position, or "<numero>" alone."""
    return numero if item_index is None else f"{numero}-{item_index + 1}"


def media_file(relative: str | None) -> str | None:
    """The media storage key behind a stored path, or None when empty or pointing outside it."""
    return clean_key(relative) if relative else None


def order_values(pedido: Pedido) -> dict[str, str]:
    values = {name: fmt.value_text(name, getattr(pedido, name)) for name in ORDER_FIELDS}
    values.update(
        prioridade=pedido.prioridade or "NORMAL",
        status=fmt.STATUS_TEXT.get(pedido.status, pedido.status),
        datas=f"Entrada {fmt.plain(pedido.data_entrada)} · Entrega {fmt.plain(pedido.data_entrega)}",
        cidade_estado=" / ".join(p for p in (pedido.cidade_cliente, pedido.estado_cliente) if p),
    )
    values.update({f"pedido.{name}": value for name, value in list(values.items())})
    return values


def _material(item: PedidoItem, extras: dict[str, Any]) -> str:
    # An adesivo's material is its tipo_adesivo (the app copies it into tecido too; older orders may not).
    if item.tipo_producao == "adesivo" and extras.get("tipo_adesivo"):
        return fmt.plain(extras["tipo_adesivo"])
    return fmt.plain(item.tecido)


def item_values(
    item: PedidoItem, machine_name: str | None, order_machine: str | None, item_count: int
) -> dict[str, str]:
    extras: dict[str, Any] = item.extras or {}
    values = {key: fmt.value_text(key, value) for key, value in extras.items()}
    values.update({name: fmt.value_text(name, getattr(item, name)) for name in ITEM_FIELDS})
    machine = machine_name or fmt.plain(extras.get("maquina")) or order_machine or ""
    values.update(finishing.values(extras))
    values.update(
        dimensoes=fmt.dimensions_text(item.largura, item.altura),
        metro_quadrado=fmt.measure_text(item.metro_quadrado, "m²"),
        tecido=_material(item, extras),
        tipo_producao=fmt.TIPO_TEXT.get(item.tipo_producao or "", fmt.plain(item.tipo_producao)),
        item_name=fmt.plain(item.descricao),
        quantity=fmt.plain(item.quantidade),
        emenda=fmt.emenda_text(extras.get("emenda"), extras.get("emenda_qtd")),
        machine=machine,
        maquina=machine,
        machine_id=machine,
        rip_maquina=fmt.plain(extras.get("rip_maquina")),
        rip=fmt.plain(extras.get("rip_maquina")),
        perfil_cor=fmt.plain(extras.get("perfil_cor")),
        item_numero=str(item.item_index + 1),
        item_posicao=f"{item.item_index + 1} de {item_count}",
    )
    values["observacao_item"] = fmt.plain(extras.get("observacao"))
    values.update({f"item.{name}": value for name, value in list(values.items())})
    return values


def _image_paths(session: Session, pedido_id: int) -> dict[int, str]:
    rows = session.exec(select(PedidoImagem).where(PedidoImagem.pedido_id == pedido_id).order_by(PedidoImagem.id)).all()
    # The newest image of each item wins.
    return {row.item_index: row.path for row in rows if row.item_index is not None}


def _machine_names(session: Session, items: list[PedidoItem]) -> dict[int, str]:
    ids = {item.machine_id for item in items if item.machine_id}
    if not ids:
        return {}
    return {m.id: m.name for m in session.exec(select(Machine).where(Machine.id.in_(ids))).all()}


def order_pages(session: Session, pedido: Pedido, *, item_index: int | None = None) -> list[PageData]:
    """One page per item (or only `item_index`); an order without items still gets one page."""
    statement = select(PedidoItem).where(PedidoItem.pedido_id == pedido.id).order_by(PedidoItem.item_index)
    if item_index is not None:
        statement = statement.where(PedidoItem.item_index == item_index)
    items = list(session.exec(statement).all())
    item_count = session.exec(select(func.count()).where(PedidoItem.pedido_id == pedido.id)).one()
    images = _image_paths(session, pedido.id)
    machines = _machine_names(session, items)
    base = order_values(pedido)
    stages = [(name, bool(getattr(pedido, flag))) for name, flag in STAGES]
    alta = (pedido.prioridade or "").upper() == "ALTA"
    if not items:
        return [PageData(values=base, qr_payload=qr_payload(pedido.numero, None), alta=alta, stages=stages)]
    pages = []
    for item in items:
        item_vals = item_values(item, machines.get(item.machine_id), pedido.sublimacao_maquina, item_count)
        merged = {**item_vals, **base}  # order keys win; the item's own are under "item."
        image = media_file(images.get(item.item_index)) or media_file(item.imagem_path)
        pages.append(
            PageData(
                values=merged,
                image=image,
                qr_payload=qr_payload(pedido.numero, item.item_index),
                alta=alta,
                stages=stages,
            )
        )
    return pages
