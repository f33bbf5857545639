"""`GET /` and `GET /health`: public, for the app's start-up probe and monitoring."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from config import settings
from database import engine as engines
from database.base import utcnow

router = APIRouter(tags=["health"])


def database_ok() -> bool:
    try:
        with engines.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


@router.get("/")
def root() -> dict:
    return {"name": settings.APP_NAME, "version": settings.VERSION, "docs": "/docs"}


@router.get("/health")
def health() -> JSONResponse:
    db_ok = database_ok()
    body = {
        "status": "ok" if db_ok else "degraded",
        "version": settings.VERSION,
        "timestamp": utcnow().isoformat(),
        "checks": {"api": "ok", "database": "ok" if db_ok else "unreachable"},
    }
    return JSONResponse(body, status_code=200 if db_ok else 503)
