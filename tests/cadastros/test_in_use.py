"""Deleting a record still used by orders is refused with how many orders use it."""

from __future__ import annotations

import pytest

from tests.cadastros.conftest import (
    CLIENTES,
    DESIGNERS,
    MAQUINAS,
    MATERIAIS,
    PRODUCOES,
    TIPOS_ENVIOS,
    TIPOS_PAGAMENTOS,
    VENDEDORES,
)
from tests.cadastros.factories import make_pedido


def _uses(module, record) -> dict:
    """Order fields (and one item) that point at the record, as the pedidos service stores them."""
    name = record.get("nome") or record.get("name")
    return {
        "/clientes": lambda: {"cliente": name.upper()},  # matched by search key, whatever the case
        "/vendedores": lambda: {"items": [{"vendedor": name}]},
        "/designers": lambda: {"items": [{"designer": name}]},
        "/materiais": lambda: {"items": [{"tecido": name}]},
        "/tipos-pagamentos": lambda: {"tipo_pagamento": str(record["id"])},
        "/tipos-envios": lambda: {"forma_envio_id": record["id"], "forma_envio": name},
        "/producoes": lambda: {"items": [{"tipo_producao": name.lower()}]},
        "/maquinas": lambda: {"items": [{"machine_id": record["id"]}]},
    }[module.path]()


@pytest.mark.parametrize(
    "module",
    [CLIENTES, VENDEDORES, DESIGNERS, MATERIAIS, TIPOS_PAGAMENTOS, TIPOS_ENVIOS, PRODUCOES, MAQUINAS],
    ids=str,
)
async def test_delete_in_use_is_409_with_order_count_and_keeps_the_record(client, user_headers, session, module):
    record = (await client.post(module.path, json=module.body, headers=user_headers)).json()
    first = make_pedido(session, **_uses(module, record))
    second = make_pedido(session, **_uses(module, record))
    make_pedido(session)  # an unrelated order

    response = await client.delete(f"{module.path}/{record['id']}", headers=user_headers)
    assert response.status_code == 409
    detail = response.json()["detail"]
    assert f"2 pedidos ({first.numero}, {second.numero})" in detail and "desative" in detail
    assert (await client.get(f"{module.path}/{record['id']}", headers=user_headers)).status_code == 200


async def test_unused_record_is_deleted_even_when_others_are_in_use(client, user_headers, session):
    used = (await client.post("/vendedores", json=VENDEDORES.body, headers=user_headers)).json()
    free = (await client.post("/vendedores", json={**VENDEDORES.body, "nome": "Livre"}, headers=user_headers)).json()
    make_pedido(session, items=[{"vendedor": used["nome"]}])
    assert (await client.delete(f"/vendedores/{free['id']}", headers=user_headers)).status_code == 204
    assert (await client.delete(f"/vendedores/{used['id']}", headers=user_headers)).status_code == 409


async def test_machine_used_only_in_print_logs_is_in_use(client, user_headers, session):
    from maquinas.models import PrintLog

    machine = (await client.post("/maquinas", json=MAQUINAS.body, headers=user_headers)).json()
    pedido = make_pedido(session)
    session.add(PrintLog(printer_id=machine["id"], pedido_id=pedido.id, item_id=None))
    session.commit()
    response = await client.delete(f"/maquinas/{machine['id']}", headers=user_headers)
    assert response.status_code == 409 and f"1 pedido ({pedido.numero});" in response.json()["detail"]
