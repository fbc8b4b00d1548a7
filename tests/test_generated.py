"""The seeds rendered as PDF and Word files (../shared/corpus/generated) score like the
plain-text seed against its gold: every field within 0.03, and every section has a page."""
import importlib.util
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, need_shared

FIELDS = ("outline", "citations", "deadlines", "assignments", "targets")


def _check():
    spec = importlib.util.spec_from_file_location("generated_check", ROOT / "scripts" / "generated_check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rows():
    shared = need_shared("corpus", "generated").parent.parent
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed: the scanned PDF needs OCR")
    return {name: (got, gaps, pages) for name, got, gaps, _, pages, _ in _check().main(str(shared))}


@pytest.mark.parametrize("name", ["gen_000_libreoffice.pdf", "gen_000_scanned.pdf", "gen_000_libreoffice.docx",
                                  "gen_001_reportlab.pdf", "gen_001_libreoffice_plaintext.pdf",
                                  "gen_001_libreoffice_plaintext.docx"])
def test_rendered_copy_scores_like_its_seed(rows, name):
    got, gaps, pages = rows[name]
    assert max(gaps.values()) <= 0.03, (got, gaps)
    if name.endswith(".pdf"):
        assert pages >= 5       # sections carry the page they start on, across the document


@pytest.mark.parametrize("name", ["gen_000_libreoffice.pdf", "gen_001_reportlab.pdf", "gen_001_libreoffice_plaintext.pdf"])
def test_sections_carry_the_page_they_start_on(name):
    import pypdfium2 as pdfium
    import extractor
    path = need_shared("corpus", "generated", name)
    pdf = pdfium.PdfDocument(str(path))
    pages = [" ".join(pdf[i].get_textpage().get_text_bounded().split()) for i in range(len(pdf))]
    doc = extractor.parse(path)
    checked = 0
    for s in doc.sections:
        head = " ".join(doc.text[s.start:s.end].split())[:24]
        if s.kind in ("preamble", "closing") or len(head) < 24 or sum(head in p for p in pages) != 1:
            continue        # only openings printed once, so the page they are on is certain
        assert head in pages[s.page - 1], (s.label, head, s.page)
        checked += 1
    assert checked >= 10
