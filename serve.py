"""How the API is served: `python -m serve --host 0.0.0.0 --port 8000 --workers 4` (any uvicorn option may follow).

uvicorn with the options the realtime fan-out was measured with (scripts/bench_ws.py):
- uvloop and httptools (from uvicorn[standard]; uvicorn picks them up when installed), its fastest
  event loop and HTTP parser;
- pedidos/ws_protocol.py: a socket's queued events leave in one write, each encoded once per worker;
- no permessage-deflate: compressing every event once per socket costs more CPU than the whole rest
  of the fan-out, to save a little bandwidth on a LAN.
Hypercorn also serves the app (it always negotiates deflate and sends one message per write).
"""

from __future__ import annotations

import sys

from uvicorn.main import main as uvicorn

OPTIONS = ["--ws", "pedidos.ws_protocol:FanOutWebSocketProtocol", "--ws-per-message-deflate", "false"]


def main(argv: list[str] | None = None) -> None:
    from storage.startup import refuse_unreachable_storage

    refuse_unreachable_storage()
    # Options given on the command line come last, so they win over these defaults.
    uvicorn(["main:app", *OPTIONS, *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
