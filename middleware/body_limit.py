"""Refuse request bodies over MAX_REQUEST_BODY_MB before they are read whole.

A declared Content-Length over the limit is answered at once; a body sent without one (chunked)
is counted as it arrives and cut off at the limit, so a client can never make a worker buffer more.
"""

from __future__ import annotations

import orjson

from config import settings


class BodyTooLarge(Exception):
    pass


def _detail() -> bytes:
    return orjson.dumps({"detail": f"Corpo da requisição maior que o limite de {settings.MAX_REQUEST_BODY_MB} MB."})


class BodyLimitMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = settings.MAX_REQUEST_BODY_MB * 1024 * 1024
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return await _refuse(send)
        received = 0
        started = False

        async def counting_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _refuse(send)


async def _refuse(send) -> None:
    body = _detail()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
