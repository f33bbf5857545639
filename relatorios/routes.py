"""The report routers' handler factories: one handler per kind of report route, HTTP only.

No `from __future__ import annotations` here: a factory's handler takes parameter types from the
factory's arguments, and FastAPI needs its annotations as objects (it would look strings up in this
module's globals, where those arguments are not).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response

from auth.dependencies import CurrentUser
from database.pagination import PageDep, set_total
from database.session import SessionDep
from relatorios import openapi as doc
from relatorios import resumos
from relatorios.params import DatasDep
from relatorios.responses import Formato, IncluirCancelados, PeriodoDep, render


@dataclass(frozen=True)
class Options:
    """A summary route's own query parameters: the output format, and its service's extra keywords."""

    formato: str | None
    keywords: dict[str, Any] = field(default_factory=dict)


async def format_only(formato: Formato = None) -> Options:  # async: nothing to wait for, no threadpool hop
    return Options(formato)


@dataclass(frozen=True)
class Summary:
    """One summary route: GET /pedidos/{filename}, the figures compute(session, periodo, **keywords)."""

    filename: str  # the path's last segment and the CSV's name
    compute: Callable[..., Any]
    summary: str
    description: str
    example: Any
    returns: str  # the 200's description
    options: Callable[..., Any] = format_only  # a dependency that reads the route's own parameters
    name: str | None = None  # the operationId's start: the filename's, unless given


def add_summaries(router: APIRouter, summaries: list[Summary]) -> None:
    """Registers each summary: the period (PeriodoDep) and its own parameters in, JSON or CSV out."""
    for route in summaries:
        router.add_api_route(
            f"/pedidos/{route.filename}",
            _summary_endpoint(route),
            name=route.name or _name(route.filename),
            summary=route.summary,
            description=route.description,
            responses=doc.responses(route.example, description=route.returns),
        )


def _summary_endpoint(route: Summary) -> Callable[..., Response]:
    # The options before the period, so the document lists the route's own parameters first.
    def endpoint(
        session: SessionDep,
        _user: CurrentUser,
        options: Annotated[Options, Depends(route.options)],
        periodo: PeriodoDep,
    ) -> Response:
        return render(route.compute(session, periodo, **options.keywords), options.formato, route.filename)

    return endpoint


def add_pedidos(
    router: APIRouter,
    path: str,
    filename: str,
    *,
    date_mode_type: Any,
    default_mode: str | None = None,
    required: bool = False,
    summary: str,
    description: str,
) -> None:
    """Registers a page of the period's orders (without items), oldest first, the total in X-Total-Count.

    date_mode_type documents the date_mode parameter, whose absence means default_mode.
    """

    def endpoint(
        session: SessionDep,
        _user: CurrentUser,
        page: PageDep,
        datas: DatasDep,
        date_mode: date_mode_type = None,
        status: doc.Status = None,
        cliente: doc.Filtro = None,
        incluir_cancelados: IncluirCancelados = True,
        formato: Formato = None,
    ) -> Response:
        periodo = resumos.parse_periodo(
            **datas.named(),
            date_mode=date_mode or default_mode,
            status=status,
            incluir_cancelados=incluir_cancelados,
            cliente=cliente,
            required=required,
        )
        total, pedidos = resumos.relatorio_semanal(session, periodo, skip=page.skip, limit=page.limit)
        result = render(pedidos, formato, filename)
        set_total(result, total)
        return result

    router.add_api_route(
        path,
        endpoint,
        name=_name(filename),
        summary=summary,
        description=description,
        responses=doc.responses([doc.PEDIDO], description="Os pedidos, como o JSON de pedido"),
    )


def _name(filename: str) -> str:
    return filename.replace("-", "_")
