"""The maintenance scripts: producoes seed and remove_duplicates."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cadastros.clientes import Cliente
from cadastros.vendedores import Vendedor
from pedidos.orders.models import Pedido, PedidoItem
from producoes.models import Producao
from scripts import remove_duplicates, seed_producoes
from tests.cadastros.factories import items_of, make_pedido

APP_TYPES = {
    "painel",
    "generica",
    "totem",
    "lona",
    "adesivo",
    "canga",
    "impressao_3d",
    "mochilinha",
    "bolsinha",
    "mesa_babado",
}


async def test_seed_producoes_creates_the_app_types_once(client, user_headers, session, capsys):
    await client.post("/producoes", json={"name": "Painel"}, headers=user_headers)  # already there, other case

    assert seed_producoes.main([]) == 0
    assert seed_producoes.main([]) == 0

    names = session.execute(select(Producao.name)).scalars().all()
    assert len(names) == len(APP_TYPES)
    assert {name.lower() for name in names} == APP_TYPES
    assert "0 tipo(s)" in capsys.readouterr().out.splitlines()[-1]


def _legacy(session, model, names: list[str]) -> list:
    """Rows as imported from the original database: keys computed differently, so duplicates slipped in."""
    extra = {"cep": "0", "cidade": "X", "estado": "SP", "telefone": "0"} if model is Cliente else {}
    rows = [model(nome=name, nome_key=f"legacy:{name}", **extra) for name in names]
    session.add_all(rows)
    session.commit()
    return rows


def test_dry_run_and_missing_confirm_change_nothing(session, capsys):
    _legacy(session, Vendedor, ["João Silva", "joao  silva", "Maria"])
    pedido = make_pedido(session, items=[{"vendedor": "joao  silva"}])

    remove_duplicates.main(["--dry-run", "--confirm"])
    out = capsys.readouterr().out
    assert "vendedores: manter #" in out and "'joao  silva'" in out and "1 pedido(s)" in out
    remove_duplicates.main(["--table", "vendedores"])
    assert "Nada foi alterado" in capsys.readouterr().out

    session.expire_all()
    assert session.execute(select(func.count()).select_from(Vendedor)).scalar_one() == 3
    assert items_of(session, pedido)[0].vendedor == "joao  silva"


def test_confirm_keeps_the_oldest_and_repoints_orders_in_one_go(session, capsys):
    kept, _dup, other = _legacy(session, Vendedor, ["João Silva", "JOAO SILVA", "Maria"])
    pedido = make_pedido(session, items=[{"vendedor": "JOAO SILVA"}, {"vendedor": "Maria"}])
    _legacy(session, Cliente, ["Gráfica Ágil", "grafica agil"])
    make_pedido(session, cliente="grafica agil")

    assert remove_duplicates.main(["--confirm"]) == 0
    assert "2 registro(s) duplicado(s) removido(s)" in capsys.readouterr().out

    session.expire_all()
    vendedores = session.execute(select(Vendedor).order_by(Vendedor.id)).scalars().all()
    assert [(v.id, v.nome, v.nome_key) for v in vendedores] == [
        (kept.id, "João Silva", "joao silva"),
        (other.id, "Maria", "legacy:Maria"),
    ]
    assert [i.vendedor for i in items_of(session, pedido)] == ["João Silva", "Maria"]
    assert session.execute(select(Pedido.cliente).where(Pedido.cliente_busca == "grafica agil")).scalar_one() == (
        "Gráfica Ágil"
    )
    assert session.execute(select(func.count()).select_from(Cliente)).scalar_one() == 1
    assert session.execute(select(func.count()).select_from(PedidoItem)).scalar_one() == 2


def test_table_option_limits_the_merge(session):
    _legacy(session, Vendedor, ["Ana", "ANA"])
    _legacy(session, Cliente, ["Beto", "beto"])
    remove_duplicates.main(["--table", "clientes", "--confirm"])
    session.expire_all()
    assert session.execute(select(func.count()).select_from(Vendedor)).scalar_one() == 2
    assert session.execute(select(func.count()).select_from(Cliente)).scalar_one() == 1


def test_help_works():
    with pytest.raises(SystemExit) as exit_info:
        remove_duplicates.main(["--help"])
    assert exit_info.value.code == 0
