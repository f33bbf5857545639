"""The server side of SEND_MANY: frames exactly as websockets writes them; deflate sockets keep working."""

from __future__ import annotations

import asyncio
from contextlib import ExitStack

import pytest
from websockets.asyncio.client import connect
from websockets.frames import Frame, Opcode

from pedidos.realtime.ws_protocol import text_frame_header
from tests.live import LiveServer
from tests.realtime.support import Cluster, messages, open_socket, token_of, write_event, ws_url


@pytest.mark.parametrize("length", [0, 1, 125, 126, 65535, 65536, 70000])
def test_text_frames_are_what_websockets_would_write(length):
    data = ("é" * length).encode()[:length]
    expected = Frame(Opcode.TEXT, data).serialize(mask=False, extensions=[])
    assert text_frame_header(len(data)) + data == expected


@pytest.fixture(scope="module")
def deflating():
    with ExitStack() as stack:
        server = LiveServer(workers=1, options=("--ws-per-message-deflate", "true")).start()
        stack.callback(server.stop)
        yield Cluster([server])


async def test_a_burst_reaches_deflate_and_plain_sockets_as_separate_messages(deflating, user):
    compressed = await connect(ws_url(deflating.url, token_of(user)), compression="deflate")
    async with compressed, await open_socket(deflating.url, user) as plain:
        assert compressed.protocol.extensions and not plain.protocol.extensions
        order = {"cliente": "Gráfica Sol", "items": []}
        sent = [{"type": "order_updated", "order_id": n, "order": {**order, "id": n}} for n in range(30)]
        ids = await asyncio.to_thread(lambda: [write_event(message) for message in sent])
        expected = [{**message, "event_id": event_id} for message, event_id in zip(sent, ids, strict=True)]
        for ws in (compressed, plain):
            assert await messages(ws, len(sent)) == expected
