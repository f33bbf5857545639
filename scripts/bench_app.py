"""The API plus the framework's floor, for benchmarks only (`uvicorn scripts.bench_app:app`).

The floor route has an async dependency and returns bytes kept in memory: what any FastAPI
endpoint costs before it does any work. The bench script stores the real responses it compares
against in SGP_BENCH_FLOOR_DIR/<name>.json.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Response

from main import app

_cache: dict[str, bytes] = {}


async def floor_body(name: str) -> bytes:
    if name not in _cache:
        _cache[name] = (Path(os.environ["SGP_BENCH_FLOOR_DIR"]) / f"{name}.json").read_bytes()
    return _cache[name]


@app.get("/__bench/floor/{name}", include_in_schema=False)
async def floor(body: Annotated[bytes, Depends(floor_body)]) -> Response:
    return Response(body, media_type="application/json")


# Matched first, like the app's own hottest routes (main._routers): the floor pays no route search.
app.router.routes.insert(0, app.router.routes.pop())
