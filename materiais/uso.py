"""GET /materiais/estatisticas/uso: how many items use each material, registered or not.

Items are counted per material as written (GROUP BY in SQL), then merged by the original's key
(trimmed, casefolded, spaces collapsed) and matched to the catalogue by the same key.
"""

from __future__ import annotations

from sqlalchemy import false, func, select
from sqlmodel import Session

from cadastros.materiais import Material
from materiais.area import normalize_name
from materiais.schemas import MaterialUsoEstatisticasResponse, MaterialUsoItem
from pedidos.orders.models import Pedido, PedidoItem


def _catalogue(session: Session, *, somente_ativos: bool) -> dict[str, Material]:
    statement = select(Material).order_by(Material.id)
    if somente_ativos:
        statement = statement.where(Material.ativo.is_(True))
    found: dict[str, Material] = {}
    for material in session.execute(statement).scalars():
        found.setdefault(normalize_name(material.nome), material)
    return found


def get_usage(
    session: Session, *, limit: int, ordem: str, incluir_sem_uso: bool, somente_ativos: bool, incluir_cancelados: bool
) -> MaterialUsoEstatisticasResponse:
    """Materials by number of items using them (most or least used first)."""
    orders = [Pedido.rascunho == false()]
    if not incluir_cancelados:
        orders.append(Pedido.status != "cancelado")
    analisados = session.execute(select(func.count()).select_from(Pedido).where(*orders)).scalar_one()
    rows = session.execute(
        select(PedidoItem.tecido, func.count())
        .join(Pedido, Pedido.id == PedidoItem.pedido_id)
        .where(*orders, PedidoItem.tecido.is_not(None))
        .group_by(PedidoItem.tecido)
    ).all()
    usos: dict[str, int] = {}
    escrito: dict[str, str] = {}
    for tecido, count in rows:
        key = normalize_name(tecido)
        if not key:
            continue
        usos[key] = usos.get(key, 0) + count
        escrito[key] = min(escrito.get(key, tecido.strip()), tecido.strip())
    catalogo = _catalogue(session, somente_ativos=somente_ativos)
    if incluir_sem_uso:
        for key in catalogo:
            usos.setdefault(key, 0)
    total = sum(usos.values())
    materiais = []
    for key, count in usos.items():
        material = catalogo.get(key)
        materiais.append(
            MaterialUsoItem(
                material_id=material.id if material else None,
                nome_material=material.nome if material else escrito[key],
                cadastrado=material is not None,
                ativo=material.ativo if material else None,
                quantidade_usos=count,
                percentual_uso=round(count * 100 / (total or 1), 2),
            )
        )
    sign = -1 if ordem == "mais" else 1
    materiais.sort(key=lambda item: (sign * item.quantidade_usos, item.nome_material.casefold()))
    return MaterialUsoEstatisticasResponse(
        ordem=ordem,
        total_pedidos_analisados=analisados,
        total_itens_com_material=total,
        total_materiais_distintos_com_uso=sum(1 for count in usos.values() if count > 0),
        materiais=materiais[:limit],
    )
