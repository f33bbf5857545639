"""A second process that commits orders one by one until a stop file appears (load during a backup).

python -m tests.operations.order_writer DATABASE_URL STOP_FILE
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from sqlmodel import Session

from database.engine import build_engine
from pedidos.orders.models import Pedido


def main(url: str, stop_file: str) -> None:
    engine = build_engine(url).execution_options(sgp_write=True)
    stop = Path(stop_file)
    number = 0
    while not stop.exists():
        number += 1
        with Session(engine) as session:
            session.add(Pedido(numero=f"W{number:07d}", data_entrada=date.today(), cliente="Escritor Contínuo"))
            session.commit()
    engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
