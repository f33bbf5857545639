"""Compare JSON encoders on 20,000 order-shaped objects: `python -m scripts.bench_json`.

Why: FastAPI deprecated ORJSONResponse; with a response_model it serialises through pydantic's own
(Rust) dump_json. This prints what each path costs, so the choice stays a measured one.
"""

from __future__ import annotations

import argparse
import json
import time

import orjson
from pydantic import BaseModel, TypeAdapter


class _Item(BaseModel):
    id: int
    descricao: str | None
    largura: str | None
    altura: str | None
    valor_unitario: str
    extras: dict


class _Order(BaseModel):
    id: int
    numero: str
    cliente: str
    status: str
    valor_total: str
    items: list[_Item]


def _timed(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=20_000)
    args = parser.parse_args()
    orders = [
        _Order(
            id=i,
            numero=f"{i:010d}",
            cliente="Cliente São João",
            status="pendente",
            valor_total="100.00",
            items=[
                _Item(
                    id=i * 10 + j, descricao="Painel", largura="1,00", altura="2,00", valor_unitario="50.00", extras={}
                )
                for j in range(3)
            ],
        )
        for i in range(args.orders)
    ]
    adapter = TypeAdapter(list[_Order])
    dicts = adapter.dump_python(orders)
    figures = {
        "pydantic dump_json (models)": _timed(lambda: adapter.dump_json(orders)),
        "pydantic dump_python + orjson": _timed(lambda: orjson.dumps(adapter.dump_python(orders))),
        "orjson (plain dicts)": _timed(lambda: orjson.dumps(dicts)),
        "json.dumps (plain dicts)": _timed(lambda: json.dumps(dicts).encode()),
    }
    for name, ms in figures.items():
        print(f"{name:32s} {ms:8.1f} ms")


if __name__ == "__main__":
    main()
