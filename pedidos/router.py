"""/pedidos: HTTP only. Fixed paths are declared before /{pedido_id} so they are not shadowed."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Body, Depends, Header, Path, Request, Response
from sqlalchemy import Connection
from sqlmodel import Session

import query
from auth.dependencies import Access, AccessDep, AdminUser, CurrentUser, WriterAccessDep
from auth.models import User
from database.pagination import TOTAL_HEADER, Page, PageDep, PageQuery
from database.session import SessionDep
from errors import ERROR_RESPONSES, BadRequest, PayloadTooLarge, Unprocessable
from pedidos import draft_service, page_cache, service
from pedidos.drafts import DraftCreate, PedidoPatch
from pedidos.listing import Filters, list_entries
from pedidos.schemas import MAX_ID, STATUSES, PathId, PedidoCreate, has_nul
from pedidos.serialize import Entry, gzip_array, join_array

# Its routes are added to the app as its own (main.create_app): the error responses are documented here.
router = APIRouter(prefix="/pedidos", tags=["pedidos"], responses=ERROR_RESPONSES)

SAVE_JSON_MAX_BYTES = 1024 * 1024
GZIP_OWN_MIN_ORDERS = 20
# Longer cached pages are still joined (and gzipped) in a worker thread, off the event loop.
ON_LOOP_MAX_ORDERS = 200


def _json(body: bytes | dict | list) -> Response:
    content = body if isinstance(body, bytes) else orjson.dumps(body)
    return Response(content, media_type="application/json")


def _gzip_wanted(request: Request) -> bool:
    return "gzip" in request.headers.get("accept-encoding", "")


def _list_response(request: Request, entries: list[Entry], total: int) -> Response:
    """Large lists are gzipped from cached per-order pieces (the middleware's deflate costs seconds on
    the app's "all orders" call); the middleware passes responses that already carry Content-Encoding."""
    headers = {TOTAL_HEADER: str(total)}
    if len(entries) >= GZIP_OWN_MIN_ORDERS and _gzip_wanted(request):
        headers.update({"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
        return Response(gzip_array(entries), media_type="application/json", headers=headers)
    return Response(join_array(entries), media_type="application/json", headers=headers)


def _page(connection: Connection, request: Request, filters: Filters, page: Page, version: Any) -> Response:
    # Runs in the worker thread: gzip of a long list is CPU work that must not hold the event loop.
    found = page_cache.get(version, (filters, page))
    if found is None:
        # A long page for a gzip client needs only the pieces (served from this page's cache to a
        # client without gzip later, its orders are inflated then: each time, so not for short pages).
        long_page = page.limit is None or page.limit > ON_LOOP_MAX_ORDERS
        found = list_entries(connection, filters, page, inflate=not (long_page and _gzip_wanted(request)))
        page_cache.put(version, (filters, page), found)
    return _list_response(request, *found)


def _cached_page(request: Request, access: Access, key: Any) -> Response | None:
    """A short cached page for a user checked since the last change: served without a thread hop."""
    found = page_cache.get(access.version, key) if access.checked_user else None
    if found is None or len(found[0]) > ON_LOOP_MAX_ORDERS:
        return None
    return _list_response(request, *found)


def _order(connection: Connection, pedido_id: int, access: Access) -> Response:
    return _json(service.get_bytes(connection, pedido_id, user=access.checked_user, token=access.token))


async def _order_response(access: Access, pedido_id: int) -> Response:
    body = access.read_driver(service.stored_bytes, pedido_id, access.checked_user)
    return _json(body) if body is not None else await access.read_now(_order, pedido_id, access)


# The hot reads are async and take AccessDep: user check and query in one threadpool hop, or none.
@router.get("", summary="Listar pedidos", openapi_extra={"parameters": query.parameters(PageQuery, Filters)})
async def list_pedidos(
    request: Request,
    access: AccessDep,
    page_query: Annotated[PageQuery, Depends(query.from_query(PageQuery))],
    filters: Annotated[Filters, Depends(query.from_query(Filters))],
) -> Response:
    page = page_query.page()
    cached = _cached_page(request, access, (filters, page))
    return cached or await access.read(_page, request, filters, page, access.version)


def _create(session: Session, body: PedidoCreate, *, user: User) -> Response:
    return _json(service.create(session, body, user=user))


@router.post("", summary="Criar pedido")
async def create_pedido(body: PedidoCreate, access: WriterAccessDep) -> Response:
    # The write in one hop: SQLite's write lock is held only while the order is really being written.
    return await access.write(_create, body)


def _create_draft(session: Session, body: DraftCreate, *, user: User) -> Response:
    return _json(draft_service.create(session, body, user=user))


@router.post("/rascunho", summary="Salvar rascunho (sem os campos obrigatórios)")
async def create_rascunho(body: DraftCreate, access: WriterAccessDep) -> Response:
    return await access.write(_create_draft, body)


@router.get("/rascunhos", summary="Listar rascunhos (os seus; todos para admin)")
def list_rascunhos(request: Request, session: SessionDep, user: CurrentUser, page: PageDep) -> Response:
    return _list_response(request, *draft_service.list_for(session, user=user, page=page))


@router.get("/total")
def total_pedidos(session: SessionDep, _user: CurrentUser) -> dict[str, int]:
    return {"total": service.total(session)}


# Matched early (routes are searched in order): of the GET routes only /total has the same shape.
@router.get("/{pedido_id}", summary="Obter pedido")
async def get_pedido(pedido_id: PathId, access: AccessDep) -> Response:
    return await _order_response(access, pedido_id)


@router.get("/status/{status}")
async def pedidos_by_status(status: str, request: Request, access: AccessDep, page: PageDep) -> Response:
    return await access.read(_status_page, request, status, page, access.version)


def _status_page(connection: Connection, request: Request, status: str, page: Page, version: Any) -> Response:
    # Validated after the user check (in access.read): a stopped user gets 401, not 400.
    if status not in STATUSES:
        raise BadRequest(f"Status inválido: use {', '.join(STATUSES)}.")
    return _page(connection, request, Filters(status=(status,)), page, version)


@router.delete("/all", summary="Excluir todos os pedidos (admin)")
def delete_all(session: SessionDep, admin: AdminUser, confirm: bool = False) -> dict[str, Any]:
    if not confirm:
        raise BadRequest("Confirme a exclusão de todos os pedidos com ?confirm=true.")
    deleted = service.delete_all(session, user=admin)
    return {"message": "Todos os pedidos foram deletados", "total": deleted}


def _update_item(session: Session, item_id: int, payload: dict[str, Any], *, user: User) -> Response:
    return _json(service.update_item(session, item_id, payload, user=user))


@router.patch("/pedido-itens/{item_id}", summary="Atualizar um item")
async def patch_item(
    item_id: Annotated[int, Path(ge=0, le=MAX_ID * 1000 + 999)],
    access: WriterAccessDep,
    payload: Annotated[dict[str, Any], Body()],
) -> Response:
    return await access.write(_update_item, item_id, payload)


@router.post("/save-json/{pedido_id}")
async def save_json(pedido_id: PathId, request: Request, session: SessionDep, user: CurrentUser) -> dict[str, Any]:
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
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(service.save_json, session, pedido_id, body, user=user)


@router.get("/{pedido_id}/json", summary="Pedido atual (do banco)")
async def get_pedido_json(pedido_id: PathId, access: AccessDep) -> Response:
    return await _order_response(access, pedido_id)


@router.get("/{pedido_id}/historico", summary="Histórico do pedido")
def get_historico(pedido_id: PathId, session: SessionDep, user: CurrentUser) -> Response:
    return _json(draft_service.history_for(session, pedido_id, user=user))


def _promote(session: Session, pedido_id: int, *, user: User) -> Response:
    return _json(draft_service.promote(session, pedido_id, user=user))


@router.post("/{pedido_id}/promover", summary="Promover rascunho a pedido")
async def promover_rascunho(pedido_id: PathId, access: WriterAccessDep) -> Response:
    return await access.write(_promote, pedido_id)


def _update(session: Session, pedido_id: int, body: PedidoPatch, if_match: str | None, *, user: User) -> Response:
    return _json(service.update(session, pedido_id, body, user=user, if_match=if_match))


@router.patch("/{pedido_id}", summary="Atualizar pedido (parcial)")
async def update_pedido(
    pedido_id: PathId,
    body: PedidoPatch,
    access: WriterAccessDep,
    if_match: Annotated[str | None, Header()] = None,
) -> Response:
    # The stage changes the staff click all day: one hop, as a create (see Access).
    return await access.write(_update, pedido_id, body, if_match)


@router.delete("/{pedido_id}", summary="Excluir pedido (admin; um rascunho também pelo autor)")
def delete_pedido(pedido_id: PathId, session: SessionDep, user: CurrentUser) -> dict[str, str]:
    draft_service.delete(session, pedido_id, user=user)
    return {"message": "Pedido deletado com sucesso"}
