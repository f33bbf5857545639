"""`GET /`, `GET /health` and `GET /health/ready`: public, for the app's start-up probe and monitoring.

/health says the process answers and reaches its database and media; /health/ready says it can take
traffic: the schema at the migrations' head, media writable, disk space above READY_MIN_FREE_DISK_MB.
Neither names a path, a revision or a setting's value.
"""

from __future__ import annotations

import secrets
import shutil
from functools import cache
from pathlib import Path

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


@cache
def _migration_heads() -> frozenset[str]:
    # The migration scripts do not change while the process runs.
    from alembic.script import ScriptDirectory

    from database.migrate import alembic_config

    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def migrations_at_head() -> bool:
    with engines.engine.connect() as connection:
        applied = {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}
    return applied == _migration_heads()


def media_writable() -> bool:
    """A small object written and removed, through the configured backend (folder or bucket)."""
    from storage import media

    key = f"_pronto/{secrets.token_hex(8)}.txt"
    try:
        backend = media()
        backend.put(key, b"ok", content_type="text/plain")
        backend.delete(key)
    except Exception:
        return False
    return True


def _local_data_dirs() -> list[Path]:
    folders = [settings.log_dir]
    if settings.is_sqlite:
        folders.append(Path(settings.database_url.split(":///", 1)[-1]).parent)
    if settings.MEDIA_STORAGE == "local":
        folders.append(settings.media_root)
    return folders


def disk_space_ok() -> bool:
    minimum = settings.READY_MIN_FREE_DISK_MB * 1024 * 1024
    for folder in _local_data_dirs():
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent  # not made yet: the disk it will be on
        try:
            if shutil.disk_usage(folder).free < minimum:
                return False
        except OSError:
            return False
    return True


@router.get(
    "/health/ready",
    summary="Pronto para receber tráfego",
    description="200 quando banco, migrações, mídia e espaço em disco estão ok; senão 503 com os que falharam.",
)
def ready() -> JSONResponse:
    """200 when every check passes, else 503 naming the failing ones in `failing`."""
    checks = {"database": "ok" if database_ok() else "unreachable"}
    if checks["database"] == "ok":
        try:
            checks["migrations"] = "ok" if migrations_at_head() else "behind"
        except Exception:
            checks["migrations"] = "behind"  # no alembic_version table: never migrated
    else:
        checks["migrations"] = "unknown"
    checks["storage"] = "ok" if media_writable() else "not_writable"
    checks["disk"] = "ok" if disk_space_ok() else "low"
    failing = [name for name, state in checks.items() if state not in ("ok", "unknown")]
    body = {
        "status": "ready" if not failing else "not_ready",
        "version": settings.VERSION,
        "timestamp": utcnow().isoformat(),
        "checks": checks,
        "failing": failing,
    }
    return JSONResponse(body, status_code=200 if not failing else 503)
