"""The layouts served before an admin saves any: what a sewing table needs to work from one page.

The fields are data, one row each in default_layouts.csv (positions and sizes in mm, `bold` "sim"
or empty, `type` text, qrcode, image or stages), so a layout can be tuned without reading Python.
A field whose value is empty for an item prints nothing (fichas/pdf/render.py), so one layout serves
every production type: a totem shows its feet, a lona its trimming, a painel its eyelets. Finishing
gets the whole width on the A4 page: eyelets with count and spacing, totem feet, lona trimming.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

LAYOUTS_CSV = Path(__file__).with_name("default_layouts.csv")


def _field(row: dict[str, str]) -> dict[str, Any]:
    return {
        "id": row["key"],
        "type": row["type"],
        "label": row["label"],
        "key": row["key"],
        "x": float(row["x"]),
        "y": float(row["y"]),
        "width": float(row["width"]),
        "height": float(row["height"]),
        "fontSize": float(row["font_size"]),
        "bold": row["bold"] == "sim",
        "visible": True,
        "editable": True,
        "imageUrl": None,
    }


with LAYOUTS_CSV.open(encoding="utf-8", newline="") as _file:
    _ROWS = list(csv.DictReader(_file))


def _fields(template: str) -> list[dict[str, Any]]:
    return [_field(row) for row in _ROWS if row["template"] == template]


def _page(template: str, title: str, width: float, height: float, margin_y: float, margin_x: float) -> dict:
    return {
        "title": title,
        "width": width,
        "height": height,
        "marginTop": margin_y,
        "marginBottom": margin_y,
        "marginLeft": margin_x,
        "marginRight": margin_x,
        "fields": _fields(template),
    }


DEFAULTS: dict[str, dict[str, Any]] = {
    # A4 portrait, content from x 15 to 195 mm and y 10 to 287 mm.
    "geral": _page("geral", "Ficha de Produção", 210, 297, margin_y=10, margin_x=15),
    # 70 × 99 mm label, content from x 5 to 65 mm and y 3 to 96 mm.
    "resumo": _page("resumo", "Ficha Resumo", 70, 99, margin_y=3, margin_x=5),
}
