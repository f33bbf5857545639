"""The query parameters report routes share: both date pairs, the name filters, and no unknown names.

The app sends `start_date`/`end_date`, the seed's summaries `data_inicio`/`data_fim`; every report
route takes either pair (`Datas`). A misspelt parameter used to be ignored silently (a wrong date
name gave all-time totals): `known_parameters`, a dependency of every report router, refuses any
query name the route does not declare, with a 422 that names it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from pydantic import BaseModel

from errors import Unprocessable
from relatorios import openapi

# (name, alias): the first name is the one messages use by default.
START = ("start_date", "data_inicio")
END = ("end_date", "data_fim")

DataTexto = Annotated[str | None, Query(description=openapi.DATA, openapi_examples=openapi.DATE_EXAMPLES)]


@dataclass(frozen=True)
class Datas:
    """The period's two dates as sent (text, validated by the report), and the names they came under."""

    start: str | None
    end: str | None
    start_name: str
    end_name: str

    def named(self) -> dict[str, str | None]:
        """The keywords of resumos.parse_periodo / fechamento.parse_request's dates."""
        return {
            "data_inicio": self.start,
            "data_fim": self.end,
            "start_name": self.start_name,
            "end_name": self.end_name,
        }


def _one(pair: tuple[str, str], values: tuple[str | None, str | None]) -> tuple[str | None, str]:
    """The value of a date sent under either name; the name it came under (both names when absent)."""
    given = [(name, value.strip()) for name, value in zip(pair, values, strict=True) if value and value.strip()]
    if not given:
        return None, f"{pair[0]} (ou {pair[1]})"
    if len(given) == 2 and given[0][1][:10] != given[1][1][:10]:
        raise Unprocessable(
            f"{pair[0]} ({given[0][1]}) e {pair[1]} ({given[1][1]}) são a mesma data com nomes diferentes "
            "e divergem: envie só um deles"
        )
    return given[0][1], given[0][0]


async def datas(  # async: pure validation, so no threadpool hop
    start_date: DataTexto = None,
    end_date: DataTexto = None,
    data_inicio: DataTexto = None,
    data_fim: DataTexto = None,
) -> Datas:
    start, start_name = _one(START, (start_date, data_inicio))
    end, end_name = _one(END, (end_date, data_fim))
    return Datas(start, end, start_name, end_name)


DatasDep = Annotated[Datas, Depends(datas)]


@dataclass(frozen=True)
class Nomes:
    """The Fechamentos page's name filters, each a part of a name (case and accents ignored)."""

    vendedor: str | None
    designer: str | None
    cliente: str | None


async def nomes(  # async: nothing to wait for, no threadpool hop
    vendedor: openapi.Filtro = None, designer: openapi.Filtro = None, cliente: openapi.Filtro = None
) -> Nomes:
    return Nomes(vendedor, designer, cliente)


NomesDep = Annotated[Nomes, Depends(nomes)]


# id(route) → (route, the query names it declares: its own and its dependencies'), worked out on the
# route's first request. The route is kept in the entry so its id cannot be reused (APIRoute is unhashable).
_DECLARED: dict[int, tuple[Any, frozenset[str]]] = {}


def _declared(route: Any) -> frozenset[str]:
    entry = _DECLARED.get(id(route))
    if entry is not None and entry[0] is route:
        return entry[1]
    found: set[str] = set()
    pending = [route.dependant]
    while pending:
        dependant = pending.pop()
        pending.extend(dependant.dependencies)
        for field in dependant.query_params:
            model = field.field_info.annotation
            if isinstance(model, type) and issubclass(model, BaseModel):  # a query-parameter model
                found.update(info.alias or name for name, info in model.model_fields.items())
            else:
                found.add(field.alias)
    names = frozenset(found)
    _DECLARED[id(route)] = (route, names)
    return names


async def known_parameters(request: Request) -> None:
    """422 naming every query parameter the route does not declare (async: no threadpool hop)."""
    route = request.scope.get("route")
    if route is None or not request.query_params:
        return
    declared = _declared(route)
    unknown = [name for name in dict.fromkeys(request.query_params) if name not in declared]
    if unknown:
        plural = "s desconhecidos" if len(unknown) > 1 else " desconhecido"
        raise Unprocessable(
            f"Parâmetro{plural}: {', '.join(unknown)}. Aceitos nesta rota: {', '.join(sorted(declared)) or 'nenhum'}"
        )


KNOWN_PARAMETERS = [Depends(known_parameters)]
