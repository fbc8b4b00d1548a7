"""Page layout of text-layer PDFs, from pypdfium2's text rectangles.

pypdfium2 gives faithful text in content order, fast; what it does not give is layout. This
module reads the rectangles of the page's text runs, groups them into lines and cuts the page
into horizontal bands, each read with ``get_text_bounded``:

- running headers and footers (a line at the top or bottom of the page that repeats across
  pages once its digits are ignored, or a bare page number) are left out;
- a block of lines set in two columns (the issuer block beside the national motto, Nơi nhận
  beside the signature) is read left column first, then right, instead of line by line;
- a ruled table found by pdfplumber becomes one line per row, cells separated by tabs, its
  cell text read by pypdfium2 (pdfplumber's own text breaks on some font maps).
Coordinates are PDF points, y up, as pypdfium2 gives them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex

MIN_COLUMN_GAP = 14.0      # points of blank between two columns; word gaps are far smaller
MARGIN_SHARE = 0.13        # running headers/footers sit in the top or bottom 13% of a page
REPEAT_SHARE = 0.4         # ... and repeat on at least 40% of the pages (and on two at least)


@dataclass
class Line:
    top: float
    bottom: float
    boxes: list[tuple[float, float]] = field(default_factory=list)   # (left, right) of each run

    @property
    def left(self) -> float:
        return min(b[0] for b in self.boxes)

    @property
    def right(self) -> float:
        return max(b[1] for b in self.boxes)

    def crosses(self, x: float) -> bool:
        return any(a < x - 1 < x + 1 < b for a, b in self.boxes)


@dataclass
class PageLayout:
    width: float
    height: float
    lines: list[Line]                       # top of the page first
    tables: list[tuple[float, float, list[list[str]]]] = field(default_factory=list)  # (top, bottom, rows)


def lines_of(textpage) -> list[Line]:
    """The page's text runs grouped into lines by vertical overlap, top first."""
    rects = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        if right > left and top > bottom:
            rects.append((left, bottom, right, top))
    rects.sort(key=lambda r: -(r[1] + r[3]))
    lines: list[Line] = []
    for left, bottom, right, top in rects:
        mid = (bottom + top) / 2
        line = lines[-1] if lines else None
        if line is not None and line.bottom <= mid <= line.top:
            line.boxes.append((left, right))
            line.top, line.bottom = max(line.top, top), min(line.bottom, bottom)
        else:
            lines.append(Line(top=top, bottom=bottom, boxes=[(left, right)]))
    return lines


# ----------------------------------------------------------------- running headers and footers
_PAGE_NUMBER = regex.compile(r"(?i)^\W*(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?\W*$")


def _key(text: str) -> str:
    """A line's text with digits and spacing ignored, so 'Trang 3' and 'Trang 4' compare equal."""
    return regex.sub(r"\s+", " ", regex.sub(r"\d+", "#", text)).strip().lower()


def margin_lines(layout: PageLayout) -> dict[str, list[int]]:
    """Indices of up to two lines at the top and at the bottom that lie within the margins."""
    h = layout.height
    n = len(layout.lines)
    top = [i for i in range(min(2, n)) if layout.lines[i].bottom > h * (1 - MARGIN_SHARE)]
    bottom = [i for i in range(max(0, n - 2), n) if layout.lines[i].top < h * MARGIN_SHARE and i not in top]
    return {"top": top, "bottom": bottom}


def running_lines(pages: list[tuple[PageLayout, dict[str, list[tuple[int, str]]]]]) -> list[set[int]]:
    """For each page, the indices of its running header, footer and page-number lines.

    pages: (layout, {"top"/"bottom": [(line index, line text)]}) for every page."""
    from collections import Counter
    seen = {"top": Counter(), "bottom": Counter()}
    for _, ends in pages:
        for end, items in ends.items():
            seen[end].update({_key(t) for _, t in items if _key(t)})
    need = max(2, REPEAT_SHARE * len(pages))
    out = []
    for _, ends in pages:
        drop = set()
        for end, items in ends.items():
            for i, text in items:
                k = _key(text)
                if not k or _PAGE_NUMBER.match(text.strip()) or (len(pages) > 1 and seen[end][k] >= need):
                    drop.add(i)
        out.append(drop)
    return out


# ----------------------------------------------------------------- two-column blocks
def _gap_in(line: Line, lo: float, hi: float) -> Optional[tuple[float, float]]:
    """The widest blank between this line's runs that lies between lo and hi, if wide enough."""
    boxes = sorted(line.boxes)
    best = None
    reach = boxes[0][1]
    for a, b in boxes[1:]:
        if a - reach >= MIN_COLUMN_GAP and lo <= (a + reach) / 2 <= hi:
            if best is None or a - reach > best[1] - best[0]:
                best = (reach, a)
        reach = max(reach, b)
    return best


def column_runs(layout: PageLayout, skip: set[int]) -> list[tuple[int, int, float]]:
    """Runs of lines set in two columns: (first line, last line, x of the split).

    A run starts at a line with text on both sides of a wide blank in the middle of the page
    and goes on while the lines leave a blank strip in common; a line centred on the page with
    text on one side only (a title under the header block) ends it. A run needs two lines with
    text on both sides, so one justified line with wide word gaps is not taken for columns."""
    w = layout.width
    runs = []
    i = 0
    while i < len(layout.lines):
        gap = None if i in skip else _gap_in(layout.lines[i], 0.2 * w, 0.75 * w)
        end, both, split = _run_from(layout.lines, i, gap, skip, w) if gap else (i, 0, 0.0)
        if both >= 2:
            runs.append((i, end, split))
            i = end + 1
        else:
            i += 1
    return runs


