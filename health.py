"""`GET /` and `GET /health`: public, for the app's start-up probe and monitoring."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from config import settings
from database import engine as engines
from database.base import utcnow

router = APIRouter(tags=["Sistema"])


def database_ok() -> bool:
    try:
        with engines.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


@router.get("/", summary="Identificação da API", description="Nome, versão e endereço da documentação.")
def root() -> dict:
    return {"name": settings.APP_NAME, "version": settings.VERSION, "docs": "/docs"}


def storage_ok() -> bool:
    from storage import check

    return check() is None


@router.get(
    "/health",
    summary="Saúde do servidor",
    description="Verifica o banco e o armazenamento de mídia; 503 com degraded quando um deles falha.",
)
def health() -> JSONResponse:
    db_ok, media_ok = database_ok(), storage_ok()
    healthy = db_ok and media_ok
    body = {
        "status": "ok" if healthy else "degraded",
        "version": settings.VERSION,
        "timestamp": utcnow().isoformat(),
        "checks": {
            "api": "ok",
            "database": "ok" if db_ok else "unreachable",
            "storage": "ok" if media_ok else "unreachable",
        },
        "storage": settings.MEDIA_STORAGE,
    }
    return JSONResponse(body, status_code=200 if healthy else 503)
