"""Staff notifications: created by the system (order ready, overdue) or by admins."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, case, or_, select, text
from sqlalchemy.orm import aliased
from sqlmodel import Session

from auth.models import User
from database.base import utcnow
from database.pagination import Page, apply_page, count
from database.upsert import insert
from errors import NotFound
from notificacoes.models import Notificacao, NotificacaoLeitura
from pedidos.orders.drafts import NOT_DRAFT
from pedidos.orders.models import Pedido
from pedidos.realtime.events import record_event

NOT_FOUND = "Notificação não encontrada"
OVERDUE = "pedido_atrasado"
CLOSED_STATUSES = ("entregue", "cancelado")
OVERDUE_LOCK_KEY = 52_000_001


def public(notificacao: Notificacao) -> dict:
    return {
        "id": notificacao.id,
        "user_id": notificacao.user_id,
        "tipo": notificacao.tipo,
        "titulo": notificacao.titulo,
        "mensagem": notificacao.mensagem,
        "pedido_id": notificacao.pedido_id,
        "lida": notificacao.lida,
        "created_at": notificacao.created_at.isoformat(),
    }


def create_notification(
    session: Session,
    *,
    tipo: str,
    titulo: str,
    mensagem: str,
    pedido_id: int | None = None,
    user_id: int | None = None,
) -> Notificacao:
    """Store a notification (user_id None = everyone) and queue its WebSocket push, in the caller's transaction."""
    notificacao = Notificacao(tipo=tipo, titulo=titulo, mensagem=mensagem, pedido_id=pedido_id, user_id=user_id)
    session.add(notificacao)
    session.flush()
    record_event(
        session,
        type="notification",
        order_id=pedido_id,
        message={"type": "notification", "notificacao": public(notificacao)},
        target_user_id=user_id,
    )
    return notificacao


# --- per-user views -------------------------------------------------------------------------


def _visible(user_id: int):
    """Mine, or for everyone and not dismissed by me; with my read state."""
    leitura = aliased(NotificacaoLeitura)
    lida = case((Notificacao.user_id.is_(None), leitura.user_id.is_not(None)), else_=Notificacao.lida).label("lida")
    statement = (
        select(Notificacao, lida)
        .outerjoin(leitura, and_(leitura.notificacao_id == Notificacao.id, leitura.user_id == user_id))
        .where(
            or_(
                Notificacao.user_id == user_id,
                and_(Notificacao.user_id.is_(None), or_(leitura.user_id.is_(None), leitura.oculta.is_(False))),
            )
        )
    )
    return statement, lida


def _public_for(notificacao: Notificacao, lida: bool) -> dict:
    return {**public(notificacao), "lida": bool(lida)}


def list_for_user(session: Session, user_id: int, *, lidas: bool | None, page: Page) -> tuple[list[dict], int]:
    """The user's notifications, newest first, optionally only read or unread ones."""
    statement, lida = _visible(user_id)
    if lidas is not None:
        statement = statement.where(lida.is_(True) if lidas else lida.is_(False))
    total = count(session, statement)
    statement = apply_page(statement.order_by(Notificacao.id.desc()), page)
    return [_public_for(n, read) for n, read in session.execute(statement).all()], total


def latest_for_user(session: Session, user_id: int) -> dict:
    """`/api/notificacoes/ultimos`: the newest notification the user can see (0 when none)."""
    statement, _lida = _visible(user_id)
    row = session.execute(statement.order_by(Notificacao.id.desc()).limit(1)).first()
    if row is None:
        return {"ultimo_id": 0, "timestamp": None}
    return {"ultimo_id": row[0].id, "timestamp": row[0].created_at.isoformat()}


def get_for_user(session: Session, user_id: int, notificacao_id: int) -> tuple[Notificacao, bool]:
    statement, _lida = _visible(user_id)
    row = session.execute(statement.where(Notificacao.id == notificacao_id)).first()
    if row is None:
        raise NotFound(NOT_FOUND)
    return row[0], bool(row[1])


