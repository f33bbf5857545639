"""The layering of STYLE.md, read from the imports: no circles, database/ knows no domain,
no domain imports the app, routers never import routers."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {".venv", "tests", "migrations", "shared", "docs", "__pycache__"}
DOMAINS = {
    "auth",
    "automacao",
    "cadastros",
    "designers",
    "fichas",
    "maquinas",
    "materiais",
    "notificacoes",
    "pedidos",
    "producoes",
    "relatorios",
    "safira",
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if SKIPPED & set(relative.parts[:-1]) or relative.parts[0] in SKIPPED:
            continue
        parts = list(relative.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        if parts:
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module an import of `name` loads (a package's __init__, or the longest prefix)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(module: str) -> set[str]:
    """Project modules `module` imports, at module level or inside functions."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from pkg import mod` imports the module pkg.mod when there is one.
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        else:
            continue
        for name in names:
            target = _resolve(name)
            if target and target != module:
                found.add(target)
    return found


GRAPH = {module: _imports(module) for module in MODULES}


def _cycles() -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    return groups


def test_the_walker_sees_the_project():
    assert "pedidos.orders.service" in MODULES and "main" in MODULES
    assert "pedidos.orders.models" in GRAPH["pedidos.orders.service"]


def test_no_import_circles():
    assert _cycles() == []


def test_database_knows_no_domain():
    leaks = {
        module: sorted(target for target in targets if target.split(".")[0] in DOMAINS)
        for module, targets in GRAPH.items()
        if module.split(".")[0] == "database"
    }
    # database/models.py is the one registry of every table, for Alembic and the tests.
    leaks.pop("database.models", None)
    assert {module: targets for module, targets in leaks.items() if targets} == {}


def test_no_domain_imports_the_app():
    importers = sorted(module for module, targets in GRAPH.items() if "main" in targets)
    assert [module for module in importers if module.split(".")[0] in DOMAINS] == []


def test_routers_never_import_routers():
    def is_router(module: str) -> bool:
        return module.rpartition(".")[2].endswith("router")

    crossings = sorted(
        (module, target)
        for module, targets in GRAPH.items()
        if is_router(module)
        for target in targets
        if is_router(target)
    )
    assert crossings == []
