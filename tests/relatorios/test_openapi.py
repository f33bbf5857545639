"""The report routes' OpenAPI document is Portuguese, lists the closed sets and shows an example."""

from __future__ import annotations

import pytest

from main import app

ENUMS = {
    "report_type": {"analitico_designer_cliente", "sintetico_entrega"},
    "date_mode": {"entrada", "entrega", "qualquer"},
    "formato": {"json", "csv"},
    "status": {"Todos", "Pendente", "Em Processamento", "Concluido", "Cancelado"},
    "frete_distribution": {"por_pedido", "proporcional"},
    "agrupamento": {"dia", "semana", "mes"},
    "group_by": {"day", "week", "month"},
    "category": {"vendedor", "designer", "cliente", "tipo_producao"},
}


def _operations():
    for path, ops in app.openapi()["paths"].items():
        if path.startswith("/relatorios"):
            for method, op in ops.items():
                yield f"{method.upper()} {path}", op


OPERATIONS = dict(_operations())


def test_every_report_route_is_documented():
    assert len(OPERATIONS) == 18


@pytest.mark.parametrize("name", OPERATIONS)
def test_each_operation_has_a_portuguese_summary_description_and_example(name):
    op = OPERATIONS[name]
    assert op["tags"] == ["Relatórios"]
    assert op["summary"] and op["summary"][0].isupper() and op["summary"] != op["operationId"]
    assert op["description"] and "\n" not in op["description"]
    assert "example" in op["responses"]["200"]["content"]["application/json"]
    assert "422" in op["responses"]


@pytest.mark.parametrize("name", OPERATIONS)
def test_closed_sets_are_enums(name):
    for parameter in OPERATIONS[name].get("parameters", []):
        if parameter["name"] in ENUMS:
            assert ENUMS[parameter["name"]] <= set(parameter["schema"]["enum"]), (name, parameter["name"])


def test_pdf_is_documented_where_it_is_answered():
    closing = OPERATIONS["GET /relatorios-fechamentos/pedidos/relatorio"]["responses"]["200"]["content"]
    assert {"application/json", "text/csv", "application/pdf"} <= set(closing)
    formato = next(
        p for p in OPERATIONS["GET /relatorios-fechamentos/financeiro"]["parameters"] if p["name"] == "formato"
    )
    assert "pdf" in formato["schema"]["enum"]