def _remember(session: Session, notificacao_id: int, user_id: int, *, oculta: bool = False) -> None:
    """Record that the user read (or dismissed) a broadcast; ON CONFLICT keeps double clicks harmless."""
    statement = insert(session, NotificacaoLeitura).values(
        notificacao_id=notificacao_id, user_id=user_id, oculta=oculta, lida_em=utcnow()
    )
    keys = ["notificacao_id", "user_id"]
    if oculta:
        statement = statement.on_conflict_do_update(index_elements=keys, set_={"oculta": True})
    else:
        statement = statement.on_conflict_do_nothing(index_elements=keys)
    session.execute(statement)


def _read_by(session: Session, notificacao: Notificacao, user_id: int) -> None:
    # A broadcast is read per user (a row in notificacao_leituras); a personal one on itself.
    if notificacao.user_id is None:
        _remember(session, notificacao.id, user_id)
    else:
        notificacao.lida = True
        session.add(notificacao)


def mark_read(session: Session, user_id: int, notificacao_id: int) -> dict:
    notificacao, _lida = get_for_user(session, user_id, notificacao_id)
    _read_by(session, notificacao, user_id)
    session.flush()
    return _public_for(notificacao, True)


def mark_all_read(session: Session, user_id: int) -> int:
    """Mark every unread notification of the user as read; returns how many changed."""
    statement, lida = _visible(user_id)
    unread = session.execute(statement.where(lida.is_(False))).all()
    for notificacao, _read in unread:
        _read_by(session, notificacao, user_id)
    session.flush()
    return len(unread)


def delete_for_user(session: Session, user_id: int, notificacao_id: int) -> None:
    """Delete my own notification; a broadcast one is only hidden for me."""
    notificacao, _lida = get_for_user(session, user_id, notificacao_id)
    if notificacao.user_id is None:
        _remember(session, notificacao.id, user_id, oculta=True)
    else:
        session.delete(notificacao)
        session.flush()


def create_by_admin(
    session: Session, *, titulo: str, mensagem: str, tipo: str, user_id: int | None, pedido_id: int | None
) -> dict:
    if user_id is not None and session.get(User, user_id) is None:
        raise NotFound("Usuário não encontrado")
    if pedido_id is not None and session.get(Pedido, pedido_id) is None:
        raise NotFound("Pedido não encontrado")
    notificacao = create_notification(
        session, tipo=tipo, titulo=titulo, mensagem=mensagem, pedido_id=pedido_id, user_id=user_id
    )
    return public(notificacao)


# --- overdue orders -------------------------------------------------------------------------


def notify_overdue_orders(session: Session, today: date) -> int:
    """One broadcast per order past its data_entrega and not entregue/cancelado, at most once a day."""
    if session.get_bind().dialect.name == "postgresql":
        # Several workers may run this at once; SQLite already serialises write transactions.
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": OVERDUE_LOCK_KEY})
    day_start = datetime.combine(today, time.min)
    already = (
        select(Notificacao.id)
        .where(
            Notificacao.tipo == OVERDUE,
            Notificacao.pedido_id == Pedido.id,
            Notificacao.created_at >= day_start,
            Notificacao.created_at < day_start + timedelta(days=1),
        )
        .exists()
    )
    overdue = session.execute(
        select(Pedido)
        .where(Pedido.data_entrega < today, Pedido.status.not_in(CLOSED_STATUSES), NOT_DRAFT, ~already)
        .order_by(Pedido.data_entrega, Pedido.id)
    ).scalars()
    created = 0
    for pedido in overdue:
        dias = (today - pedido.data_entrega).days
        create_notification(
            session,
            tipo=OVERDUE,
            titulo=f"Pedido {pedido.numero} atrasado",
            mensagem=(
                f"O pedido {pedido.numero} ({pedido.cliente}) deveria ter sido entregue em "
                f"{pedido.data_entrega:%d/%m/%Y} ({dias} dia{'s' if dias != 1 else ''} de atraso)."
            ),
            pedido_id=pedido.id,
        )
        created += 1
    return created
