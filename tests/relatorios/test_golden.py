"""Every report answers the same bytes on SQLite and PostgreSQL: both are held to the same golden files.

The dataset has the odd cases (freight that does not split evenly, items worth zero, discounts,
accents, quotes and control characters, blank names, cancelled orders, a draft, a date outside
the month by one mode only). The golden files under golden/ were written once from a run and
checked against the plain model (oracle.py, below); each database's run must give them byte for
byte. After a deliberate change of a report, write them again and review the diff:

    SGP_GOLDEN_WRITE=1 TEST_DATABASE=sqlite pytest tests/relatorios/test_golden.py
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from pathlib import Path

import orjson
import pytest
from sqlalchemy import select

from relatorios.itens import relatorio_itens
from tests.relatorios import oracle
from tests.relatorios.conftest import DATASET, D, make_pedido

GOLDEN = Path(__file__).parent / "golden"
WRITE = os.environ.get("SGP_GOLDEN_WRITE") == "1"
_GENERATED = re.compile(r"\d\d/\d\d/\d{4}, \d\d:\d\d:\d\d")  # the report's "generated_at": now
_STAMP = datetime(2026, 1, 3, 9, 30)


def _item(tipo, descricao, designer, vendedor, valor, **extra):
    return dict(
        tipo_producao=tipo, descricao=descricao, designer=designer, vendedor=vendedor, valor_calculado=valor, **extra
    )


def _order(numero, cliente, entrada, entrega, status, envio, frete, total, items, **extra):
    return dict(
        numero=numero,
        cliente=cliente,
        data_entrada=D(entrada),
        data_entrega=D(entrega) if entrega else None,
        status=status,
        forma_envio=envio,
        valor_frete=frete,
        valor_total=total,
        tipo_pagamento=extra.pop("pagamento", "1"),
        items=items,
        **extra,
    )


EXTRA = [
    # Freight that splits unevenly over three items; names with accents and stray spaces.
    _order(
        "0000000006",
        "Ção Ltda",
        "2026-01-08",
        "2026-01-12",
        "entregue",
        "Sedex",
        1001,
        11001,
        [
            _item("lona", "Lona 3×2", "Cecília", " Dora ", 3333),
            _item("lona", "Lona 1×1", "Cecília", "Dora", 3333),
            _item("adesivo", "Adesivo", "bruno", "Dora", 3334),
        ],
    ),
    # Items worth zero: the freight splits equally; blank descriptions fall back to the type, then "Item".
    _order(
        "",
        "Zero & Cia",
        "2026-01-09",
        None,
        "pendente",
        "Retirada",
        7,
        7,
        [
            _item("painel", "", "Ana", "Carlos", 0),
            _item("", "", "", "", 0),
            _item("totem", None, None, None, 0),
        ],
    ),
    # A discount; quotes, backslash and control characters in the text; blank shipping and names.
    _order(
        "0000000008",
        'Loja "A\\B"',
        "2026-01-21",
        "2026-02-02",
        "pronto",
        "  ",
        2500,
        9000,
        [
            _item("painel", "Faixa\n2\tm", "  ", "Érica", 4999),
            _item("canga", "Canga \u0001", "Ana", None, 5001),
        ],
        pagamento=" ",
    ),
    # Cancelled, in the month by entrada only.
    _order(
        "0000000009",
        "Zeca",
        "2026-01-30",
        "2026-02-03",
        "cancelado",
        "PAC",
        400,
        2400,
        [
            _item("totem", "Totem", "Davi", "Gil", 2000),
        ],
    ),
    # A draft: in no report, whatever the filters.
    _order(
        "0000000010",
        "Cliente Rascunho",
        "2026-01-10",
        "2026-01-11",
        "pendente",
        "Rascunho Envio",
        999,
        99999,
        [
            _item("rascunho", "Rascunho", "Designer Rascunho", "Vendedor Rascunho", 99000),
        ],
        rascunho=True,
    ),
]
ORDERS = [*DATASET, *EXTRA]
DRAFT_WORDS = ("Rascunho", "99999", "990,00", "990.0")

JANUARY = {"start_date": "2026-01-01", "end_date": "2026-01-31"}
MODES = [None, "entrada", "entrega", "qualquer"]
SUMMARIES = [
    "quantidade", "valor-total", "por-status", "por-cliente", "por-vendedor", "por-designer",
    "por-tipo-producao", "tendencia", "relatorio-semanal",
]  # fmt: skip


@pytest.fixture
def golden_dataset(session):
    for n, order in enumerate(ORDERS, start=1):
        order = dict(order)
        items = [dict(item, id=n * 10 + index) for index, item in enumerate(order.pop("items"))]
        make_pedido(session, items=items, id=n, data_criacao=_STAMP, ultima_atualizacao=_STAMP, **order)
    session.commit()


def _requests() -> list[tuple[str, str, dict]]:
    """(name, path, params) of every report: each closing type × freight × date mode, filters, summaries."""
    found = []
    for report_type in oracle.TYPES:
        for distribution in ("por_pedido", "proporcional"):
            for mode in MODES:
                params = {"report_type": report_type, **JANUARY, "frete_distribution": distribution}
                if mode:
                    params["date_mode"] = mode
                found.append(
                    (f"{report_type} {distribution} {mode}", "/relatorios-fechamentos/pedidos/relatorio", params)
                )
        filters = {"vendedor": "dora", "cliente": "loja", "status": "Concluído", "designer": "ana"}
        for name, value in filters.items():
            params = {"report_type": report_type, **JANUARY, name: value}
            found.append((f"{report_type} {name}={value}", "/relatorios-fechamentos/pedidos/relatorio", params))
    summary = {"data_inicio": "2026-01-01", "data_fim": "2026-01-31", **JANUARY}  # relatorio-semanal: start_date
    paths = [f"/relatorios-fechamentos/pedidos/{name}" for name in SUMMARIES]
    paths += ["/relatorios-fechamentos/financeiro", "/relatorios-envios", "/relatorios-envios/pedidos"]
    for path in paths:
        for mode in ("entrada", "entrega", "qualquer"):
            found.append((f"{path} {mode}", path, {**summary, "date_mode": mode}))
        found.append((f"{path} cancelados", path, {**summary, "incluir_cancelados": "true"}))
    for agrupamento in ("semana", "mes"):
        path = "/relatorios-fechamentos/pedidos/tendencia"
        found.append((f"{path} {agrupamento}", path, {**summary, "agrupamento": agrupamento}))
    return found


async def _answers(client, headers, formato: str) -> dict[str, str]:
    answers = {}
    for name, path, params in _requests():
        response = await client.get(path, params={**params, "formato": formato}, headers=headers)
        assert response.status_code == 200, (name, response.text)
        answers[name] = _GENERATED.sub("<agora>", response.text)
    return answers


def _table_rows(session) -> str:
    rows = session.execute(select(relatorio_itens).order_by(relatorio_itens.c.pedido_id, relatorio_itens.c.item_index))
    return orjson.dumps([list(row) for row in rows], option=orjson.OPT_INDENT_2).decode()


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    if WRITE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(text.encode())
    assert text.encode() == path.read_bytes(), f"{name} differs from its golden file"


@pytest.mark.parametrize("formato", ["json", "csv"])
async def test_every_report_gives_the_golden_bytes(client, user_headers, golden_dataset, formato):
    answers = await _answers(client, user_headers, formato)
    for text in answers.values():
        assert not any(word in text for word in DRAFT_WORDS), "a draft reached a report"
    # One answer per section, as sent (a JSON body is one line; a CSV keeps its line ends).
    _check(f"reports.{formato}.txt", "".join(f"=== {name}\n{text}\n" for name, text in answers.items()))


def test_the_report_table_holds_the_golden_rows(session, golden_dataset):
    text = _table_rows(session)
    assert "Rascunho" not in text
    _check("relatorio_itens.json", text)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("distribution", ["por_pedido", "proporcional"])
async def test_the_golden_reports_agree_with_the_plain_model(client, user_headers, golden_dataset, mode, distribution):
    # What the golden files were checked against: the oracle over the orders that are not drafts.
    orders = [order for order in ORDERS if not order.get("rascunho")]
    params = {**JANUARY, "frete_distribution": distribution, **({"date_mode": mode} if mode else {})}
    for report_type in oracle.TYPES:
        response = await client.get(
            "/relatorios-fechamentos/pedidos/relatorio",
            params={**params, "report_type": report_type},
            headers=user_headers,
        )
        body = response.json()
        groups, total = oracle.expected(
            orders, report_type, start=date(2026, 1, 1), end=date(2026, 1, 31), mode=mode,
            proporcional=distribution == "proporcional",
        )  # fmt: skip
        assert [g["label"] for g in body["groups"]] == sorted(groups, key=lambda k: (groups[k]["sort"], k))
        for group in body["groups"]:
            want = groups[group["label"]]
            assert _cents(group["subtotal"]["valor_frete"]) == want["frete"], (report_type, group["label"])
            assert _cents(group["subtotal"]["valor_servico"]) == want["servico"], (report_type, group["label"])
            for subgroup in group.get("subgroups", []):
                rows = [(r["ficha"], _cents(r["valor_frete"]), _cents(r["valor_servico"])) for r in subgroup["rows"]]
                expected = [(numero or "7", *rest) for numero, *rest in want["subs"][subgroup["label"]]["rows"]]
                assert sorted(rows) == sorted(expected), (report_type, subgroup["label"])
        assert _cents(body["total"]["valor_servico"]) == total["servico"]
        assert _cents(body["total"]["valor_frete"]) == total["frete"]
        assert _cents(body["total"].get("desconto", 0)) == total["desconto"]


def _cents(value: float) -> int:
    return round(value * 100)


async def test_a_promoted_draft_enters_the_reports(client, user_headers, session, golden_dataset):
    from pedidos.orders.models import Pedido

    async def figures():
        closing = await client.get(
            "/relatorios-fechamentos/pedidos/relatorio",
            params={"report_type": "sintetico_designer", **JANUARY},
            headers=user_headers,
        )
        summary = await client.get(
            "/relatorios-fechamentos/pedidos/quantidade",
            params={"data_inicio": "2026-01-01", "data_fim": "2026-01-31"},
            headers=user_headers,
        )
        return closing.text, summary.json()["total"]

    text, quantidade = await figures()
    assert "Designer Rascunho" not in text
    draft = session.get(Pedido, len(ORDERS))
    assert draft.rascunho
    draft.rascunho = False  # promotion
    session.commit()
    promoted_text, promoted_quantidade = await figures()
    assert "Designer: Designer Rascunho" in promoted_text
    assert promoted_quantidade == quantidade + 1
