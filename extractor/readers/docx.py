"""Word files: python-docx for .docx; .doc converted with LibreOffice when installed."""
from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import regex

from ..models import RawDocument, RawPage, RawTable


def read_docx(path, data: bytes) -> RawDocument:
    from . import ReadError
    try:
        import docx  # python-docx
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises several types for bad packages
        raise ReadError(path, f"not a readable .docx file ({type(e).__name__})") from e
    lines: list[str] = []
    tables: list[RawTable] = []
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    numbering = _Numbering(document)
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(block, document)
            lines.append(numbering.prefix(para) + para.text)
        elif tag == "tbl":
            table = Table(block, document)
            if _layout_table(table):
                lines.extend(_column_lines(table))
                continue
            rows = _table_rows(table)
            tables.append(RawTable(rows=rows))
            lines.extend("\t".join(r) for r in rows)
    return RawDocument(path=str(path), format="docx", pages=[RawPage(text="\n".join(lines))],
                       tables=tables)


# A header (issuer beside the national motto) or a signature block (Nơi nhận beside the
# signer) laid out as a borderless table: its cells are blocks of lines, not data.
_LAYOUT_WORDS = regex.compile(r"(?i)cộng hòa xã hội|cộng hoà xã hội|độc lập\s*[-–]|^\s*số\s*:|nơi nhận|"
                              r"^\s*(?:tm|kt|t/m|tl|tuq)\s*[./]")


def _layout_table(table) -> bool:
    rows = table.rows
    if len(rows) > 4 or any(len(r.cells) > 3 for r in rows):
        return False
    return any(_LAYOUT_WORDS.search(p.text) for row in rows for cell in row.cells for p in cell.paragraphs)


def _column_lines(table) -> list[str]:
    """The cells' paragraphs as lines, the left column first, then the next."""
    out: list[str] = []
    columns = max(len(r.cells) for r in table.rows)
    for c in range(columns):
        seen = set()
        for row in table.rows:
            if c >= len(row.cells) or row.cells[c]._tc in seen:
                continue
            seen.add(row.cells[c]._tc)
            out.extend(" ".join(p.text.split()) for p in row.cells[c].paragraphs if p.text.strip())
    return out


def _table_rows(table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells, last = [], None
        for cell in row.cells:
            if cell._tc is last:      # merged cells repeat; keep one
                continue
            last = cell._tc
            cells.append(" ".join(cell.text.split()))
        rows.append(cells)
    return rows


class _Numbering:
    """Render Word automatic numbering (numbering.xml) as the printed marker."""

    def __init__(self, document):
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            part = document.part.numbering_part
        except Exception:
            return
        ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
        root = part.element
        abstract = {}
        for an in root.findall("w:abstractNum", ns):
            aid = an.get(f"{{{ns['w']}}}abstractNumId")
            levels = {}
            for lvl in an.findall("w:lvl", ns):
                ilvl = int(lvl.get(f"{{{ns['w']}}}ilvl"))
                fmt = lvl.find("w:numFmt", ns)
                txt = lvl.find("w:lvlText", ns)
                start = lvl.find("w:start", ns)
                levels[ilvl] = (fmt.get(f"{{{ns['w']}}}val") if fmt is not None else "decimal",
                                txt.get(f"{{{ns['w']}}}val") if txt is not None else "%1.",
                                int(start.get(f"{{{ns['w']}}}val")) if start is not None else 1)
            abstract[aid] = levels
        for num in root.findall("w:num", ns):
            nid = num.get(f"{{{ns['w']}}}numId")
            ref = num.find("w:abstractNumId", ns)
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{{{ns['w']}}}val"), {}).items():
                self.formats[(nid, ilvl)] = spec

    def prefix(self, para) -> str:
        ppr = para._p.pPr
        if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
            return ""
        nid = str(ppr.numPr.numId.val)
        ilvl = int(ppr.numPr.ilvl.val) if ppr.numPr.ilvl is not None else 0
        spec = self.formats.get((nid, ilvl))
        if spec is None:
            return ""
        counters = self.counters.setdefault(nid, [0] * 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        out = spec[1]
        for level in range(ilvl + 1):
            lspec = self.formats.get((nid, level), ("decimal", "", 1))
            value = counters[level] + lspec[2] - 1 if counters[level] else lspec[2]
            out = out.replace(f"%{level + 1}", _format_number(value, lspec[0]))
        if spec[0] == "bullet":
            return "- "
        return (out + " ") if out else ""


_LETTERS = "abcdđeghiklmnopqrstuvxy"


def _format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _LETTERS[(n - 1) % len(_LETTERS)]
    if fmt == "upperLetter":
        return _LETTERS[(n - 1) % len(_LETTERS)].upper()
    if fmt in ("upperRoman", "lowerRoman"):
        r = _roman(n)
        return r if fmt == "upperRoman" else r.lower()
    return str(n)


def _roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def read_doc(path, data: bytes) -> RawDocument:
    """Old binary .doc: convert with LibreOffice headless, then read the .docx."""
    from . import ReadError
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise ReadError(path, "legacy .doc needs LibreOffice (soffice) to convert, and it is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.doc"
        src.write_bytes(data)
        try:
            subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                            "--convert-to", "docx", "--outdir", tmp, str(src)],
                           check=True, capture_output=True, timeout=120)
        except (subprocess.SubprocessError, OSError) as e:
            raise ReadError(path, f"LibreOffice could not convert the .doc file ({type(e).__name__})") from e
        out = Path(tmp) / "in.docx"
        if not out.exists():
            raise ReadError(path, "LibreOffice produced no .docx from the .doc file")
        raw = read_docx(path, out.read_bytes())
    raw.format = "doc"
    return raw
