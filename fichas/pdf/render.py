"""Draw a template's fields on one page per item with reportlab. Pure: no database, no request."""

from __future__ import annotations

import itertools
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from io import BytesIO

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from fichas.pdf import images
from fichas.pdf.fonts import fonts
from fichas.pdf.text import Box, draw_text, fit
from fichas.schemas import TemplateField, TemplateOut

IMAGE_TYPES = {"image", "imagem"}
QR_TYPES = {"qrcode", "qr", "qr_code"}
STAGE_TYPES = {"stages", "etapas", "checklist"}
ALTA_RED = (0.80, 0.05, 0.05)
FRAME_GREY = 0.6
PREPARE_WORKERS = min(4, os.cpu_count() or 1)
ImageKey = tuple[str | None, float, float]  # (art's media key, box width mm, box height mm)
PreparedImages = dict[ImageKey, images.PreparedImage | None]


@dataclass
class PageData:
    """What one page shows: resolved text values, the art, the QR payload and the stage flags."""

    values: dict[str, str]
    image: str | None = None  # the art's key in the media storage
    qr_payload: str = ""
    alta: bool = False
    stages: list[tuple[str, bool]] = field(default_factory=list)


def _box(template: TemplateOut, item: TemplateField) -> Box:
    # Templates measure from the top-left in mm; PDF space starts bottom-left in points.
    return Box(
        x=item.x * mm,
        y=(template.height - item.y - item.height) * mm,
        width=item.width * mm,
        height=item.height * mm,
    )


def _frame(canvas: Canvas, box: Box) -> None:
    canvas.saveState()
    canvas.setStrokeGray(FRAME_GREY)
    canvas.setLineWidth(0.5)
    canvas.rect(box.x, box.y, box.width, box.height, stroke=1, fill=0)
    canvas.restoreState()


def _prepare_images(template: TemplateOut, pages: list[PageData]) -> PreparedImages:
    """Downscale every page's art up front, in parallel: Pillow decodes outside the GIL."""
    keys = {
        (page.image, item.width, item.height)
        for page in pages
        for item in template.fields
        if page.image is not None and item.visible and item.type.lower() in IMAGE_TYPES
    }
    if len(keys) <= 1 or PREPARE_WORKERS == 1:
        return {key: images.prepare(*key) for key in keys}
    with ThreadPoolExecutor(max_workers=PREPARE_WORKERS, thread_name_prefix="ficha-img") as pool:
        return dict(zip(keys, pool.map(lambda key: images.prepare(*key), keys), strict=True))


def _draw_image(canvas: Canvas, box: Box, item: TemplateField, page: PageData, prepared_images: PreparedImages) -> None:
    _frame(canvas, box)
    key = (page.image, item.width, item.height)
    prepared = prepared_images[key] if key in prepared_images else images.prepare(*key)
    if prepared is None:
        return
    scale = min(box.width / prepared.width, box.height / prepared.height)
    width, height = prepared.width * scale, prepared.height * scale
    x = box.x + (box.width - width) / 2
    y = box.y + (box.height - height) / 2
    canvas.drawImage(str(prepared.path), x, y, width, height)


