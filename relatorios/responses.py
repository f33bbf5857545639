"""What every report route shares: its query parameters and how a body leaves (JSON, CSV or PDF)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import orjson
from fastapi import Depends, Query, Response

from relatorios import export, pdf, resumos
from relatorios.filters import Periodo
from relatorios.openapi import DateMode, Filtro, Formato, Status
from relatorios.params import DatasDep

IncluirCancelados = Annotated[bool, Query(description="Inclui os pedidos cancelados nos valores")]

__all__ = ["Formato", "IncluirCancelados", "PeriodoDep", "json_response", "render", "render_closing"]


def json_response(body: Any, headers: dict[str, str] | None = None) -> Response:
    # orjson: the analytic reports carry many rows; numbers keep the original's 10.0 form.
    return Response(orjson.dumps(body), media_type="application/json", headers=headers)


def summary_filter(
    datas: DatasDep,
    date_mode: DateMode = None,
    status: Status = None,
    incluir_cancelados: IncluirCancelados = False,
    cliente: Filtro = None,
) -> Periodo:
    return resumos.parse_periodo(
        **datas.named(),
        date_mode=date_mode,
        status=status,
        incluir_cancelados=incluir_cancelados,
        cliente=cliente,
    )


PeriodoDep = Annotated[Periodo, Depends(summary_filter)]


def render(body: Any, formato: str | None, filename: str) -> Response:
    """JSON, or the same figures as a CSV."""
    if export.parse_formato(formato) == "csv":
        return export.csv_response(filename, *export.summary_table(body))
    return json_response(body)


def render_closing(
    body: Any, kind: str, filename: str, *, table: Callable[[Any], Any], document: Callable[[Any], bytes]
) -> Response:
    """A closing (export.parse_formato's kind): JSON, the CSV of its table(body), or the PDF document(body)."""
    if kind == "csv":
        return export.csv_response(filename, *export.csv_rows(table(body)))
    if kind == "pdf":
        return pdf.pdf_response(filename, document(body))
    return json_response(body)
