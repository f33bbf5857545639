"""What every report route shares: its query parameters and how a body leaves (JSON or CSV)."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import Depends, Query, Response

from relatorios import export, resumos
from relatorios.filters import Periodo

Texto = Annotated[str | None, Query()]
Formato = Annotated[str | None, Query(description="json (padrão), csv ou pdf")]


def json_response(body: Any, headers: dict[str, str] | None = None) -> Response:
    # orjson: the analytic reports carry many rows; numbers keep the original's 10.0 form.
    return Response(orjson.dumps(body), media_type="application/json", headers=headers)


def summary_filter(
    data_inicio: Texto = None,
    data_fim: Texto = None,
    date_mode: Annotated[str | None, Query(description="entrada (padrão), entrega ou qualquer")] = None,
    status: Annotated[str | None, Query(description="Todos, Pendente, Em Processamento, Concluido, Cancelado")] = None,
    incluir_cancelados: bool = False,
    cliente: Texto = None,
) -> Periodo:
    return resumos.parse_periodo(
        data_inicio=data_inicio,
        data_fim=data_fim,
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
