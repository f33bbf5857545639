"""The analítico reports' groups and subgroups: buckets, their order, their shape in the response.

Shared by both ways a report is read (analitico.py over the base tables, itens.py over relatorio_itens).
"""

from __future__ import annotations

from typing import Any

from relatorios.labels import money, slugify


def by_label(bucket: dict) -> tuple:
    # Labels equal but for case ("Bruno", "bruno") sort the same: the label itself breaks the tie.
    return bucket["sort"], bucket["label"]


def bucket(text: str, sort: tuple, **extra: Any) -> dict:
    return {"label": text, "sort": sort, "servico": 0, "frete": 0, "orders": {}, **extra}


def _subtotal(bucket: dict) -> dict:
    return {"valor_frete": money(bucket["frete"]), "valor_servico": money(bucket["servico"])}


def shape(group: dict, proporcional: bool) -> dict:
    subs = sorted(group["subs"].values(), key=by_label)
    group["servico"] = sum(sub["servico"] for sub in subs)
    if proporcional:
        group["frete"] = sum(sub["frete"] for sub in subs)
    subgroups = [
        {"key": slugify(sub["label"]), "label": sub["label"], "rows": sub["rows"], "subtotal": _subtotal(sub)}
        for sub in subs
    ]
    return {
        "key": slugify(group["label"]),
        "label": group["label"],
        "rows": [],
        "subgroups": subgroups,
        "subtotal": _subtotal(group),
    }
