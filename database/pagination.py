"""The one pagination helper: skip/limit parameters and the X-Total-Count header."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends, Path, Query, Response
from pydantic import BaseModel, Field
from sqlalchemy import Select, func, select
from sqlmodel import Session

T = TypeVar("T")

TOTAL_HEADER = "X-Total-Count"
MAX_ID = 2_147_483_647  # INTEGER columns on PostgreSQL: larger ids are simply not found

# A row id in a path: out-of-range values are a 422, never a database error.
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]


@dataclass(frozen=True)
class Page:
    skip: int = 0
    limit: int | None = None


MAX_PAGE = 100_000
MAX_SEARCH = 200

# Free-text filters: a very long one is a 422, not a slow scan.
SearchText = Annotated[str | None, Query(max_length=MAX_SEARCH, description="Busca (até 200 caracteres)")]
# The same inside a query-parameter model.
SearchField = Annotated[str | None, Field(max_length=MAX_SEARCH, description="Busca (até 200 caracteres)")]


class PageQuery(BaseModel):
    """skip/limit: the one definition of a page's query parameters."""

    skip: int = Field(default=0, ge=0, le=MAX_ID, description="Registros a pular")
    limit: int | None = Field(
        default=None, ge=1, le=MAX_ID, description=f"Máximo de registros (acima de {MAX_PAGE} vale {MAX_PAGE})"
    )

    def page(self) -> Page:
        # Above the maximum the page is capped rather than refused: the app asks for "limit=page+1".
        return Page(skip=self.skip, limit=None if self.limit is None else min(self.limit, MAX_PAGE))


# Async: pure validation, so no threadpool hop. (The order list reads PageQuery through query.from_query.)
async def page_params(params: Annotated[PageQuery, Query()]) -> Page:
    return params.page()


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


def with_total(response: Response, found: tuple[list[T], int]) -> list[T]:
    """A page's rows, its total (a service's `(rows, total)`) set in X-Total-Count."""
    rows, total = found
    set_total(response, total)
    return rows
