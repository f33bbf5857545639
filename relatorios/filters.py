"""Report filters: dates, date modes, status labels and the SQL conditions they become."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select, true
from sqlmodel import Session

from database.types import search_key
from errors import BadRequest, Unprocessable
from pedidos.orders.models import Pedido

DATE_MODES = {"entrada", "entrega", "qualquer"}

# The app's labels (case and accents ignored) and the seed's enum values → stored statuses.
STATUS_FILTERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "pendente": ("Pendente", ("pendente",)),
    "em processamento": ("Em Processamento", ("em_producao",)),
    "em producao": ("Em Processamento", ("em_producao",)),
    "em_producao": ("Em Processamento", ("em_producao",)),
    "concluido": ("Concluído", ("pronto", "entregue")),
    "pronto": ("Pronto", ("pronto",)),
    "entregue": ("Entregue", ("entregue",)),
    "cancelado": ("Cancelado", ("cancelado",)),
}


def parse_day(value: str | None, name: str, *, required: bool) -> date | None:
    """A YYYY-MM-DD query value; a missing required one is a 422 that names it."""
    if value is None or value.strip() == "":
        if required:
            raise Unprocessable(f"Parâmetro obrigatório ausente: {name}, no formato AAAA-MM-DD")
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise BadRequest(f"{name} inválida: {value!r}. Use o formato AAAA-MM-DD")


def parse_date_mode(value: str | None, *, default: str | None) -> str | None:
    if value is None or value.strip() == "":
        return default
    mode = value.strip().lower()
    if mode not in DATE_MODES:
        raise BadRequest("date_mode inválido. Use: entrada, entrega ou qualquer")
    return mode


def parse_status(value: str | None) -> tuple[str, tuple[str, ...] | None]:
    """(label, statuses) for a status label; "Todos"/absent means no filter."""
    key = search_key(value).replace("_", " ") if value else ""
    if key in ("", "todos"):
        return "Todos", None
    found = STATUS_FILTERS.get(key) or STATUS_FILTERS.get(search_key(value))
    if found is None:
        raise BadRequest("status inválido. Use: Todos, Pendente, Em Processamento, Concluido ou Cancelado")
    return found


def reference_date() -> ColumnElement[date]:
    """data_entrega, else data_entrada: written exactly as the index on it (migration 0700)."""
    return func.coalesce(Pedido.data_entrega, Pedido.data_entrada)


@dataclass(frozen=True)
class Periodo:
    """The order-level filter every report shares."""

    start: date | None = None
    end: date | None = None
    date_mode: str | None = "entrada"  # None: data_entrega, falling back to data_entrada
    statuses: tuple[str, ...] | None = None
    incluir_cancelados: bool = True
    cliente: str | None = None

    def reference_date(self):
        """The date an order is filed under (for date groups and trend buckets)."""
        if self.date_mode == "entrada":
            return Pedido.data_entrada
        if self.date_mode == "entrega":
            return Pedido.data_entrega
        if self.date_mode == "qualquer" and self.start is not None and self.end is not None:
            in_range = and_(Pedido.data_entrada >= self.start, Pedido.data_entrada <= self.end)
            return case((in_range, Pedido.data_entrada), else_=Pedido.data_entrega)
        return reference_date()

    def conditions(self) -> list[ColumnElement[bool]]:
        where = self._date_conditions()
        # Drafts are in no report; rascunho is in the date ranges' covering indexes (migration 1300).
        where.append(Pedido.rascunho == false())
        if self.statuses is not None:
            where.append(Pedido.status.in_(self.statuses))
        elif not self.incluir_cancelados:
            where.append(Pedido.status != "cancelado")
        if self.cliente and self.cliente.strip():
            where.append(Pedido.cliente_busca.contains(search_key(self.cliente), autoescape=True))
        return where

    def _date_conditions(self) -> list[ColumnElement[bool]]:
        if self.start is None and self.end is None:
            return []
        if self.date_mode == "qualquer":
            return [
                or_(
                    _between(Pedido.data_entrada, self.start, self.end),
                    _between(Pedido.data_entrega, self.start, self.end),
                )
            ]
        if self.date_mode in ("entrada", "entrega"):
            column = Pedido.data_entrada if self.date_mode == "entrada" else Pedido.data_entrega
            return [_between(column, self.start, self.end)]
        # Absent mode: data_entrega, or data_entrada when there is none; one range of the expression
        # index ix_pedidos_periodo_referencia (an OR of two ranges cost a table lookup per order).
        return [_between(reference_date(), self.start, self.end)]


def _between(column, start: date | None, end: date | None) -> ColumnElement[bool]:
    parts = []
    if start is not None:
        parts.append(column >= start)
    if end is not None:
        parts.append(column <= end)
    return and_(true(), *parts) if parts else true()


def matching_names(session: Session, column, text: str | None) -> list[str] | None:
    """The distinct names in `column` containing `text` (case and accents ignored); None when no filter."""
    if text is None or not text.strip():
        return None
    wanted = search_key(text)
    return [name for name in session.execute(select(column).distinct()).scalars() if wanted in search_key(name)]
