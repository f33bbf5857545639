"""Property: the summaries agree with each other on random datasets."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from database.session import open_session
from database.types import parse_money
from relatorios import resumos
from tests.conftest import wipe_database
from tests.relatorios.conftest import make_pedido

STATUSES = ["pendente", "em_producao", "pronto", "entregue", "cancelado"]
order = st.fixed_dictionaries(
    {
        "cliente": st.sampled_from(["Ana", "Bia", "José", "Zé", ""]),
        "status": st.sampled_from(STATUSES),
        "data_entrada": st.integers(0, 60).map(lambda d: date(2025, 12, 15) + timedelta(days=d)),
        "entrega_delta": st.none() | st.integers(0, 20),
        "valor_total": st.integers(0, 10**7),
        "valor_frete": st.integers(0, 10**5),
        "items": st.lists(st.integers(0, 10**6), min_size=1, max_size=3),
    }
)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    orders=st.lists(order, max_size=12),
    date_mode=st.sampled_from(["entrada", "entrega", "qualquer"]),
    incluir_cancelados=st.booleans(),
)
def test_sum_of_por_cliente_is_valor_total_and_por_status_counts_make_quantidade(orders, date_mode, incluir_cancelados):
    wipe_database()
    with open_session(write=True) as session:
        for spec in orders:
            spec = dict(spec)
            delta = spec.pop("entrega_delta")
            items = [{"valor_calculado": value} for value in spec.pop("items")]
            spec["data_entrega"] = None if delta is None else spec["data_entrada"] + timedelta(days=delta)
            make_pedido(session, items=items, **spec)
        session.commit()
        periodo = resumos.parse_periodo(
            data_inicio="2026-01-01",
            data_fim="2026-01-31",
            date_mode=date_mode,
            status=None,
            incluir_cancelados=incluir_cancelados,
        )
        total = resumos.valor_total(session, periodo)
        clientes = resumos.por_cliente(session, periodo)
        status = resumos.por_status(session, periodo)
        quantidade = resumos.quantidade(session, periodo)["total"]
    assert sum(parse_money(c["valor_total"]) for c in clientes["clientes"]) == parse_money(total["valor_total"])
    assert sum(c["total_pedidos"] for c in clientes["clientes"]) == quantidade == total["total_pedidos"]
    assert sum(s["total_pedidos"] for s in status["status"]) == quantidade
    assert sum(parse_money(s["valor_total"]) for s in status["status"]) == parse_money(total["valor_total"])
    assert incluir_cancelados or "cancelado" not in {s["status"] for s in status["status"]}
