"""A request id on every request, in the X-Request-ID header and in every log line."""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import uuid
from contextvars import ContextVar

from config import settings

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class RequestIdMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        incoming = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex[:16]
        token = request_id_var.set(request_id)

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [(b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id_var.reset(token)


LOG_FORMAT = "%(asctime)s %(levelname)s [%(name)s] [rid=%(request_id)s] %(message)s"


def setup_logging() -> None:
    """Console plus a rotating file in shared/logs/, at LOG_LEVEL."""
    root = logging.getLogger()
    if getattr(root, "_sgp_configured", False):
        return
    level = getattr(logging, settings.LOG_LEVEL.upper(), logging.INFO)
    formatter = logging.Formatter(LOG_FORMAT)
    id_filter = RequestIdFilter()
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    try:
        settings.log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                settings.log_dir / "sgp.log", maxBytes=10 * 1024 * 1024, backupCount=10, encoding="utf-8"
            )
        )
    except OSError as exc:  # a read-only disk must not stop the API
        print(f"Aviso: sem log em arquivo ({exc})", file=sys.stderr)
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(id_filter)
        root.addHandler(handler)
    root.setLevel(level)
    root._sgp_configured = True  # type: ignore[attr-defined]
