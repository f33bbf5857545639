"""Reposições: CRUD linked to their order."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from database.base import utcnow
from database.pagination import Page, apply_page, count
from errors import NotFound
from pedidos.orders.models import Pedido
from pedidos.reposicoes.models import Reposicao
from pedidos.reposicoes.schemas import ReposicaoCreate, ReposicaoUpdate, check_status

NOT_FOUND = "Reposição não encontrada"


def _check_order(session: Session, order_id: int) -> None:
    if session.get(Pedido, order_id) is None:
        raise NotFound("Pedido não encontrado")


def get(session: Session, reposicao_id: int) -> Reposicao:
    reposicao = session.get(Reposicao, reposicao_id)
    if reposicao is None:
        raise NotFound(NOT_FOUND)
    return reposicao


def get_all(
    session: Session, *, page: Page, order_id: int | None = None, status: str | None = None
) -> tuple[list[Reposicao], int]:
    check_status(status)
    query = select(Reposicao)
    if order_id is not None:
        query = query.where(Reposicao.order_id == order_id)
    if status is not None:
        query = query.where(Reposicao.status == status)
    query = query.order_by(Reposicao.id.desc())
    return list(session.execute(apply_page(query, page)).scalars()), count(session, query)


def create(session: Session, data: ReposicaoCreate) -> Reposicao:
    check_status(data.status)
    _check_order(session, data.order_id)
    reposicao = Reposicao.model_validate(data.model_dump())
    session.add(reposicao)
    session.flush()
    reposicao.numero = f"REP-{reposicao.id}"
    session.flush()
    return reposicao


def update(session: Session, reposicao: Reposicao, data: ReposicaoUpdate) -> Reposicao:
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None or k in _NULLABLE}
    check_status(changes.get("status"))
    if "order_id" in changes:
        _check_order(session, changes["order_id"])
    if changes.get("prioridade") not in (None, "NORMAL", "ALTA"):
        from errors import Unprocessable

        raise Unprocessable("prioridade deve ser NORMAL ou ALTA")
    reposicao.sqlmodel_update(changes)
    reposicao.updated_at = utcnow()
    session.add(reposicao)
    session.flush()
    return reposicao


_NULLABLE = {"motivo", "descricao", "data_solicitacao", "data_entrega_prevista", "observacao"}


def delete(session: Session, reposicao: Reposicao) -> None:
    session.delete(reposicao)
    session.flush()
