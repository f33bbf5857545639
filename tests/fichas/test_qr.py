"""The QR code drawn on the page is exactly the matrix reportlab's encoder made for the payload."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PIL import Image
from reportlab.graphics.barcode.qr import QrCodeWidget

from fichas.pdf.render import PageData, render_pdf
from fichas.schemas import TemplateOut

DPI = 300


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_printed_qr_modules_match_the_encoded_payload(tmp_path):
    payload = "0000000777-2"
    template = TemplateOut(
        templateType="resumo", title="QR", width=50, height=50,
        fields=[{"id": "qr", "type": "qrcode", "key": "qrcode", "x": 5, "y": 5, "width": 40, "height": 40}],
    )  # fmt: skip
    (tmp_path / "qr.pdf").write_bytes(render_pdf(template, [PageData(values={}, qr_payload=payload)], title="QR"))
    subprocess.run(
        ["pdftoppm", "-gray", "-png", "-r", str(DPI), "-singlefile", "qr.pdf", "qr"], cwd=tmp_path, check=True
    )
    page = Image.open(tmp_path / "qr.png").convert("L")

    widget = QrCodeWidget(payload, barLevel="M")
    widget.qr.make()
    expected = [[bool(m) for m in row] for row in widget.qr.modules]
    count = len(expected)
    px_per_mm = DPI / 25.4
    module = 40 / (count + 2 * widget.barBorder) * px_per_mm
    origin = (5 * px_per_mm + widget.barBorder * module, 5 * px_per_mm + widget.barBorder * module)
    printed = [
        [page.getpixel((int(origin[0] + (c + 0.5) * module), int(origin[1] + (r + 0.5) * module))) < 128
         for c in range(count)]
        for r in range(count)
    ]  # fmt: skip
    assert printed == expected
    # The quiet zone around it stays white, so scanners find the code.
    assert page.getpixel((int(origin[0] - module / 2), int(origin[1] - module / 2))) > 200
