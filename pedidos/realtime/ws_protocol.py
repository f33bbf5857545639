"""uvicorn's WebSocket protocol plus one ASGI extension: several text messages in one write.

The fan-out sends the same events to hundreds of sockets. Through plain ASGI every message to every
socket is framed by websockets' protocol and written with its own send() system call; most of the
server's time went there. With this extension a socket's queued messages leave in one write, and
each message is UTF-8 encoded once per worker, not once per socket: the app passes the encoded
bytes and only the 2-10 byte frame header is built here. Every message is still its own WebSocket
frame, so clients see exactly what they saw before.

The app finds the extension in `scope["extensions"]` and sends
`{"type": SEND_MANY, "messages": [<UTF-8 bytes of one text message>, ...]}`; without it (Hypercorn,
plain uvicorn) it sends one `websocket.send` per message. When the connection negotiated
permessage-deflate, or is not plainly open, the messages go through uvicorn's own path one by one.
This subclasses uvicorn's websockets-sansio protocol and reads its connection state, which are
uvicorn internals: pedidos/realtime/ws_protocol_check.py checks them when the server starts, and
serve.py falls back to uvicorn's stock protocol when any is gone. The realtime tests run through it
(tests/live.py starts `python -m serve`), and tests/operations/test_newest_uvicorn.py runs them
against the newest uvicorn on the package index.
"""

from __future__ import annotations

import struct

from uvicorn.protocols.utils import ClientDisconnected
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.protocol import State

SEND_MANY = "sgp.websocket.send_many"

_SHORT = struct.Struct("!BB")
_MEDIUM = struct.Struct("!BBH")
_LONG = struct.Struct("!BBQ")
_FIN_TEXT = 0x81  # FIN + text opcode; server frames are never masked (RFC 6455 §5.1)


def text_frame_header(length: int) -> bytes:
    if length < 126:
        return _SHORT.pack(_FIN_TEXT, length)
    if length < 65536:
        return _MEDIUM.pack(_FIN_TEXT, 126, length)
    return _LONG.pack(_FIN_TEXT, 127, length)


class FanOutWebSocketProtocol(WebSocketsSansIOProtocol):
    """`uvicorn --ws pedidos.realtime.ws_protocol:FanOutWebSocketProtocol` (see serve.py)."""

    async def run_asgi(self) -> None:
        self.scope.setdefault("extensions", {})[SEND_MANY] = {}
        await super().run_asgi()

    async def send(self, message) -> None:
        if message["type"] != SEND_MANY:
            return await super().send(message)
        messages = message["messages"]
        await self.writable.wait()  # back-pressure, as uvicorn's own send
        if self.disconnected:
            raise ClientDisconnected()
        if self._plainly_open():
            frames = []
            for data in messages:
                frames += (text_frame_header(len(data)), data)
            self.transport.write(b"".join(frames))
            return
        for data in messages:
            await super().send({"type": "websocket.send", "text": data.decode()})

    def _plainly_open(self) -> bool:
        return (
            self.handshake_complete
            and not self.close_sent
            and self.initial_response is None
            and self.conn.state is State.OPEN
            and not self.conn.extensions  # permessage-deflate frames need its per-connection state
        )
