"""/reposicoes: HTTP only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from auth.dependencies import CurrentUser
from database.pagination import PageDep, set_total
from database.session import SessionDep
from pedidos.orders.schemas import MAX_ID, PathId
from pedidos.reposicoes import service
from pedidos.reposicoes.schemas import ReposicaoCreate, ReposicaoPublic, ReposicaoStatus, ReposicaoUpdate

router = APIRouter(prefix="/reposicoes", tags=["Pedidos"])


@router.get(
    "",
    response_model=list[ReposicaoPublic],
    summary="Listar reposições",
    description="Reposições, filtradas por pedido (order_id) e status; o total vem em X-Total-Count.",
)
def list_reposicoes(
    session: SessionDep,
    _user: CurrentUser,
    page: PageDep,
    response: Response,
    order_id: Annotated[int | None, Query(ge=0, le=MAX_ID)] = None,
    status: ReposicaoStatus | None = None,
):
    rows, total = service.get_all(session, page=page, order_id=order_id, status=status)
    set_total(response, total)
    return rows


@router.post(
    "",
    response_model=ReposicaoPublic,
    summary="Criar reposição",
    description="Registra a reposição de um pedido (refazer um trabalho), com motivo e prazo.",
)
def create_reposicao(body: ReposicaoCreate, session: SessionDep, _user: CurrentUser):
    return service.create(session, body)


@router.get(
    "/{reposicao_id}",
    response_model=ReposicaoPublic,
    summary="Obter reposição",
    description="Uma reposição pelo id.",
)
def get_reposicao(reposicao_id: PathId, session: SessionDep, _user: CurrentUser):
    return service.get(session, reposicao_id)


@router.patch(
    "/{reposicao_id}",
    response_model=ReposicaoPublic,
    summary="Atualizar reposição",
    description="Altera os campos enviados da reposição.",
)
@router.put(
    "/{reposicao_id}",
    response_model=ReposicaoPublic,
    summary="Atualizar reposição (PUT)",
    description="O mesmo que o PATCH: altera os campos enviados da reposição.",
)
def update_reposicao(reposicao_id: PathId, body: ReposicaoUpdate, session: SessionDep, _user: CurrentUser):
    return service.update(session, reposicao_id, body)


@router.delete("/{reposicao_id}", summary="Excluir reposição", description="Apaga a reposição.")
def delete_reposicao(reposicao_id: PathId, session: SessionDep, _user: CurrentUser) -> dict[str, str]:
    service.delete(session, reposicao_id)
    return {"message": "Reposição deletada com sucesso"}
