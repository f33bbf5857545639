"""Safira: answers to the staff's operational questions, from the database (drafts never counted)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, literal, select, union_all
from sqlmodel import Session

from pedidos.orders.models import Pedido, PedidoItem
from safira.intents import detect_intent

UNKNOWN = (
    "Ainda não tenho dados suficientes para responder isso.\n\n"
    "Posso ajudar com perguntas sobre:\n• pedidos\n• materiais\n• vendedores\n• produção."
)
FINISHED = ("pronto", "entregue", "cancelado")
STAGES = ("financeiro", "sublimacao", "costura", "conferencia", "expedicao")  # the order work flows in
STAGE_LABELS = {
    "financeiro": "Financeiro",
    "sublimacao": "Sublimação",
    "costura": "Costura",
    "conferencia": "Conferência",
    "expedicao": "Expedição",
}


def _real() -> list[ColumnElement[bool]]:
    return [Pedido.rascunho.is_(False)]


def _count(session: Session, *where) -> int:
    return session.execute(select(func.count(Pedido.id)).where(*_real(), *where)).scalar_one()


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _pedidos_hoje(session: Session, today: date) -> tuple[str, dict]:
    total = _count(session, Pedido.data_entrada == today)
    if not total:
        return "Hoje ainda não foram registrados pedidos.", {"total": 0}
    return f"Pedidos feitos hoje\n\n{_plural(total, 'pedido registrado', 'pedidos registrados')}", {"total": total}


def _em_producao(session: Session, today: date) -> tuple[str, dict]:
    total = _count(session, Pedido.status == "em_producao")
    if not total:
        return "No momento não há pedidos em produção.", {"total": 0}
    return f"Pedidos em produção\n\n{_plural(total, 'pedido ativo', 'pedidos ativos')} agora", {"total": total}


def _atrasados(session: Session, today: date) -> tuple[str, dict]:
    total = _count(session, Pedido.data_entrega < today, Pedido.status.not_in(FINISHED))
    if not total:
        return "Não há pedidos atrasados no momento.", {"total": 0}
    return f"Pedidos atrasados\n\n{_plural(total, 'pedido', 'pedidos')} fora do prazo", {"total": total}


def _concluidos_hoje(session: Session, today: date) -> tuple[str, dict]:
    # Finished today: its last change (the one that finished it, as far as we know) was today.
    start = datetime.combine(today, time())
    changed_today = [Pedido.ultima_atualizacao >= start, Pedido.ultima_atualizacao < start + timedelta(days=1)]
    total = _count(session, Pedido.status.in_(("pronto", "entregue")), *changed_today)
    if not total:
        return "Nenhum pedido foi concluído hoje até agora.", {"total": 0}
    return f"Pedidos concluídos hoje\n\n{_plural(total, 'pedido concluído', 'pedidos concluídos')}", {"total": total}


def _top(session: Session, name, value, *where, join_orders: bool = True) -> tuple[str, int] | None:
    label = func.trim(name)
    statement = select(label, value).select_from(PedidoItem)
    if join_orders:
        statement = statement.join(Pedido, Pedido.id == PedidoItem.pedido_id)
    row = session.execute(
        statement.where(*_real(), Pedido.status != "cancelado", func.coalesce(label, "") != "", *where)
        .group_by(label)
        .order_by(value.desc(), label)
        .limit(1)
    ).first()
    return None if row is None else (row[0], int(row[1] or 0))


def _tipo_mais_feito(session: Session, today: date) -> tuple[str, dict]:
    top = _top(session, PedidoItem.tipo_producao, func.count())
    if top is None:
        return "Ainda não há registros de tipos de produção no sistema.", {}
    name, n = top
    return (
        f"Tipo de pedido mais feito\n\n{name.capitalize()}\n{_plural(n, 'produção', 'produções')} registrada(s)",
        {"nome": name, "total": n},
    )


def _material_mais_usado(session: Session, today: date) -> tuple[str, dict]:
    top = _top(session, PedidoItem.tecido, func.sum(PedidoItem.area_cm2))
    if top is None:
        return "Ainda não há dados de consumo de materiais registrados.", {}
    name, area_cm2 = top
    m2 = f"{area_cm2 / 10_000:.2f}".replace(".", ",")
    return f"Material mais usado\n\n{name}\n{m2} m² consumidos", {"nome": name, "area_m2": round(area_cm2 / 10_000, 2)}


def _vendedor_mais_produtivo(session: Session, today: date) -> tuple[str, dict]:
    top = _top(session, PedidoItem.vendedor, func.count(func.distinct(Pedido.id)), Pedido.data_entrada == today)
    if top is None:
        return "Nenhum pedido com vendedor foi criado hoje até agora.", {}
    name, n = top
    return f"Vendedor recordista hoje\n\n{name}\n{_plural(n, 'pedido criado', 'pedidos criados')}", {
        "nome": name,
        "total": n,
    }


def _cliente_mais_pedidos(session: Session, today: date) -> tuple[str, dict]:
    label = func.trim(Pedido.cliente)
    count = func.count(Pedido.id)
    row = session.execute(
        select(label, count)
        .where(*_real(), Pedido.status != "cancelado", Pedido.data_entrada >= today.replace(day=1))
        .group_by(label)
        .order_by(count.desc(), label)
        .limit(1)
    ).first()
    if row is None:
        return "Ainda não há pedidos registrados este mês.", {}
    return f"Cliente destaque do mês\n\n{row[0]}\n{_plural(row[1], 'pedido realizado', 'pedidos realizados')}", {
        "nome": row[0],
        "total": row[1],
    }


def _etapa_com_mais_pedidos(session: Session, today: date) -> tuple[str, dict]:
    # An open order waits at its first stage not yet ticked; one scan per stage, unioned.
    waiting = []
    for index, stage in enumerate(STAGES):
        done_before = [getattr(Pedido, earlier).is_(True) for earlier in STAGES[:index]]
        waiting.append(
            select(literal(stage).label("etapa"), func.count(Pedido.id).label("n")).where(
                *_real(), Pedido.status.not_in(FINISHED), getattr(Pedido, stage).is_(False), *done_before
            )
        )
    counts = {row.etapa: row.n for row in session.execute(union_all(*waiting))}
    if not any(counts.values()):
        return "Não há pedidos em andamento na produção.", {"etapas": counts}
    stage = max(STAGES, key=lambda s: counts.get(s, 0))
    n = counts[stage]
    return (
        f"Etapa com mais pedidos\n\n{STAGE_LABELS[stage]}\n{_plural(n, 'pedido aguardando', 'pedidos aguardando')}",
        {"etapa": stage, "etapas": counts},
    )


ANSWERS: dict[str, Callable[[Session, date], tuple[str, dict]]] = {
    "pedidos_hoje": _pedidos_hoje,
    "pedidos_em_producao": _em_producao,
    "pedidos_atrasados": _atrasados,
    "pedidos_concluidos_hoje": _concluidos_hoje,
    "tipo_pedido_mais_feito": _tipo_mais_feito,
    "material_mais_usado": _material_mais_usado,
    "vendedor_mais_produtivo": _vendedor_mais_produtivo,
    "cliente_mais_pedidos": _cliente_mais_pedidos,
    "etapa_producao_com_mais_pedidos": _etapa_com_mais_pedidos,
}


def ask(session: Session, *, question: str, today: date | None = None) -> dict[str, Any]:
    """{recognized, intent, answer, meta} for a staff question."""
    intent = detect_intent(question)
    answer = ANSWERS.get(intent)
    if answer is None:
        return {"recognized": False, "intent": "unknown", "answer": UNKNOWN, "meta": {}}
    text, meta = answer(session, today or date.today())
    return {"recognized": True, "intent": intent, "answer": text, "meta": meta}
