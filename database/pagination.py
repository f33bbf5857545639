"""The one pagination helper: skip/limit parameters and the X-Total-Count header."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Response
from sqlalchemy import Select, func, select
from sqlmodel import Session

TOTAL_HEADER = "X-Total-Count"


@dataclass(frozen=True)
class Page:
    skip: int = 0
    limit: int | None = None


def page_params(
    skip: Annotated[int, Query(ge=0, description="Registros a pular")] = 0,
    limit: Annotated[int | None, Query(ge=1, le=100_000, description="Máximo de registros")] = None,
) -> Page:
    return Page(skip=skip, limit=limit)


PageDep = Annotated[Page, Depends(page_params)]


def count(session: Session, statement: Select) -> int:
    """Total rows the statement would return, ignoring its order/offset/limit."""
    inner = statement.order_by(None).limit(None).offset(None).subquery()
    return session.execute(select(func.count()).select_from(inner)).scalar_one()


def apply_page(statement: Select, page: Page) -> Select:
    if page.skip:
        statement = statement.offset(page.skip)
    if page.limit is not None:
        statement = statement.limit(page.limit)
    return statement


def set_total(response: Response, total: int) -> None:
    response.headers[TOTAL_HEADER] = str(total)
