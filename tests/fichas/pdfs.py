"""Reading the PDFs back: pages, sizes and text with its position (pypdf)."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from pypdf import PdfReader

MM = 72 / 25.4


@dataclass
class Fragment:
    text: str
    x: float  # points, origin bottom-left
    y: float
    font: str = ""
    size: float = 0


def read(content: bytes) -> PdfReader:
    return PdfReader(BytesIO(content))


def fragments(page) -> list[Fragment]:
    found: list[Fragment] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append(Fragment(text, x, y, str((font or {}).get("/BaseFont", "")), size * tm[3] * cm[3]))

    page.extract_text(visitor_text=visit)
    return found


def page_text(page) -> str:
    return " ".join(f.text for f in fragments(page))


def box_points(template_height_mm: float, field: dict) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of a field in PDF points."""
    left = field["x"] * MM
    top = (template_height_mm - field["y"]) * MM
    return left, top - field["height"] * MM, left + field["width"] * MM, top


def inside(fragment: Fragment, box: tuple[float, float, float, float]) -> bool:
    left, bottom, right, top = box
    return left <= fragment.x <= right and bottom <= fragment.y <= top


def drawn_images(page) -> list[tuple[float, float, int, int]]:
    """(drawn width pt, drawn height pt, pixel width, pixel height) of each image on the page."""
    from pypdf.generic import ContentStream

    xobjects = page["/Resources"].get("/XObject") or {}
    operations = ContentStream(page.get_contents(), page.pdf).operations
    found, matrix = [], None
    for operands, operator in operations:
        if operator == b"cm":
            matrix = [float(v) for v in operands]
        elif operator == b"Do" and matrix is not None:
            image = xobjects[operands[0]].get_object()
            if image.get("/Subtype") == "/Image":
                found.append((matrix[0], matrix[3], int(image["/Width"]), int(image["/Height"])))
    return found
