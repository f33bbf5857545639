"""/automacao figures: SQL aggregates over the orders a period selects (drafts never count).

As the original, these count every status (cancelled too) unless `status` filters, date by
data_entrada (or data_entrega with date_mode=entrega), and measure items as materiais.area does.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Text, case, distinct, false, func, literal, select
from sqlmodel import Session

from database.base import utcnow
from database.pagination import MAX_ID, Page, apply_page
from database.types import search_key
from errors import NotFound, Unprocessable
from materiais.area import m2
from pedidos.orders import service as pedidos
from pedidos.orders.models import Pedido, PedidoItem
from relatorios.filters import STATUS_FILTERS

DATE_MODES = ("entrada", "entrega")
STAGNANT_HOURS = 48
NOT_FOUND = "Pedido não encontrado"


@dataclass(frozen=True)
class Filtro:
    inicio: date | None = None
    fim: date | None = None
    date_mode: str = "entrada"
    status: str | None = None
    cliente: str | None = None

    def conditions(self) -> list:
        where = [Pedido.rascunho == false()]
        column = Pedido.data_entrega if self.date_mode == "entrega" else Pedido.data_entrada
        if self.inicio is not None or self.fim is not None:
            where.append(column.is_not(None))
        if self.inicio is not None:
            where.append(column >= self.inicio)
        if self.fim is not None:
            where.append(column <= self.fim)
        statuses = _statuses(self.status)
        if statuses is not None:
            where.append(Pedido.status.in_(statuses))
        if self.cliente and self.cliente.strip():
            where.append(Pedido.cliente_busca.contains(search_key(self.cliente), autoescape=True))
        return where

    def echo(self) -> dict[str, Any]:
        """The period as the response repeats it."""
        return {
            "data_inicio": self.inicio.isoformat() if self.inicio else None,
            "data_fim": self.fim.isoformat() if self.fim else None,
            "date_mode": self.date_mode,
        }


def parse_date_mode(value: str | None) -> str:
    mode = (value or "entrada").strip().lower()
    if mode not in DATE_MODES:
        raise Unprocessable("date_mode inválido. Use 'entrada' ou 'entrega'.")
    return mode


def _statuses(value: str | None) -> tuple[str, ...] | None:
    key = (value or "").strip().lower()
    if key in ("", "todos"):
        return None
    found = STATUS_FILTERS.get(key)
    if found is None:
        raise Unprocessable("status inválido. Use: pendente, em_producao, pronto, entregue, cancelado ou concluido")
    return found[1]


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _reais(cents: int) -> float:
    return round(cents / 100, 2)


def metragem(session: Session, filtro: Filtro, page: Page) -> dict[str, Any]:
    """Each order with its items' count, m² and value (valor_total, else items + freight)."""
    cm2 = func.coalesce(func.sum(PedidoItem.area_total_cm2), 0)
    statement = (
        select(
            Pedido.id,
            Pedido.numero,
            Pedido.cliente,
            Pedido.data_entrada,
            Pedido.data_entrega,
            Pedido.status,
            func.count(PedidoItem.id),
            cm2,
            Pedido.valor_total,
            Pedido.valor_frete,
            func.coalesce(func.sum(PedidoItem.valor_calculado), 0),
        )
        .select_from(Pedido)
        .outerjoin(PedidoItem, PedidoItem.pedido_id == Pedido.id)
        .where(*filtro.conditions())
        .group_by(Pedido.id)
        .order_by(Pedido.id)
    )
    items = [
        {
            "pedido_id": row[0],
            "numero": row[1],
            "cliente": row[2],
            "data_entrada": _day(row[3]),
            "data_entrega": _day(row[4]),
            "status": row[5],
            "total_itens": row[6],
            "total_metragem": m2(int(row[7]), 4),
            "valor_total": _reais(row[8] if row[8] else int(row[10]) + row[9]),
        }
        for row in session.execute(apply_page(statement, page))
    ]
    return {"items": items, **filtro.echo()}