def _run_from(lines: list[Line], i: int, gap: tuple[float, float], skip: set[int], width: float):
    """(last line, lines with text on both sides, x of the split) of the run starting at i."""
    lo, hi = gap
    both, j = 1, i + 1
    while j < len(lines) and j not in skip:
        ln = lines[j]
        free = [(lo, hi)]
        for a, b in ln.boxes:
            free = [piece for fa, fb in free for piece in _cut(fa, fb, a, b)]
        free = [f for f in free if f[1] - f[0] >= 8]   # narrower is a word gap lining up
        if not free:
            break
        if ln.left < lo and ln.right > hi:
            both += 1
        elif abs((ln.left + ln.right) / 2 - width / 2) < 0.06 * width:
            break
        lo, hi = max(free, key=lambda f: f[1] - f[0])
        j += 1
    return j - 1, both, (lo + hi) / 2


def _cut(fa: float, fb: float, a: float, b: float) -> list[tuple[float, float]]:
    """The interval (fa, fb) minus (a, b)."""
    if b <= fa or a >= fb:
        return [(fa, fb)]
    return [p for p in ((fa, a), (b, fb)) if p[1] > p[0]]


# ----------------------------------------------------------------- the page text
def page_text(textpage, layout: PageLayout, drop: set[int]) -> str:
    """The page read band by band: full-width bands, two-column runs (left, then right) and
    tables (a row a line, tab-separated), leaving out the dropped lines; bands are separated
    by an empty line, so the normaliser never joins lines across a paragraph break."""
    out = [_band_text(textpage, layout, band) for band in _bands(layout, drop)]
    return "\n\n".join(t for t in out if t.strip())


def _bands(layout: PageLayout, drop: set[int]):
    """(kind, first line, last line, table rows or x of the split) from the top of the page."""
    lines = layout.lines
    if not lines:
        return
    table_of = {i: t for i, ln in enumerate(lines) for t in layout.tables
                if t[1] - 1 <= (ln.top + ln.bottom) / 2 <= t[0] + 1}
    runs = {start: (end, split) for start, end, split in column_runs(layout, drop | set(table_of))}
    spacing, body = _line_spacing(lines), _body_edges(lines)
    i = 0
    while i < len(lines):
        if i in drop:
            i += 1
            continue
        if i in table_of:
            j = i
            while table_of.get(j + 1) is table_of[i]:
                j += 1
            yield "table", i, j, table_of[i][2]
        elif i in runs:
            j, split = runs[i]
            yield "columns", i, j, split
        else:
            j = i
            while (j + 1 < len(lines) and j + 1 not in drop and j + 1 not in table_of and j + 1 not in runs
                   and _same_paragraph(lines[j], lines[j + 1], spacing, body)):
                j += 1
            yield "text", i, j, None
        i = j + 1


def _band_text(textpage, layout: PageLayout, band) -> str:
    kind, a, b, extra = band
    lines = layout.lines
    top = (lines[a].top + lines[a - 1].bottom) / 2 if a > 0 else layout.height
    bottom = (lines[b].bottom + lines[b + 1].top) / 2 if b + 1 < len(lines) else 0.0
    if kind == "table":
        return "\n".join("\t".join(row) for row in extra)
    if kind == "columns":
        return _bounded(textpage, 0, bottom, extra, top) + "\n\n" + _bounded(textpage, extra, bottom, layout.width, top)
    return _bounded(textpage, 0, bottom, layout.width, top)


def _same_paragraph(above: Line, below: Line, spacing: tuple[float, float], body: tuple[float, float]) -> bool:
    return (not _paragraph_gap(above, below, spacing) and centred(above, body) == centred(below, body)
            and not _new_paragraph(above, below, body))


def _line_spacing(lines: list[Line]) -> tuple[float, float]:
    """The page's usual blank between lines and usual line height (medians)."""
    gaps = sorted(a.bottom - b.top for a, b in zip(lines, lines[1:]) if a.bottom > b.top)
    heights = sorted(ln.top - ln.bottom for ln in lines)
    return (gaps[len(gaps) // 2] if gaps else 0.0), heights[len(heights) // 2]


def _body_edges(lines: list[Line]) -> tuple[float, float]:
    """Where the body text's lines usually start and end."""
    lefts = sorted(ln.left for ln in lines)
    rights = sorted(ln.right for ln in lines)
    return lefts[len(lefts) // 10], rights[(len(rights) * 9) // 10]


def centred(line: Line, body: tuple[float, float]) -> bool:
    """A line set apart in the middle (a title or heading), not a full or indented body line."""
    left, right = body
    return line.left > left + 20 and line.right < right - 20 and \
        abs((line.left + line.right) / 2 - (left + right) / 2) < 12


def _new_paragraph(above: Line, below: Line, body: tuple[float, float]) -> bool:
    """A line that stops well short of the right edge, then one indented at the left: the
    usual end and start of a paragraph."""
    left, right = body
    return above.right < right - 40 and left + 8 < below.left < left + 60


def _paragraph_gap(above: Line, below: Line, spacing: tuple[float, float]) -> bool:
    """A blank between two lines clearly wider than the page's usual one: a new paragraph
    (or heading), which the text is given as an empty line so lines are not joined across it."""
    gap, height = spacing
    return above.bottom - below.top > gap + 0.6 * height


def _bounded(textpage, left: float, bottom: float, right: float, top: float) -> str:
    text = textpage.get_text_bounded(left=left, bottom=bottom, right=right, top=top)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")


def cell_text(textpage, page_height: float, bbox) -> str:
    """Text of a pdfplumber cell (x0, top, x1, bottom; y down) read by pypdfium2, on one line."""
    x0, top, x1, bottom = bbox
    text = textpage.get_text_bounded(left=x0, bottom=page_height - bottom, right=x1, top=page_height - top)
    return " ".join(text.split())
