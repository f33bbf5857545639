"""Refuse NUL characters in JSON bodies, query strings and paths with one 422.

PostgreSQL cannot store U+0000 in text and SQLite would store it silently; refusing it at the
door gives the same answer on both databases. In JSON a NUL can only arrive as the escape
\\u0000 (raw control characters are invalid JSON), so the check is a scan of the raw bytes.
"""

from __future__ import annotations

import re

import orjson

# \u0000 preceded by an even number of backslashes (an odd number would escape the backslash itself).
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
_DETAIL = orjson.dumps({"detail": "Caractere nulo (\\u0000) não é aceito em textos."})


class NulGuardMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if b"%00" in scope.get("query_string", b"") or b"%00" in (scope.get("raw_path") or b""):
            return await _refuse(send)
        headers = dict(scope.get("headers") or [])
        if b"json" not in headers.get(b"content-type", b""):
            return await self.app(scope, receive, send)
        chunks, more = [], True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return await self.app(scope, _replay([message]), send)
            chunks.append(message)
            more = message.get("more_body", False)
        body = b"".join(m.get("body", b"") for m in chunks)
        if b"\\u0000" in body and _JSON_NUL.search(body):
            return await _refuse(send)
        await self.app(scope, _replay(chunks, receive), send)


def _replay(messages, then=None):
    pending = list(messages)

    async def receive():
        if pending:
            return pending.pop(0)
        if then is not None:
            return await then()
        return {"type": "http.disconnect"}

    return receive


async def _refuse(send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 422,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(_DETAIL)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": _DETAIL})
