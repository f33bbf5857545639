"""GET /materiais/stats and /materiais/stats/evolucao: one GROUP BY over the period's items.

The database groups by (day, material as written, product type); the few groups are then merged
by the original's material key in Python, whose casefold the databases' lower() does not match.
Areas stay integer cm² until the response. Drafts and cancelled orders are left out.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import orjson
from sqlalchemy import false, func, select
from sqlmodel import Session

from database.json_sql import json_text
from materiais.area import NAO_INFORMADO, m2, normalize_name, sql_item_cm2
from materiais.schemas import (
    MaterialEvolutionItem,
    MaterialEvolutionResponse,
    MaterialStatsKPIs,
    MaterialStatsResponse,
    RankingItem,
)
from pedidos.models import Pedido, PedidoItem

RANKING_SIZE = 20
# The original's finishing labels, in the order it counts them.
ACABAMENTOS = ("OVERLOQUE", "ELÁSTICO", "ILHÓS (PRESENÇA)", "EMENDA", "ILHÓS (QUANTIDADE)")


def _finishing(session: Session, where: list) -> list[Any]:
    """(acabamento, emenda, quantidade_ilhos, items) per distinct combination, as stored.

    A handful of combinations: they are read by the original's rules in Python (finishing_counts),
    and each JSON field is extracted once per item (the databases re-parse the JSON at each access).
    """
    extras = PedidoItem.extras
    fields = [json_text(extras, "acabamento"), json_text(extras, "emenda"), json_text(extras, "quantidade_ilhos")]
    statement = (
        select(*fields, func.count())
        .select_from(PedidoItem)
        .join(Pedido, Pedido.id == PedidoItem.pedido_id)
        .where(*where)
        .group_by(*fields)
    )
    return session.execute(statement).all()


def _flag(acabamento: Any, name: str) -> bool:
    value = acabamento.get(name) if isinstance(acabamento, dict) else None
    return value in (True, 1, "true", "1", "True")


def _ilhos(value: Any) -> int:
    try:
        return int(value) if value not in (None, "") else 0
    except (TypeError, ValueError):
        return 0


def finishing_counts(rows: list[Any]) -> tuple[dict[str, int], int, int]:
    """(items per finishing label, Σ ilhós, items with ilhós) from _finishing's rows."""
    counts = dict.fromkeys(ACABAMENTOS, 0)
    total_ilhos = com_ilhos = 0
    for acabamento_text, emenda, quantidade_ilhos, items in rows:
        try:
            acabamento = orjson.loads(acabamento_text) if acabamento_text else None
        except orjson.JSONDecodeError:
            acabamento = None
        ilhos = _ilhos(quantidade_ilhos)
        present = (
            _flag(acabamento, "overloque"),
            _flag(acabamento, "elastico"),
            _flag(acabamento, "ilhos"),
            bool(emenda) and emenda != "sem-emenda",
            ilhos > 0,
        )
        for label, yes in zip(ACABAMENTOS, present, strict=True):
            counts[label] += items if yes else 0
        if ilhos > 0:
            total_ilhos += ilhos * items
            com_ilhos += items
    return counts, total_ilhos, com_ilhos


def _where(inicio: date | None, fim: date | None, tipo_producao: str | None) -> list:
    where = [Pedido.rascunho == false(), Pedido.status != "cancelado"]
    if inicio is not None:
        where.append(Pedido.data_entrada >= inicio)
    if fim is not None:
        where.append(Pedido.data_entrada <= fim)
    if tipo_producao:
        where.append(PedidoItem.tipo_producao == tipo_producao)
    return where


def _scan(session: Session, where: list) -> list[Any]:
    """(day, tecido, tipo, items, cm²) per group."""
    columns = [Pedido.data_entrada, PedidoItem.tecido, PedidoItem.tipo_producao, func.count(), func.sum(sql_item_cm2())]
    statement = (
        select(*columns)
        .select_from(PedidoItem)
        .join(Pedido, Pedido.id == PedidoItem.pedido_id)
        .where(*where)
        .group_by(Pedido.data_entrada, PedidoItem.tecido, PedidoItem.tipo_producao)
    )
    return session.execute(statement).all()


def material_key(tecido: str | None) -> str:
    """The name the rankings show: the original's key, upper-cased; blank is NÃO INFORMADO."""
    return normalize_name(tecido).upper() or NAO_INFORMADO


