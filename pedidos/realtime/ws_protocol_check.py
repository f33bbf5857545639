"""Whether the installed uvicorn still has what pedidos/realtime/ws_protocol.py builds on.

The fan-out protocol subclasses uvicorn's websockets-sansio protocol and reads its connection state
(`transport`, `writable`, `disconnected`, `handshake_complete`, `close_sent`, `initial_response`,
`conn.state`, `conn.extensions`); those are uvicorn internals, not its public surface. serve.py asks
here at start-up: when any of them is gone (a uvicorn upgrade renamed it), the server runs uvicorn's
stock WebSocket protocol instead, with one log line, and the app sends one message per
`websocket.send` as it does on Hypercorn. Clients see the same frames either way.
"""

from __future__ import annotations

import asyncio
import inspect
from importlib.metadata import version

FAST = "pedidos.realtime.ws_protocol:FanOutWebSocketProtocol"
STOCK = "websockets-sansio"
# What the subclass reads on a connection, and their types on the uvicorn it was written for.
_STATE = {
    "transport": None,
    "writable": asyncio.Event,
    "disconnected": bool,
    "handshake_complete": bool,
    "close_sent": bool,
    "initial_response": None,
}


def missing() -> str | None:
    """Why the fan-out protocol cannot run on the installed uvicorn, or None when it can."""
    try:
        from uvicorn.config import Config
        from uvicorn.server import ServerState

        from pedidos.realtime.ws_protocol import FanOutWebSocketProtocol, WebSocketsSansIOProtocol
    except ImportError as error:
        return f"cannot import {error.name or error}"
    for method in ("run_asgi", "send"):
        if not inspect.iscoroutinefunction(getattr(WebSocketsSansIOProtocol, method, None)):
            return f"WebSocketsSansIOProtocol.{method} is not a coroutine method any more"
    loop = asyncio.new_event_loop()
    try:
        # A connection object that never connects: __init__ sets the state the subclass reads.
        probe = FanOutWebSocketProtocol(Config(app=_no_app), ServerState(), {}, _loop=loop)
    except Exception as error:  # any change of the constructor: fall back rather than refuse to start
        return f"WebSocketsSansIOProtocol() failed: {error!r}"
    finally:
        loop.close()
    for name, kind in _STATE.items():
        if not hasattr(probe, name):
            return f"WebSocketsSansIOProtocol has no attribute {name}"
        if kind is not None and not isinstance(getattr(probe, name), kind):
            return f"WebSocketsSansIOProtocol.{name} is not a {kind.__name__}"
    conn = getattr(probe, "conn", None)
    if not (hasattr(conn, "state") and hasattr(conn, "extensions")):
        return "WebSocketsSansIOProtocol.conn has no state or extensions"
    return None


def ws_option() -> tuple[str, str | None]:
    """The `--ws` protocol to serve with, and the log line when it is the stock one."""
    reason = missing()
    if reason is None:
        return FAST, None
    return STOCK, (
        f"uvicorn {version('uvicorn')}: {reason}; serving WebSockets with uvicorn's stock protocol "
        "(one write per message; the batched fan-out of pedidos/realtime/ws_protocol.py is off)"
    )


async def _no_app(scope, receive, send) -> None:  # the probe's Config needs an app; none is called
    raise RuntimeError("never called")