def _grouped(session: Session, filtro: Filtro, column, blank: str) -> dict[str, list]:
    """[orders, quantity, cm², value cents] per lower-cased name (blank → `blank`)."""
    key = func.lower(func.trim(func.coalesce(column, literal("", Text))))
    statement = (
        select(
            key,
            func.count(distinct(PedidoItem.pedido_id)),
            func.sum(PedidoItem.quantidade),
            func.sum(PedidoItem.area_total_cm2),
            func.sum(PedidoItem.valor_calculado),
        )
        .join(Pedido, Pedido.id == PedidoItem.pedido_id)
        .where(*filtro.conditions())
        .group_by(key)
    )
    totals: dict[str, list] = defaultdict(lambda: [0, 0, 0, 0])
    for name, *sums in session.execute(statement):
        # Python's lower() also folds what SQLite's ASCII-only lower() leaves (Ã, Ç...).
        bucket = totals[" ".join(str(name or "").lower().split()) or blank]
        for position, value in enumerate(sums):
            bucket[position] += int(value or 0)
    return totals


def por_tipo(session: Session, filtro: Filtro) -> dict[str, Any]:
    """Orders, units, m² and value per product type, most m² first."""
    totals = _grouped(session, filtro, PedidoItem.tipo_producao, "sem tipo")
    items = [
        {
            "tipo_producao": tipo,
            "total_pedidos": pedidos_,
            "total_itens": quantidade,
            "total_metragem": m2(cm2, 4),
            "valor_total": _reais(valor),
        }
        for tipo, (pedidos_, quantidade, cm2, valor) in sorted(totals.items(), key=lambda e: (-e[1][2], e[0]))
    ]
    return {"items": items, **filtro.echo()}


def por_tecido(session: Session, filtro: Filtro) -> dict[str, Any]:
    """Orders, units and m² per fabric (words capitalised, as the original shows them), most m² first."""
    totals = _grouped(session, filtro, PedidoItem.tecido, "sem tecido")
    items = [
        {
            "tecido": " ".join(word.capitalize() for word in tecido.split()),
            "total_pedidos": pedidos_,
            "total_itens": quantidade,
            "total_metragem": m2(cm2, 4),
        }
        for tecido, (pedidos_, quantidade, cm2, _valor) in sorted(totals.items(), key=lambda e: (-e[1][2], e[0]))
    ]
    return {"items": items, **filtro.echo()}


_KINDS = ("atrasado", "urgente_pendente", "estagnado")
_ALERT_COLUMNS = (
    Pedido.id,
    Pedido.numero,
    Pedido.cliente,
    Pedido.data_entrega,
    Pedido.status,
    Pedido.ultima_atualizacao,
)


def alertas(session: Session, *, limit: int, today: date | None = None, now: datetime | None = None) -> dict:
    """Open orders that are late, due by tomorrow and still pending, or in production untouched for 48 h."""
    today = today or date.today()
    now = now or utcnow()
    stale = now - timedelta(hours=STAGNANT_HOURS)
    late = Pedido.data_entrega < today
    urgent = (Pedido.data_entrega >= today) & (Pedido.data_entrega <= today + timedelta(days=1))
    urgent = urgent & (Pedido.status == "pendente")
    stagnant = (Pedido.status == "em_producao") & (Pedido.ultima_atualizacao <= stale)
    kind = case((late, 0), (urgent, 1), else_=2)
    statement = (
        select(*_ALERT_COLUMNS, kind)
        .where(Pedido.rascunho == false(), Pedido.status.not_in(("entregue", "cancelado")), late | urgent | stagnant)
        .order_by(kind, Pedido.id)
        .limit(limit)
    )
    items = []
    for pedido_id, numero, cliente, entrega, status, atualizado, position in session.execute(statement):
        tipo = _KINDS[position]
        items.append(
            {
                "pedido_id": pedido_id,
                "numero": numero,
                "cliente": cliente,
                "data_entrega": _day(entrega),
                "status": status,
                "tipo_alerta": tipo,
                "horas_estagnado": int((now - atualizado).total_seconds() // 3600) if tipo == "estagnado" else None,
            }
        )
    return {"items": items}


def pedido_por_numero(session: Session, numero: str) -> dict[str, Any]:
    """The order (JSON as GET /pedidos/{id}) by numero as written, zero-padded to 10 digits, or its id."""
    candidates = [numero]
    is_number = numero.isascii() and numero.isdigit()
    if is_number:
        candidates.append(numero.zfill(10))
    for candidate in candidates:
        found = session.execute(
            select(Pedido).where(Pedido.numero == candidate, Pedido.rascunho == false()).limit(1)
        ).scalar_one_or_none()
        if found is not None:
            return pedidos.public(session, found)
    if is_number and 0 < int(numero) <= MAX_ID:
        found = session.get(Pedido, int(numero))
        if found is not None and not found.rascunho:
            return pedidos.public(session, found)
    raise NotFound(NOT_FOUND)
