"""The report routes' OpenAPI text: parameter descriptions, the closed sets as enums, examples.

Documentation only: the values are still checked by the reports themselves (the original's 400s),
so an enum here never turns a 400 into FastAPI's 422.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Query
from pydantic import WithJsonSchema

from database.pagination import MAX_SEARCH

TAG = "Relatórios"

DATA = (
    "Data AAAA-MM-DD. start_date/end_date e data_inicio/data_fim são sinônimos: envie um nome de cada par "
    "(os dois com datas diferentes → 422)"
)
DATE_EXAMPLES = {"janeiro": {"summary": "Início de janeiro de 2026", "value": "2026-01-01"}}

REPORT_TYPES = [
    "analitico_designer_cliente",
    "analitico_cliente_designer",
    "analitico_cliente_painel",
    "analitico_designer_painel",
    "analitico_entrega_painel",
    "analitico_vendedor_designer",
    "analitico_designer_vendedor",
    "sintetico_data",
    "sintetico_data_entrada",
    "sintetico_data_entrega",
    "sintetico_designer",
    "sintetico_vendedor",
    "sintetico_vendedor_designer",
    "sintetico_cliente",
    "sintetico_entrega",
]
DATE_MODES = ["entrada", "entrega", "qualquer"]
STATUS = ["Todos", "Pendente", "Em Processamento", "Concluido", "Pronto", "Entregue", "Cancelado"]
FRETE_DISTRIBUTIONS = ["por_pedido", "proporcional"]
AGRUPAMENTOS = ["dia", "semana", "mes"]
CATEGORIES = ["vendedor", "designer", "cliente", "tipo_producao"]


def _choice(values: list[str], description: str) -> Any:
    """An optional text parameter documented as an enum (checked by the report, not by FastAPI)."""
    return Annotated[
        str | None,
        WithJsonSchema({"type": "string", "enum": values}),
        Query(description=description, openapi_examples={values[0]: {"value": values[0]}}),
    ]


ReportType = _choice(REPORT_TYPES, "Tipo do relatório de fechamento (obrigatório)")
DateModeFechamento = _choice(
    DATE_MODES, "Data de referência: entrada, entrega ou qualquer (ausente: entrega, senão entrada)"
)
DateMode = _choice(DATE_MODES, "Data de referência: entrada (padrão), entrega ou qualquer")
DateModeEnvios = _choice(DATE_MODES, "Data de referência: entrega (padrão), entrada ou qualquer")
Status = _choice(STATUS, "Status (maiúsculas e acentos ignorados; aceita também pendente, em_producao, ...)")
FreteDistribution = _choice(FRETE_DISTRIBUTIONS, "Frete: por_pedido (padrão) ou proporcional ao valor dos itens")
Agrupamento = _choice(AGRUPAMENTOS, "Agrupamento da tendência: dia (padrão), semana ou mes")
Formato = _choice(["json", "csv"], "json (padrão) ou csv (pt-BR: ponto e vírgula, vírgula decimal)")
FormatoPdf = _choice(["json", "csv", "pdf"], "json (padrão), csv (pt-BR) ou pdf")
Filtro = Annotated[
    str | None, Query(max_length=MAX_SEARCH, description="Trecho do nome (maiúsculas e acentos ignorados; até 200)")
]
Category = Annotated[
    str, WithJsonSchema({"type": "string", "enum": CATEGORIES}), Path(description="Categoria do ranking")
]

_FILTROS = {
    "data_inicio": "2026-01-01",
    "data_fim": "2026-01-31",
    "date_mode": "entrada",
    "status": None,
    "incluir_cancelados": False,
    "cliente": None,
}
CSV = "text/csv"
PDF = "application/pdf"


def responses(example: Any, *, description: str, csv: bool = True, pdf: bool = False) -> dict[int | str, Any]:
    """The 200 of a report route: its JSON example, and the CSV/PDF it can answer instead."""
    content: dict[str, Any] = {"application/json": {"example": example}}
    if csv:
        content[CSV] = {"schema": {"type": "string"}}
    if pdf:
        content[PDF] = {"schema": {"type": "string", "format": "binary"}}
    return {200: {"description": description, "content": content}}


FECHAMENTO = {
    "title": "Relatório Analítico — Designer × Cliente",
    "period_label": "Período: 01/01/2026 - 31/01/2026",
    "status_label": "Status: Todos",
    "page": 1,
    "generated_at": "02/02/2026, 10:00:00",
    "report_type": "analitico_designer_cliente",
    "groups": [
        {
            "key": "designer-ana",
            "label": "Designer: Ana",
            "rows": [],
            "subgroups": [
                {
                    "key": "cliente-x",
                    "label": "Cliente: X",
                    "rows": [
                        {"ficha": "0000000113", "descricao": "Painel", "valor_frete": 10.0, "valor_servico": 90.0}
                    ],
                    "subtotal": {"valor_frete": 10.0, "valor_servico": 90.0},
                }
            ],
            "subtotal": {"valor_frete": 10.0, "valor_servico": 90.0},
        }
    ],
    "total": {"valor_frete": 10.0, "valor_servico": 90.0, "desconto": 5.0, "valor_liquido": 95.0},
}
PEDIDO = {
    "id": 113,
    "numero": "0000000113",
    "cliente": "João Silva",
    "data_entrada": "2026-01-05",
    "data_entrega": "2026-01-10",
    "status": "entregue",
    "valor_total": "100.00",
    "valor_frete": "10.00",
    "valor_itens": "90.00",
    "forma_envio": "Sedex",
}
QUANTIDADE = {"total": 42, "filtros": _FILTROS}
VALOR_TOTAL = {
    "total_pedidos": 42,
    "valor_total": "12500.00",
    "valor_itens": "11800.00",
    "valor_frete": "700.00",
    "ticket_medio": "297.62",
    "filtros": _FILTROS,
}
POR_STATUS = {
    "total_status": 2,
    "total_pedidos": 42,
    "status": [
        {"status": "entregue", "total_pedidos": 30, "valor_total": "9000.00"},
        {"status": "pendente", "total_pedidos": 12, "valor_total": "3500.00"},
    ],
    "filtros": _FILTROS,
}
POR_CLIENTE = {
    "total_clientes": 15,
    "clientes": [{"cliente": "João Silva", "total_pedidos": 10, "valor_total": "5000.00"}],
    "filtros": _FILTROS,
}


def por_item(dimension: str, list_key: str, count_key: str, name: str) -> dict[str, Any]:
    record = {
        dimension: name,
        "total_pedidos": 8,
        "total_itens": 11,
        "quantidade": 14,
        "valor_total": "3200.00",
        "area_m2": 18.5,
    }
    return {count_key: 1, list_key: [record], "filtros": _FILTROS}


TENDENCIA = {
    "agrupamento": "mes",
    "total_periodos": 1,
    "periodos": [
        {
            "periodo": "2026-01",
            "inicio": "2026-01-01",
            "fim": "2026-01-31",
            "total_pedidos": 42,
            "valor_total": "12500.00",
            "ticket_medio": "297.62",
            "variacao_pedidos": None,
            "variacao_valor": None,
        }
    ],
    "filtros": _FILTROS,
}
FINANCEIRO = {
    "totais": {
        "total_pedidos": 42,
        "valor_servico": "11800.00",
        "valor_frete": "700.00",
        "desconto": "0.00",
        "valor_total": "12500.00",
    },
    "por_tipo_pagamento": [
        {"tipo_pagamento": "Pix", "total_pedidos": 30, "valor_total": "9000.00", "valor_frete": "500.00"}
    ],
    "por_etapa": [{"etapa": "entregue", "label": "Entregue", "total_pedidos": 30, "valor_total": "9000.00"}],
    "filtros": _FILTROS,
}
ENVIOS = {
    "total_pedidos": 3,
    "valor_frete": "45.00",
    "valor_total": "600.00",
    "formas": [{"forma_envio": "Sedex", "total_pedidos": 3, "valor_frete": "45.00", "valor_total": "600.00"}],
    "dias": [
        {
            "data": "2026-01-10",
            "forma_envio": "Sedex",
            "total_pedidos": 3,
            "valor_frete": "45.00",
            "valor_total": "600.00",
        }
    ],
    "filtros": {**_FILTROS, "date_mode": "entrega"},
}
STATISTICS = {
    "total_pedidos": 42,
    "total_items": 57,
    "total_revenue": 12500.0,
    "total_frete": 700.0,
    "total_servico": 11800.0,
    "average_ticket": 297.61,
}
TRENDS = {"trends": [{"period": "2026-01-05", "pedidos": 3, "revenue": 600.0, "frete": 45.0, "servico": 555.0}]}
RANKINGS = {
    "category": "vendedor",
    "rankings": [{"name": "Maria", "pedidos": 2, "items": 2, "revenue": 110.0}],
}
TEMPLATES = {"envios": {"title": "Relatório de Envios"}, "fechamentos": {"title": "Relatório de Fechamentos"}}
