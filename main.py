"""SGP API: create_app() wires routers, error handlers, middleware and the lifespan."""

from __future__ import annotations

import gc
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from auth.dependencies import MetricsReader
from config import settings
from docs import add_docs
from errors import ERROR_RESPONSES, AppError, validation_detail
from middleware.body_limit import BodyLimitMiddleware
from middleware.cors import add_cors
from middleware.metrics import MetricsMiddleware, render_metrics
from middleware.nul_guard import NulGuardMiddleware
from middleware.request_id import RequestIdMiddleware, request_id_var, setup_logging
from middleware.trailing_slash import TrailingSlashMiddleware

logger = logging.getLogger("sgp")


def _routers():
    from auth.router import me_router
    from auth.router import router as auth_router
    from auth.users_router import admin_router
    from auth.users_router import router as users_router
    from automacao.router import router as automacao_router
    from cadastros.registry import routers as cadastros_routers
    from designers.router import router as designers_router
    from fichas.router import router as fichas_router
    from fichas.templates_router import router as fichas_templates_router
    from health import router as health_router
    from maquinas.router import print_logs_router
    from maquinas.router import router as maquinas_router
    from materiais.router import router as materiais_router
    from notificacoes.router import api_router as notificacoes_api_router
    from notificacoes.router import router as notificacoes_router
    from pedidos.media.router import router as pedidos_media_router
    from pedidos.orders.reset_ids_router import router as pedidos_reset_ids_router
    from pedidos.orders.router import router as pedidos_router
    from pedidos.realtime.ws_router import router as ws_router
    from pedidos.reposicoes.router import router as reposicoes_router
    from relatorios.envios_router import router as envios_router
    from relatorios.envios_router import templates_router as relatorios_templates_router
    from relatorios.painel_router import router as relatorios_painel_router
    from relatorios.router import router as relatorios_router
    from safira.router import router as safira_router

    # Routes are matched in order: the app's hottest (orders) first. No order route's path matches
    # one of the media routes' (/pedidos/imagens/..., /pedidos/media/..., /pedidos/{id}/imagens,
    # /pedidos/order-items/...): tests/pedidos/test_images.py goes through each.
    return [
        pedidos_router,
        pedidos_media_router,
        health_router,
        auth_router,
        me_router,
        users_router,
        admin_router,
        maquinas_router,
        print_logs_router,
        materiais_router,  # before the CRUD: /materiais/{record_id} would take /materiais/stats
        *cadastros_routers(),
        designers_router,
        notificacoes_router,
        notificacoes_api_router,
        fichas_templates_router,  # before /fichas/{ficha_id}, which would take "templates"
        fichas_router,
        relatorios_router,
        envios_router,
        relatorios_templates_router,
        relatorios_painel_router,
        safira_router,
        pedidos_reset_ids_router,
        ws_router,
        reposicoes_router,
        automacao_router,
    ]


@asynccontextmanager
async def lifespan(app: FastAPI):
    from starlette.concurrency import run_in_threadpool

    from database import checkpointer as checkpoints
    from init_db import init_db
    from listen import refuse_weak_secret
    from notificacoes import scheduler
    from pedidos.realtime.dispatcher import notifier

    refuse_weak_secret()  # the process's own command line: `uvicorn main:app --host 0.0.0.0` too
    setup_logging()
    await run_in_threadpool(init_db)
    from storage.startup import refuse_unreachable_storage

    await run_in_threadpool(refuse_unreachable_storage)
    logger.info("SGP %s iniciado (%s)", settings.VERSION, "SQLite" if settings.is_sqlite else "PostgreSQL")
    await notifier.start()
    checkpointer = checkpoints.start()
    overdue_check = scheduler.start()
    # What exists now (modules, routes, ORM mappings: ~200k objects) lives as long as the process.
    # Frozen, it is no longer scanned by every full collection: those paused the server ~100 ms,
    # several times a minute under load (the order list's p99).
    gc.freeze()
    try:
        yield
    finally:
        await scheduler.stop(overdue_check)
        await notifier.stop()
        if checkpointer is not None:
            await run_in_threadpool(checkpointer.stop)


def add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def app_error(_request: Request, exc: AppError):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def request_validation_error(_request: Request, exc: RequestValidationError):
        return JSONResponse({"detail": validation_detail(exc.errors())}, status_code=422)

    @app.exception_handler(ValidationError)
    async def validation_error(_request: Request, exc: ValidationError):
        return JSONResponse({"detail": validation_detail(exc.errors())}, status_code=422)

    @app.exception_handler(DataError)
    async def database_data_error(request: Request, exc: DataError):
        # Input the database cannot store (a NUL character, a number out of range): the client's
        # data is at fault, and the transaction was rolled back.
        logger.warning("Dado recusado pelo banco em %s %s: %s", request.method, request.url.path, exc.orig)
        return JSONResponse({"detail": "Dados inválidos: valor não aceito pelo banco de dados"}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception):
        logger.exception("Erro inesperado em %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "Erro interno do servidor", "request_id": request_id_var.get()}, status_code=500)


def create_app() -> FastAPI:
    app = FastAPI(
        title=settings.APP_NAME,
        version=settings.VERSION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        redirect_slashes=False,
    )
    add_error_handlers(app)
    from pedidos.orders.router import router as pedidos_router

    for router in _routers():
        if router is pedidos_router:
            # The order routes as the app's own (their router documents ERROR_RESPONSES itself): FastAPI
            # matches an included router's routes again when it handles the request, ~20 µs per pass
            # for these (10-15% of GET /pedidos/{id}, the app's busiest call).
            app.router.routes.extend(router.routes)
        else:
            app.include_router(router, responses=ERROR_RESPONSES)
    add_docs(app)  # after the API's routes, which every request is matched against first

    @app.get("/metrics", include_in_schema=False)
    def metrics(_reader: MetricsReader) -> Response:
        body, content_type = render_metrics()
        return Response(body, media_type=content_type)

    # Outermost last: request id → trailing slash → metrics → body limit → NUL guard → CORS → gzip → app.
    app.add_middleware(GZipMiddleware, minimum_size=100)
    add_cors(app)
    app.add_middleware(NulGuardMiddleware)
    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(MetricsMiddleware)
    app.add_middleware(TrailingSlashMiddleware)
    app.add_middleware(RequestIdMiddleware)
    return app


app = create_app()
