"""OCR of scanned pages with Tesseract (`vie`), one thread per process."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
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
        done = subprocess.run([exe, str(png), "stdout", "-l", "vie", "--psm", "4"], capture_output=True,
                              text=True, env=env, timeout=300)
        if done.returncode != 0:
            raise OcrUnavailable(f"tesseract failed: {done.stderr.strip()[:200]}")
        return done.stdout


def ocr_pdf_page(page) -> str:
    """Rasterise a pypdfium2 page at 300 dpi and OCR it."""
    bitmap = page.render(scale=DPI / 72, grayscale=True)
    return repair(ocr_image(bitmap.to_pil()))


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
