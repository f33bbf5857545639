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

# (regular, bold) pairs with Latin-1 and beyond, first found wins: Debian's fonts-dejavu-core,
# other Linux layouts, then Windows' own Arial on the shop's Windows box.
_CANDIDATES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
)


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str


HELVETICA = Fonts("Helvetica", "Helvetica-Bold")


@cache
def fonts() -> Fonts:
    """Register the fonts once per process and return their names."""
    for regular, bold in _CANDIDATES:
        if not (Path(regular).is_file() and Path(bold).is_file()):
            continue
        try:
            pdfmetrics.registerFont(TTFont("SGP-Sans", regular))
            pdfmetrics.registerFont(TTFont("SGP-Sans-Bold", bold))
        except Exception:  # a broken font file must not break printing
            continue
        return Fonts("SGP-Sans", "SGP-Sans-Bold")
    # Helvetica's WinAnsi encoding still prints every Portuguese accent.
    return HELVETICA


def string_width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)
