"""`ws://host/ws/orders?token=<JWT>[&since=<event_id>]`: order changes, notifications, relayed broadcasts."""

from __future__ import annotations

from fastapi import APIRouter, WebSocket

from pedidos.realtime import ws_session

router = APIRouter(tags=["Pedidos"])


@router.websocket("/ws/orders")
async def orders_socket(websocket: WebSocket) -> None:
    await ws_session.serve(websocket)
