"""OCR of scanned pages with Tesseract (`vie`), one thread per process."""
from __future__ import annotations

import os
import signal
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

DPI = 300


class OcrUnavailable(RuntimeError):
    """Tesseract or its Vietnamese data is not installed."""


def available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_image(image) -> str:
    """Text of a PIL image. OMP_THREAD_LIMIT=1 so parallel workers do not oversubscribe the cores."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise OcrUnavailable("scanned page needs OCR, but tesseract is not installed "
                             "(apt-get install tesseract-ocr tesseract-ocr-vie)")
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        done = subprocess.run([exe, str(png), "stdout", "-l", "vie", "--psm", "4", "tsv"], capture_output=True,
                              text=True, env=env, timeout=300)
        if done.returncode != 0:
            raise OcrUnavailable(f"tesseract failed: {done.stderr.strip()[:200]}")
        return text_from_tsv(done.stdout, DPI)


def text_from_tsv(tsv: str, dpi: int = DPI) -> str:
    """Tesseract's words back into lines and paragraphs. Words on one line far apart (the
    issuer block beside the motto, Nơi nhận beside the signer) are kept apart by a run of
    spaces, as layout text has them, so the normaliser reads the two blocks one after the other."""
    column_gap = 0.25 * dpi          # a quarter inch: far wider than any word space
    lines: dict[tuple[int, int, int], list[tuple[int, int, str]]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        block, par, line, left, width = (int(cells[i]) for i in (2, 3, 4, 6, 8))
        lines.setdefault((block, par, line), []).append((left, left + width, cells[11]))
    out, last_par = [], None
    for (block, par, _), words in lines.items():
        if last_par is not None and (block, par) != last_par:
            out.append("")
        last_par = (block, par)
        out.append(_line(sorted(words), column_gap))
    return "\n".join(out)


def _line(words: list[tuple[int, int, str]], column_gap: float) -> str:
    """A line's words; a gap both wide and far wider than the line's usual gap (not the even
    gaps of a justified heading) separates two columns."""
    gaps = [b[0] - a[1] for a, b in zip(words, words[1:])]
    usual = sorted(gaps)[len(gaps) // 2] if gaps else 0
    text = words[0][2]
    for gap, (_, _, word) in zip(gaps, words[1:]):
        text += ("      " if gap > column_gap and gap > 3 * usual else " ") + word
    return text


def ocr_pdf_page(page) -> str:
    """Rasterise a pypdfium2 page at 300 dpi and OCR it."""
    bitmap = page.render(scale=DPI / 72, grayscale=True)
    with _time_limit_paused():
        return repair(ocr_image(bitmap.to_pil()))


@contextmanager
def _time_limit_paused():
    """A bulk run's per-document time limit (an interval timer) guards against pathological
    text, not against a long scan: OCR takes seconds a page and has its own limit per page,
    so the timer is stopped while Tesseract runs and resumed with what was left."""
    left, _ = signal.getitimer(signal.ITIMER_REAL) if hasattr(signal, "ITIMER_REAL") else (0.0, 0.0)
    if left:
        signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        if left:
            signal.setitimer(signal.ITIMER_REAL, left)


# Confusions Tesseract makes in legal markers and numbers, repaired only where unambiguous.
_REPAIRS = [
    (r"\bTĨNH\b", "TỈNH"), (r"\bQUYÉT\b", "QUYẾT"), (r"\bĐIÊU\b", "ĐIỀU"), (r"\bĐiêu\b", "Điều"),
    (r"(?<=\d)[Oo](?=\d)", "0"), (r"(?<=\d)[lI](?=\d)", "1"), (r"(?<=\b(?:Điều|khoản|Số:?)\s)[lI](?=\d|\b)", "1"),
    (r"(?<=\d)Š|Š(?=\d)", "5"),
]


def repair(text: str) -> str:
    import regex
    for pattern, replacement in _REPAIRS:
        text = regex.sub(pattern, replacement, text)
    return text
