"""Every lookup table served by the generic CRUD: adding one is a model, its CrudSpec and one line here."""

from __future__ import annotations

from fastapi import APIRouter

from cadastros import clientes, designers, materiais, tipos_envios, tipos_pagamentos, vendedores
from cadastros.crud import CrudSpec, build_routers
from maquinas import crud as maquinas
from producoes import crud as producoes

SPECS: dict[str, CrudSpec] = {
    spec.table: spec
    for spec in (
        clientes.spec,
        vendedores.spec,
        designers.spec,
        materiais.spec,
        tipos_pagamentos.spec,
        tipos_envios.spec,
        producoes.spec,
        maquinas.spec,
    )
}


def routers() -> list[APIRouter]:
    return [router for spec in SPECS.values() for router in build_routers(spec)]
