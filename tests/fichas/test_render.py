"""The renderer on its own: text fitting rules and the font fallback."""

from __future__ import annotations

from fichas.pdf import render
from fichas.pdf.fonts import HELVETICA, fonts, string_width
from fichas.pdf.render import PageData, render_pdf
from fichas.pdf.text import MIN_FONT_SIZE, block_height, fit
from fichas.schemas import TemplateOut
from tests.fichas import pdfs


def test_text_that_fits_keeps_its_size():
    fitted = fit("Oxford", fonts().regular, 12, 200, 20)
    assert fitted.lines == ["Oxford"] and fitted.size == 12


def test_text_wraps_before_it_shrinks_and_shrinks_before_breaking_words():
    font = fonts().regular
    wrapped = fit("Painel sublimado com bainha", font, 10, 80, 40)
    assert len(wrapped.lines) > 1 and wrapped.size == 10
    word = "Sublimação"
    shrunk = fit(word, font, 10, string_width(word, font, 10) * 0.8, 40)
    assert shrunk.lines == [word] and shrunk.size < 10


def test_text_that_cannot_fit_is_cut_with_an_ellipsis_inside_the_box():
    text = "\n".join(f"Linha {n} da observação" for n in range(200))
    fitted = fit(text, fonts().regular, 12, 120, 30)
    assert fitted.size == MIN_FONT_SIZE
    assert fitted.lines[-1].endswith("…")
    assert block_height(len(fitted.lines), fitted.size) <= 30
    assert all(string_width(line, fonts().regular, fitted.size) <= 120 for line in fitted.lines)


def test_helvetica_fallback_still_prints_portuguese_accents(monkeypatch):
    monkeypatch.setattr(render, "fonts", lambda: HELVETICA)
    template = TemplateOut(
        templateType="geral", title="x", width=100, height=50,
        fields=[{"id": "c", "type": "text", "label": "Cliente", "key": "cliente", "x": 5, "y": 5, "width": 90,
                 "height": 10, "bold": True}],
    )  # fmt: skip
    pdf = render_pdf(template, [PageData(values={"cliente": "José Conceição Ateliê — Açaí"})], title="x")
    text = pdfs.page_text(pdfs.read(pdf).pages[0])
    assert "José Conceição Ateliê" in text and "Açaí" in text
