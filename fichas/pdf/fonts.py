"""Fonts for the fichas: DejaVu Sans when installed (wide Unicode), else Helvetica (WinAnsi covers Portuguese)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# Binary streams instead of ASCII85: without reportlab's C accelerator, ASCII85-encoding the
# embedded JPEGs in pure Python costs more than everything else in a render.
rl_config.useA85 = 0

_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("C:/Windows/Fonts"),
)


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str


@cache
def fonts() -> Fonts:
    """Register the fonts once per process and return their names."""
    for folder in _FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            try:
                pdfmetrics.registerFont(TTFont("SGP-Sans", str(regular)))
                pdfmetrics.registerFont(TTFont("SGP-Sans-Bold", str(bold)))
            except Exception:  # a broken font file must not break printing
                continue
            return Fonts("SGP-Sans", "SGP-Sans-Bold")
    return Fonts("Helvetica", "Helvetica-Bold")


def string_width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)