def _draw_qr(canvas: Canvas, box: Box, page: PageData) -> None:
    if not page.qr_payload:
        return
    widget = QrCodeWidget(page.qr_payload, barLevel="M")
    widget.qr.make()
    count = widget.qr.getModuleCount()
    side = min(box.width, box.height)
    module = side / (count + 2 * widget.barBorder)
    left = box.x + (box.width - side) / 2 + widget.barBorder * module
    top = box.y + (box.height + side) / 2 - widget.barBorder * module
    # The widget's encoder, drawn as one path of dark runs: a tenth of the cost of rendering its shapes.
    path = canvas.beginPath()
    for row, modules in enumerate(widget.qr.modules):
        column = 0
        for dark, run in itertools.groupby(bool(m) for m in modules):
            length = sum(1 for _ in run)
            if dark:
                path.rect(left + column * module, top - (row + 1) * module, length * module, module)
            column += length
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _draw_stages(canvas: Canvas, box: Box, item: TemplateField, page: PageData) -> None:
    """A row of boxes (Sublimação, Costura, ...) to tick by hand; already-done stages come ticked."""
    if not page.stages:
        return
    font = fonts().bold if item.bold else fonts().regular
    cell = box.width / len(page.stages)
    square = min(box.height * 0.8, cell * 0.3, 6 * mm)
    label_width = cell - square - 3
    size = min(item.fontSize or 11, box.height * 0.8)
    for name, _done in page.stages:
        size = min(size, fit(name, font, size, label_width, box.height).size)
    for index, (name, done) in enumerate(page.stages):
        x = box.x + index * cell
        y = box.y + (box.height - square) / 2
        canvas.saveState()
        canvas.setLineWidth(0.9)
        canvas.rect(x + 1, y, square, square, stroke=1, fill=0)
        if done:
            canvas.setLineWidth(1.4)
            canvas.line(x + 1 + square * 0.2, y + square * 0.5, x + 1 + square * 0.42, y + square * 0.2)
            canvas.line(x + 1 + square * 0.42, y + square * 0.2, x + 1 + square * 0.85, y + square * 0.85)
        canvas.restoreState()
        label_box = Box(x + square + 2, box.y, label_width, box.height)
        draw_text(canvas, label_box, name, font=font, label_font=font, size=size, middle=True)


def _draw_priority(canvas: Canvas, box: Box, item: TemplateField, page: PageData) -> None:
    if not page.alta:
        _draw_field_text(canvas, box, item, page.values.get("prioridade", ""), middle=True)
        return
    canvas.saveState()
    canvas.setFillColorRGB(*ALTA_RED)
    canvas.rect(box.x, box.y, box.width, box.height, stroke=0, fill=1)
    canvas.restoreState()
    draw_text(
        canvas,
        box,
        "PRIORIDADE ALTA",
        font=fonts().bold,
        label_font=fonts().bold,
        size=item.fontSize or 11,
        color=(1, 1, 1),
        center=True,
    )


def _draw_field_text(canvas: Canvas, box: Box, item: TemplateField, value: str, *, middle: bool = False) -> None:
    """Label and value; a field whose key has no value for this item prints nothing, not a bare label
    (a field without a key is static text: its label alone)."""
    if item.key and not value.strip():
        return
    chosen = fonts().bold if item.bold else fonts().regular
    size = item.fontSize or 11
    draw_text(canvas, box, value, font=chosen, label_font=fonts().regular, size=size, label=item.label, middle=middle)


def _alta_frame(canvas: Canvas, template: TemplateOut) -> None:
    # Marked on the page edge too, so custom templates without a priority field still show it.
    inset = min(template.marginTop, template.marginLeft, 4) * mm / 2 or 1
    canvas.saveState()
    canvas.setStrokeColorRGB(*ALTA_RED)
    canvas.setLineWidth(min(3.0, inset))
    canvas.rect(inset, inset, template.width * mm - 2 * inset, template.height * mm - 2 * inset, stroke=1, fill=0)
    canvas.restoreState()


def draw_page(
    canvas: Canvas, template: TemplateOut, page: PageData, prepared_images: PreparedImages | None = None
) -> None:
    if page.alta:
        _alta_frame(canvas, template)
    for item in template.fields:
        if not item.visible or item.width <= 0 or item.height <= 0:
            continue
        box = _box(template, item)
        kind = item.type.lower()
        if kind in IMAGE_TYPES:
            _draw_image(canvas, box, item, page, prepared_images or {})
        elif kind in QR_TYPES:
            _draw_qr(canvas, box, page)
        elif kind in STAGE_TYPES:
            _draw_stages(canvas, box, item, page)
        elif item.key == "prioridade":
            _draw_priority(canvas, box, item, page)
        else:
            _draw_field_text(canvas, box, item, page.values.get(item.key or "", ""))


def render_pdf(template: TemplateOut, pages: list[PageData], *, title: str) -> bytes:
    """One PDF page per PageData, at the template's page size."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(template.width * mm, template.height * mm), pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("SGP")
    prepared_images = _prepare_images(template, pages)
    for page in pages:
        draw_page(canvas, template, page, prepared_images)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
