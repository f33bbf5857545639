"""One handler served at a second method or router: the original and today's app call some routes two ways."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter


def alias(router: APIRouter, method: str, path: str, *, summary: str, same_as: str, **options: Any) -> Callable:
    """Decorator: also serve the handler at `method path` on `router`; /docs says which route it repeats."""
    return router.api_route(
        path, methods=[method], summary=f"{summary} ({method})", description=f"O mesmo que {same_as}.", **options
    )
