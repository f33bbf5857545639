"""Text inside a box: wrap, then shrink, never spill (truncate with an ellipsis and clip as a last resort)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from fichas.pdf.fonts import string_width

LINE_SPACING = 1.18
MIN_FONT_SIZE = 4.0
SHRINK_STEP = 0.5
ELLIPSIS = "…"


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF points, origin bottom-left."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class FittedText:
    lines: list[str]
    size: float


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and string_width(current + char, font, size) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    return pieces + [current]


def wrap(text: str, font: str, size: float, width: float, *, break_words: bool = True) -> list[str]:
    """Greedy word wrap; words longer than the width are broken by character (or left long)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if string_width(candidate, font, size) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            if not break_words or string_width(word, font, size) <= width:
                current = word
            else:
                *full, current = _break_word(word, font, size, width)
                lines.extend(full)
        lines.append(current)
    return lines


def block_height(line_count: int, size: float) -> float:
    return line_count * size * LINE_SPACING


def fit(text: str, font: str, size: float, width: float, height: float) -> FittedText:
    """The largest size (down to MIN_FONT_SIZE) at which the wrapped text fits; else truncated."""
    size = max(size, MIN_FONT_SIZE)
    while True:
        # Shrinking beats breaking a word in the middle; only at the smallest size do words break.
        lines = wrap(text, font, size, width, break_words=False)
        too_wide = any(string_width(line, font, size) > width for line in lines)
        if not too_wide and block_height(len(lines), size) <= height:
            return FittedText(lines, size)
        if size <= MIN_FONT_SIZE:
            break
        size = max(MIN_FONT_SIZE, size - SHRINK_STEP)
    lines = wrap(text, font, size, width)
    if block_height(len(lines), size) <= height:
        return FittedText(lines, size)
    room = max(1, int(height // (size * LINE_SPACING)))
    kept = lines[:room]
    last = kept[-1]
    while last and string_width(last + ELLIPSIS, font, size) > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + ELLIPSIS
    return FittedText(kept, size)


def draw_text(
    canvas: Canvas,
    box: Box,
    value: str,
    *,
    font: str,
    label_font: str,
    size: float,
    label: str = "",
    color: tuple[float, float, float] = (0, 0, 0),
    center: bool = False,
    middle: bool = False,
) -> None:
    """Draw "label: value" inside the box, the label in grey; clipped to the box whatever happens."""
    pad_x = min(1.5, box.width * 0.05)
    pad_y = min(1.0, box.height * 0.05)
    inner_w, inner_h = box.width - 2 * pad_x, box.height - 2 * pad_y
    if inner_w <= 0 or inner_h <= 0:
        return
    prefix = f"{label}: " if label and value else label
    fitted = fit(prefix + value, font, size, inner_w, inner_h)
    size = fitted.size
    block = block_height(len(fitted.lines), size)
    # One-line boxes read better centred; taller boxes read from the top like a paragraph.
    single_line = inner_h < 2 * size * LINE_SPACING
    top = box.y + box.height - pad_y
    if single_line or middle or center:
        top -= (inner_h - block) / 2
    canvas.saveState()
    path = canvas.beginPath()
    path.rect(box.x, box.y, box.width, box.height)
    canvas.clipPath(path, stroke=0, fill=0)
    baseline = top - size * 0.93
    for index, line in enumerate(fitted.lines):
        x = box.x + pad_x
        if center:
            x = box.x + (box.width - string_width(line, font, size)) / 2
        text = canvas.beginText(x, baseline)
        if index == 0 and prefix and line.startswith(prefix) and not center:
            text.setFont(label_font, size)
            text.setFillColorRGB(0.38, 0.38, 0.38)
            text.textOut(prefix)
            line = line[len(prefix) :]
        text.setFont(font, size)
        text.setFillColorRGB(*color)
        text.textOut(line)
        canvas.drawText(text)
        baseline -= size * LINE_SPACING
    canvas.restoreState()
