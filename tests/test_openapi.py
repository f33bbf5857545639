"""/docs explains itself in Portuguese: every operation has its own summary, a description and one
of the staff's eight groups; closed sets are enums; order create and patch carry examples."""

from __future__ import annotations

from fastapi.routing import APIRoute, RouteContext, iter_route_contexts

from docs import TAGS
from main import app
from pedidos import examples
from tests.pedidos.conftest import pedido_body

EIGHT_GROUPS = {"Pedidos", "Designers", "Fichas", "Relatórios", "Cadastros", "Máquinas", "Usuários", "Sistema"}


def _documented_routes() -> list[RouteContext]:
    # iter_route_contexts: the routes as the OpenAPI document sees them, included routers' too.
    return [
        route
        for route in iter_route_contexts(app.routes)
        if isinstance(route.original_route, APIRoute) and route.include_in_schema
    ]


def _operations() -> list[tuple[str, str, dict]]:
    return [
        (method.upper(), path, operation)
        for path, item in app.openapi()["paths"].items()
        for method, operation in item.items()
    ]


def test_the_groups_are_the_staffs_eight_in_order():
    assert list(TAGS) == [
        "Pedidos",
        "Designers",
        "Fichas",
        "Relatórios",
        "Cadastros",
        "Máquinas",
        "Usuários",
        "Sistema",
    ]
    assert [tag["name"] for tag in app.openapi()["tags"]] == list(TAGS)


def test_no_operation_keeps_the_summary_fastapi_generates_from_its_function_name():
    generated = [
        (sorted(route.methods), route.path_format, route.summary)
        for route in _documented_routes()
        if not route.summary or route.summary == route.name.replace("_", " ").title()
    ]
    assert generated == []
    assert len(_documented_routes()) > 100  # the walk sees the whole API


def test_every_operation_has_a_one_line_description():
    missing = [(method, path) for method, path, op in _operations() if not op.get("description", "").strip()]
    multi_line = [(method, path) for method, path, op in _operations() if "\n" in op.get("description", "").strip()]
    assert missing == [] and multi_line == []


def test_every_operation_is_in_exactly_one_of_the_eight_groups():
    wrong = [(method, path, op.get("tags")) for method, path, op in _operations() if len(op.get("tags", [])) != 1]
    wrong += [
        (method, path, op["tags"]) for method, path, op in _operations() if not set(op.get("tags", [])) <= EIGHT_GROUPS
    ]
    assert wrong == []


def test_groups_follow_the_work():
    tag = {(method, path): op["tags"][0] for method, path, op in _operations()}
    assert tag["POST", "/pedidos"] == "Pedidos" and tag["POST", "/pedidos/order-items/upload-image"] == "Pedidos"
    assert tag["GET", "/reposicoes"] == "Pedidos" and tag["GET", "/designers/{nome}/itens"] == "Designers"
    assert tag["GET", "/clientes"] == "Cadastros" and tag["GET", "/designers"] == "Cadastros"
    assert tag["GET", "/maquinas"] == "Máquinas" and tag["GET", "/print-logs"] == "Máquinas"
    assert tag["POST", "/auth/login"] == "Usuários" and tag["GET", "/admin/users"] == "Usuários"
    assert tag["GET", "/health"] == "Sistema" and tag["GET", "/materiais/stats"] == "Relatórios"
    assert tag["GET", "/pedidos/{pedido_id}/fichas.pdf"] == "Fichas"


def _schema(name: str) -> dict:
    return app.openapi()["components"]["schemas"][name]


def _enum(schema: dict) -> list:
    for option in [schema, *schema.get("anyOf", [])]:
        if "enum" in option:
            return option["enum"]
    if "$ref" in schema:
        return _enum(_schema(schema["$ref"].rsplit("/", 1)[-1]))
    raise AssertionError(f"no enum in {schema}")


def _parameter(method: str, path: str, name: str) -> dict:
    operation = app.openapi()["paths"][path][method]
    return next(p for p in operation["parameters"] if p["name"] == name)["schema"]


def test_closed_sets_are_enums_with_the_accepted_values():
    statuses = ["pendente", "em_producao", "pronto", "entregue", "cancelado"]
    assert _enum(_schema("PedidoCreate")["properties"]["status"]) == statuses
    assert _enum(_schema("PedidoPatch")["properties"]["status"]) == statuses
    assert _enum(_schema("PedidoCreate")["properties"]["prioridade"]) == ["NORMAL", "ALTA"]
    assert _enum(_schema("BatchStatusIn")["properties"]["status"]) == statuses
    assert _enum(_parameter("get", "/pedidos/status/{status}", "status")) == statuses
    assert _enum(_parameter("get", "/pedidos", "status")["items"]) == statuses
    assert _enum(_schema("StatusArteIn")["properties"]["status_arte"]) == ["aguardando", "liberado"]
    assert "designer" in _enum(_schema("UserCreate")["properties"]["setor"])
    assert _enum(_schema("ReposicaoCreate")["properties"]["status"]) == [
        "Pendente",
        "Em Processamento",
        "Concluída",
        "Cancelada",
    ]
    assert _enum(_schema("ReposicaoCreate")["properties"]["prioridade"]) == ["NORMAL", "ALTA"]
    assert _enum(_parameter("get", "/print-logs", "status_filter")) == ["success", "error", "reprint"]
    assert _enum(_parameter("get", "/automacao/producao/tecidos", "date_mode")) == ["entrada", "entrega"]
    assert _enum(_parameter("get", "/fichas/templates/html/{template_type}", "template_type")) == ["geral", "resumo"]
    assert _enum(_parameter("get", "/pedidos/{pedido_id}/fichas.pdf", "template")) == ["geral", "resumo"]


def test_order_create_and_patch_document_examples():
    paths = app.openapi()["paths"]
    for path, method in (("/pedidos", "post"), ("/pedidos/{pedido_id}", "patch")):
        documented = paths[path][method]["requestBody"]["content"]["application/json"]
        assert documented["examples"] and "$ref" in documented["schema"], (method, path)


async def test_the_documented_examples_are_accepted(client, admin_headers):
    for name, example in examples.CREATE.items():
        response = await client.post("/pedidos", json=example["value"], headers=admin_headers)
        assert response.status_code == 200, (name, response.text)
    pedido = response.json()
    for name in ("etapa", "status"):
        response = await client.patch(
            f"/pedidos/{pedido['id']}", json=examples.PATCH[name]["value"], headers=admin_headers
        )
        assert response.status_code == 200, (name, response.text)
    draft = (await client.post("/pedidos/rascunho", json={"cliente": ""}, headers=admin_headers)).json()
    response = await client.patch(
        f"/pedidos/{draft['id']}", json=examples.PATCH["rascunho"]["value"], headers=admin_headers
    )
    assert response.status_code == 200 and response.json()["cliente"] == "Maria Souza", response.text


async def test_a_value_outside_an_enum_is_still_422_in_the_one_shape(client, admin_headers):
    pedido = (await client.post("/pedidos", json=pedido_body(), headers=admin_headers)).json()
    for body in ({"status": "voando"}, {"prioridade": "URGENTE"}):
        response = await client.patch(f"/pedidos/{pedido['id']}", json=body, headers=admin_headers)
        assert response.status_code == 422 and list(response.json()) == ["detail"], response.text
    response = await client.post(
        "/reposicoes", json={"order_id": pedido["id"], "prioridade": "URGENTE"}, headers=admin_headers
    )
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "prioridade"]
