"""/reposicoes: HTTP only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from auth.dependencies import CurrentUser
from database.pagination import PageDep, with_total
from database.session import SessionDep
from pedidos.orders.schemas import MAX_ID, PathId
from pedidos.reposicoes import service
from pedidos.reposicoes.models import Reposicao
from pedidos.reposicoes.schemas import ReposicaoCreate, ReposicaoPublic, ReposicaoStatus, ReposicaoUpdate
from route_alias import alias

router = APIRouter(prefix="/reposicoes", tags=["Pedidos"])


# Authenticate before looking the reposição up, so an anonymous caller never learns which ids exist.
def valid_reposicao(reposicao_id: PathId, session: SessionDep, _user: CurrentUser) -> Reposicao:
    return service.get(session, reposicao_id)


ReposicaoById = Annotated[Reposicao, Depends(valid_reposicao)]


@router.get("", response_model=list[ReposicaoPublic], summary="Listar reposições")
def list_reposicoes(
    session: SessionDep,
    _user: CurrentUser,
    page: PageDep,
    response: Response,
    order_id: Annotated[int | None, Query(ge=0, le=MAX_ID)] = None,
    status: ReposicaoStatus | None = None,
):
    """Reposições, filtradas por pedido (order_id) e status; o total vem em X-Total-Count."""
    return with_total(response, service.get_all(session, page=page, order_id=order_id, status=status))


@router.post("", response_model=ReposicaoPublic, summary="Criar reposição")
def create_reposicao(body: ReposicaoCreate, session: SessionDep, _user: CurrentUser):
    """Registra a reposição de um pedido (refazer um trabalho), com motivo e prazo."""
    return service.create(session, body)


@router.get("/{reposicao_id}", response_model=ReposicaoPublic, summary="Obter reposição")
def get_reposicao(reposicao: ReposicaoById, _user: CurrentUser):
    """Uma reposição pelo id."""
    return reposicao


@router.patch("/{reposicao_id}", response_model=ReposicaoPublic, summary="Atualizar reposição")
@alias(
    router, "PUT", "/{reposicao_id}", summary="Atualizar reposição", same_as="o PATCH", response_model=ReposicaoPublic
)
def update_reposicao(reposicao: ReposicaoById, body: ReposicaoUpdate, session: SessionDep, _user: CurrentUser):
    """Altera os campos enviados da reposição."""
    return service.update(session, reposicao, body)


@router.delete("/{reposicao_id}", summary="Excluir reposição")
def delete_reposicao(reposicao: ReposicaoById, session: SessionDep, _user: CurrentUser) -> dict[str, str]:
    """Apaga a reposição."""
    service.delete(session, reposicao)
    return {"message": "Reposição deletada com sucesso"}
