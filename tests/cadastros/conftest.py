"""The lookup tables as the desktop app uses them: path, the app's own request bodies, a patch."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest


@dataclass(frozen=True)
class Module:
    path: str
    body: dict
    patch: dict
    name_field: str = "nome"
    active_field: str = "ativo"
    has_ativos: bool = False
    create_status: int = 201
    delete_status: int = 204
    extra: dict = field(default_factory=dict)

    def with_name(self, name: str) -> dict:
        return {**self.body, self.name_field: name}

    def __str__(self) -> str:
        return self.path


CLIENTES = Module(
    "/clientes",
    {"nome": "Gráfica São João", "cep": "01001-000", "cidade": "São Paulo", "estado": "SP", "telefone": "11999990000"},
    {"telefone": "(11) 98888-0000", "cidade": "Campinas"},
    delete_status=200,
)
VENDEDORES = Module(
    "/vendedores",
    {
        "nome": "João Vendedor",
        "email": "joao@grafica.com",
        "telefone": "11988887777",
        "comissao_percentual": 5.0,
        "ativo": True,
        "observacao": "Zona sul",
    },
    {"comissao_percentual": 7.5},
    has_ativos=True,
)
DESIGNERS = Module(
    "/designers",
    {"nome": "Ana Designer", "email": "ana@grafica.com", "telefone": "11977776666", "ativo": True, "observacao": None},
    {"ativo": False, "observacao": "Férias"},
)
MATERIAIS = Module(
    "/materiais",
    {"nome": "Tecido Oxford", "tipo": "tecido", "valor_metro": 25.5, "estoque_metros": 100.0, "ativo": True},
    {"valor_metro": 30.1, "estoque_metros": 80.5},
)
TIPOS_PAGAMENTOS = Module(
    "/tipos-pagamentos",
    {"nome": "Cartão de Crédito", "parcelas_max": 12, "taxa_percentual": 3.5, "ativo": True, "observacao": None},
    {"parcelas_max": 6},
    has_ativos=True,
)
TIPOS_ENVIOS = Module(
    "/tipos-envios",
    {"nome": "Sedex", "valor": 35.9, "prazo_dias": 3, "ativo": True, "observacao": None},
    {"valor": None, "prazo_dias": 5},
    has_ativos=True,
)
PRODUCOES = Module(
    "/producoes",
    {"name": "Painel", "description": "Painel sublimado", "active": True},
    {"description": "Painel em tecido"},
    name_field="name",
    active_field="active",
    has_ativos=True,
)
MAQUINAS = Module(
    "/maquinas",
    {"name": "Epson F9470", "active": True},
    {"active": False},
    name_field="name",
    active_field="active",
    has_ativos=True,
)
PAGAMENTOS = Module("/pagamentos", TIPOS_PAGAMENTOS.body, TIPOS_PAGAMENTOS.patch, has_ativos=True)
ENVIOS = Module("/envios", TIPOS_ENVIOS.body, TIPOS_ENVIOS.patch, has_ativos=True)

MODULES = [CLIENTES, VENDEDORES, DESIGNERS, MATERIAIS, TIPOS_PAGAMENTOS, TIPOS_ENVIOS, PRODUCOES, MAQUINAS]
ALL_PATHS = MODULES + [PAGAMENTOS, ENVIOS]


@pytest.fixture(params=ALL_PATHS, ids=str)
def module(request) -> Module:
    return request.param


@pytest.fixture(params=MODULES, ids=str)
def table(request) -> Module:
    """One per table (aliases excluded)."""
    return request.param
