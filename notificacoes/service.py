"""Staff notifications: created by the system (order ready, overdue) or by admins."""

from __future__ import annotations

from sqlmodel import Session

from notificacoes.models import Notificacao
from pedidos.events import record_event


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