def _day(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _ranking(totals: dict[str, list[int]]) -> list[RankingItem]:
    """Materials by area, largest first: totals[name] = [items, cm²]."""
    whole = sum(cm2 for _items, cm2 in totals.values())
    ordered = sorted(totals.items(), key=lambda entry: (-entry[1][1], entry[0]))[:RANKING_SIZE]
    return [
        RankingItem(
            nome=nome,
            quantidade_itens=items,
            area_total_m2=m2(cm2),
            percentual_area=_percent(cm2, whole),
        )
        for nome, (items, cm2) in ordered
    ]


def _percent(part: int, whole: int) -> float:
    return round(part * 100 / whole, 2) if whole else 0.0


def get_stats(
    session: Session, *, inicio: date | None, fim: date | None, tipo_producao: str | None
) -> MaterialStatsResponse:
    """KPIs, material and finishing rankings, materials per product type."""
    materiais: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    por_tipo: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    por_dia: dict[str, int] = defaultdict(int)
    total_itens = 0
    where = _where(inicio, fim, tipo_producao)
    for dia, tecido, tipo, items, cm2 in _scan(session, where):
        cm2 = int(cm2 or 0)
        nome = material_key(tecido)
        total_itens += items
        for bucket in (materiais[nome], por_tipo[tipo or "OUTROS"][nome]):
            bucket[0] += items
            bucket[1] += cm2
        por_dia[_day(dia)] += cm2
    acabamentos, total_ilhos, com_ilhos = finishing_counts(_finishing(session, where))

    ranking_materiais = _ranking(materiais)
    ranking_acabamentos = [
        RankingItem(nome=nome, quantidade_itens=count, area_total_m2=0.0, percentual_area=_percent(count, total_itens))
        for nome, count in sorted(acabamentos.items(), key=lambda entry: -entry[1])
        if count > 0
    ]
    total_cm2 = sum(cm2 for _items, cm2 in materiais.values())
    pico = min(por_dia, key=lambda dia: (-por_dia[dia], dia)) if por_dia else None
    kpis = MaterialStatsKPIs(
        total_itens=total_itens,
        total_area_m2=m2(total_cm2),
        material_mais_usado=ranking_materiais[0].nome if ranking_materiais else None,
        acabamento_mais_usado=ranking_acabamentos[0].nome if ranking_acabamentos else None,
        total_ilhos=total_ilhos,
        total_itens_com_ilhos=com_ilhos,
        data_pico=pico,
        m2_pico=m2(por_dia[pico]) if pico else 0.0,
        media_m2_dia=_daily_mean(total_cm2, inicio, fim, len(por_dia)),
    )
    return MaterialStatsResponse(
        kpis=kpis,
        ranking_materiais=ranking_materiais,
        ranking_acabamentos=ranking_acabamentos,
        por_tipo_producao={tipo: _ranking(totals) for tipo, totals in por_tipo.items()},
    )


def _daily_mean(total_cm2: int, inicio: date | None, fim: date | None, days_with_items: int) -> float:
    """m² per day of the period when both ends are given, else per day that had items."""
    days = (fim - inicio).days + 1 if inicio and fim and fim >= inicio else days_with_items
    return round(total_cm2 / days / 10_000, 2) if days else 0.0


def get_evolution(
    session: Session, *, inicio: date | None, fim: date | None, tipo_producao: str | None
) -> MaterialEvolutionResponse:
    """m² per day, with the period's three most used materials per day."""
    por_material: dict[str, int] = defaultdict(int)
    por_dia: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for dia, tecido, _tipo, _items, cm2 in _scan(session, _where(inicio, fim, tipo_producao)):
        nome = material_key(tecido)
        por_material[nome] += int(cm2 or 0)
        por_dia[_day(dia)][nome] += int(cm2 or 0)
    top = [nome for nome, _cm2 in sorted(por_material.items(), key=lambda entry: (-entry[1], entry[0]))[:3]]
    evolucao = [
        MaterialEvolutionItem(
            data=dia,
            total=m2(sum(por_dia[dia].values())),
            top_materiais={nome: m2(por_dia[dia].get(nome, 0)) for nome in top},
        )
        for dia in sorted(por_dia)
    ]
    if not evolucao and fim is not None:
        evolucao.append(MaterialEvolutionItem(data=fim.isoformat(), total=0.0, top_materiais={}))
    return MaterialEvolutionResponse(top_3_nomes=top, evolucao=evolucao)
