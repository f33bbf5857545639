"""/pedidos: HTTP only. Fixed paths are declared before /{pedido_id} so they are not shadowed."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Body, Depends, Header, Path, Request, Response

import query
from auth.dependencies import AdminUser, CurrentUser
from database.pagination import PageDep, PageQuery
from database.session import SessionDep
from errors import ERROR_RESPONSES, BadRequest, PayloadTooLarge, Unprocessable
from pedidos import examples
from pedidos.orders import batch, draft_service, reads, service, writes
from pedidos.orders.drafts import DraftCreate, PedidoPatch
from pedidos.orders.schemas import MAX_ID, PathId, PedidoCreate, StatusPath, has_nul
from pedidos.read_side.listing import Filters

# Its routes are added to the app as its own (main.create_app): the error responses are documented here.
router = APIRouter(prefix="/pedidos", tags=["Pedidos"], responses=ERROR_RESPONSES)

SAVE_JSON_MAX_BYTES = 1024 * 1024


def _json(body: bytes | dict | list) -> Response:
    content = body if isinstance(body, bytes) else orjson.dumps(body)
    return Response(content, media_type="application/json")


def _body(body: reads.Body) -> Response:
    return Response(body.content, media_type="application/json", headers=body.headers)


def _gzip_wanted(request: Request) -> bool:
    return "gzip" in request.headers.get("accept-encoding", "")


@router.get("", summary="Listar pedidos", openapi_extra={"parameters": query.parameters(PageQuery, Filters)})
async def list_pedidos(
    request: Request,
    _user: CurrentUser,
    page_query: Annotated[PageQuery, Depends(query.from_query(PageQuery))],
    filters: Annotated[Filters, Depends(query.from_query(Filters))],
) -> Response:
    """Pedidos do mais novo ao mais antigo, com filtros e páginas; o total vem em X-Total-Count."""
    return _body(await reads.list_page(filters, page_query.page(), gzip=_gzip_wanted(request)))


@router.post("", summary="Criar pedido", openapi_extra=examples.request_examples(examples.CREATE))
async def create_pedido(body: PedidoCreate, user: CurrentUser) -> Response:
    """Cria o pedido com seus itens; o número é gerado quando não vem preenchido."""
    return _json(await writes.create(body, user=user))


@router.post("/rascunho", summary="Salvar rascunho (sem os campos obrigatórios)")
async def create_rascunho(body: DraftCreate, user: CurrentUser) -> Response:
    """Guarda um pedido incompleto, visível só para o autor e os administradores."""
    return _json(await writes.create_draft(body, user=user))


@router.get("/rascunhos", summary="Listar rascunhos (os seus; todos para admin)")
def list_rascunhos(request: Request, session: SessionDep, user: CurrentUser, page: PageDep) -> Response:
    """Rascunhos ainda não promovidos a pedido, no formato do pedido."""
    entries, total = draft_service.list_for(session, user=user, page=page)
    return _body(reads.list_body(entries, total, gzip=_gzip_wanted(request)))


@router.get("/total", summary="Total de pedidos")
def total_pedidos(session: SessionDep, _user: CurrentUser) -> dict[str, int]:
    """Quantos pedidos existem (rascunhos fora)."""
    return {"total": service.total(session)}


@router.get("/summary", summary="Resumo para o painel")
async def summary_pedidos(_user: CurrentUser) -> Response:
    """Contagens por status, atrasados, urgentes, eficiência por etapa e pedidos recentes."""
    return _json(await reads.summary())


@router.post("/batch-status", summary="Mudar o status de vários pedidos")
async def batch_status(body: batch.BatchStatusIn, user: CurrentUser) -> dict[str, Any]:
    """Um status para vários pedidos, tudo ou nada, com as mesmas regras de uma alteração."""
    return await writes.batch_status(body, user=user)


# Matched early (routes are searched in order): of the GET routes only /total has the same shape.
@router.get("/{pedido_id}", summary="Obter pedido")
async def get_pedido(pedido_id: PathId, user: CurrentUser) -> Response:
    """Um pedido com seus itens e imagens."""
    return _json(await reads.order_json(pedido_id, user))


@router.get("/status/{status}", summary="Pedidos de um status")
async def pedidos_by_status(status: StatusPath, request: Request, _user: CurrentUser, page: PageDep) -> Response:
    """Pedidos com exatamente esse status (pendente, em_producao, pronto, entregue, cancelado)."""
    return _body(await reads.status_page(status, page, gzip=_gzip_wanted(request)))


@router.delete("/all", summary="Excluir todos os pedidos (admin)")
def delete_all(session: SessionDep, admin: AdminUser, confirm: bool = False) -> dict[str, Any]:
    """Apaga todos os pedidos e suas imagens; exige ?confirm=true."""
    if not confirm:
        raise BadRequest("Confirme a exclusão de todos os pedidos com ?confirm=true.")
    deleted = service.delete_all(session, user=admin)
    return {"message": "Todos os pedidos foram deletados", "total": deleted}


@router.patch("/pedido-itens/{item_id}", summary="Atualizar um item")
async def patch_item(
    item_id: Annotated[int, Path(ge=0, le=MAX_ID * 1000 + 999)],
    user: CurrentUser,
    payload: Annotated[dict[str, Any], Body()],
) -> Response:
    """Altera só os campos enviados de um item, sem tocar nos outros itens do pedido."""
    return _json(await writes.update_item(item_id, payload, user=user))


async def _app_json(request: Request) -> Any:
    """The app's JSON snapshot body, at most 1 MB, read as it streams in."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > SAVE_JSON_MAX_BYTES:
        raise PayloadTooLarge("JSON maior que o limite de 1 MB.")
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > SAVE_JSON_MAX_BYTES:
            raise PayloadTooLarge("JSON maior que o limite de 1 MB.")
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise Unprocessable("Corpo não é um JSON válido.")
    if has_nul(body):
        raise Unprocessable("Caractere NUL (\\u0000) não é permitido.")
    return body


