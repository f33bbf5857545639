"""GET /materiais/stats and /materiais/stats/evolucao: the period's rows of material_resumo.

The database keeps the items' sums per (day, material as written, product type) (materiais/models.py,
migration 1520); the period's rows are merged here by the original's material key, whose casefold
the databases' lower() does not match. Areas stay integer cm² until the response. Drafts and
cancelled orders are left out.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from materiais.area import NAO_INFORMADO, m2, normalize_name
from materiais.models import MaterialResumo
from materiais.schemas import (
    MaterialEvolutionItem,
    MaterialEvolutionResponse,
    MaterialStatsKPIs,
    MaterialStatsResponse,
    RankingItem,
)

RANKING_SIZE = 20
# The original's finishing labels, in the order it counts them.
ACABAMENTOS = ("OVERLOQUE", "ELÁSTICO", "ILHÓS (PRESENÇA)", "EMENDA", "ILHÓS (QUANTIDADE)")


_resumo = MaterialResumo.__table__.c
# Σ items per finishing label (ACABAMENTOS' order), then Σ eyelets.
FINISHING = (_resumo.overloque, _resumo.elastico, _resumo.ilhos, _resumo.emenda, _resumo.com_ilhos)


def _scan(
    session: Session, inicio: date | None, fim: date | None, tipo_producao: str | None, *, finishing: bool = False
) -> list[Any]:
    """(day, tecido, tipo, items, cm²[, Σ per finishing label..., Σ ilhós]) per key of the period, in key order."""
    columns = [_resumo.data_entrada, _resumo.tecido, _resumo.tipo_producao, _resumo.itens, _resumo.area_cm2]
    if finishing:
        columns += [*FINISHING, _resumo.total_ilhos]
    where = [_resumo.itens != 0]
    if inicio is not None:
        where.append(_resumo.data_entrada >= inicio)
    if fim is not None:
        where.append(_resumo.data_entrada <= fim)
    if tipo_producao:
        where.append(_resumo.tipo_producao == tipo_producao)
    return session.execute(select(*columns).where(*where)).all()


@lru_cache(maxsize=4096)  # a year's ~15k rows hold a few dozen names
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
    acabamentos = dict.fromkeys(ACABAMENTOS, 0)
    total_itens = total_ilhos = 0
    for dia, tecido, tipo, items, cm2, *finishing, ilhos in _scan(session, inicio, fim, tipo_producao, finishing=True):
        cm2 = int(cm2 or 0)
        for label, count in zip(ACABAMENTOS, finishing, strict=True):
            acabamentos[label] += int(count or 0)
        total_ilhos += int(ilhos or 0)
        nome = material_key(tecido)
        total_itens += items
        for bucket in (materiais[nome], por_tipo[tipo or "OUTROS"][nome]):
            bucket[0] += items
            bucket[1] += cm2
        por_dia[_day(dia)] += cm2
    com_ilhos = acabamentos["ILHÓS (QUANTIDADE)"]

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
    for dia, tecido, _tipo, _items, cm2 in _scan(session, inicio, fim, tipo_producao):
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
