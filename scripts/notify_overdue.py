"""Notify staff about orders past their delivery date: `python -m scripts.notify_overdue`.

Safe to run any number of times a day: each order is notified at most once per day.
"""

from __future__ import annotations

import argparse

from notificacoes.scheduler import run_overdue_check


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__).parse_args(argv)
    created = run_overdue_check()
    print(f"{created} notificação(ões) de pedidos atrasados criada(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