@router.post("/save-json/{pedido_id}", summary="Guardar o JSON do app")
async def save_json(pedido_id: PathId, user: CurrentUser, body: Annotated[Any, Depends(_app_json)]) -> dict[str, Any]:
    """Guarda a cópia do pedido que o app envia (até 1 MB) junto ao histórico."""
    return await writes.save_json(pedido_id, body, user=user)


@router.get("/{pedido_id}/json", summary="Pedido atual (do banco)")
async def get_pedido_json(pedido_id: PathId, user: CurrentUser) -> Response:
    """O pedido como está no banco agora, no mesmo formato de GET /pedidos/{id}."""
    return _json(await reads.order_json(pedido_id, user))


@router.get("/{pedido_id}/historico", summary="Histórico do pedido")
def get_historico(pedido_id: PathId, session: SessionDep, user: CurrentUser) -> Response:
    """Quem mudou o quê e quando: cada campo com o valor antigo e o novo."""
    return _json(draft_service.history_for(session, pedido_id, user=user))


@router.post("/{pedido_id}/promover", summary="Promover rascunho a pedido")
async def promover_rascunho(pedido_id: PathId, user: CurrentUser) -> Response:
    """Transforma o rascunho em pedido, com as verificações da criação e um número novo."""
    return _json(await writes.promote(pedido_id, user=user))


@router.patch(
    "/{pedido_id}",
    summary="Atualizar pedido (parcial)",
    openapi_extra=examples.request_examples(examples.PATCH),
)
async def update_pedido(
    pedido_id: PathId,
    body: PedidoPatch,
    user: CurrentUser,
    if_match: Annotated[str | None, Header()] = None,
) -> Response:
    """Altera os campos enviados; items substitui a lista inteira; If-Match evita sobrescrever."""
    return _json(await writes.update(pedido_id, body, if_match=if_match, user=user))


@router.delete("/{pedido_id}", summary="Excluir pedido (admin; um rascunho também pelo autor)")
def delete_pedido(pedido_id: PathId, session: SessionDep, user: CurrentUser) -> dict[str, str]:
    """Apaga o pedido e suas imagens; o histórico guarda o último estado."""
    draft_service.delete(session, pedido_id, user=user)
    return {"message": "Pedido deletado com sucesso"}
