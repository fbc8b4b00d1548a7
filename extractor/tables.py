"""Tables: runs of tab-separated rows in the normalised text, and the targets of target tables.

Every reader writes a table as one line per row with cells separated by tabs (Word tables,
ruled PDF tables, HTML tables, tab-separated text), so tables are found in the text itself and
each cell keeps its span. A table is
- ``tasks`` when its header names the task and the lead agency (the assignment stage reads
  these rows cell by cell),
- ``targets`` when its header names the indicator (chỉ tiêu) and columns by year; each value
  cell under a year becomes a target, with the unit from the unit column (đơn vị tính) and a
  baseline from a column of results (thực hiện / ước thực hiện),
- ``layout`` before the body or in the closing (a header or signature laid out as a table),
- otherwise None.
"""
from __future__ import annotations

from typing import Optional

import regex

from . import lexicon
from .deadlines import task_columns
from .models import Segmented, Table, Target
from .numbers import NUMBER, as_number, parse_number

_INDICATOR_HEAD = regex.compile(r"chi tieu|chi so|tieu chi")
_UNIT_HEAD = regex.compile(r"^\s*(?:don vi tinh|dvt|don vi)\b")
_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_PAST_HEAD = regex.compile(r"thuc hien|uoc|hien trang|ket qua|\bth\b|da dat")
_VALUE = regex.compile(rf"^\s*(?P<cmp>[≥≤><~]|tren|duoi|toi thieu|toi da|it nhat|khoang|khong duoi|khong qua)?\s*"
                       rf"(?P<a>{NUMBER})\s*(?:(?P<dash>[-–]|den)\s*(?P<b>{NUMBER}))?\s*(?P<pct>%)?\s*$")
_DIGIT = regex.compile(r"\d")
_LETTER = regex.compile(r"\p{L}")
_COMPARATOR = {"≥": "gte", ">": "gt", "≤": "lte", "<": "lt", "~": "approx", "tren": "gt", "duoi": "lt",
               "toi thieu": "gte", "it nhat": "gte", "khong duoi": "gte", "toi da": "lte", "khong qua": "lte",
               "khoang": "approx"}


def extract_tables(seg: Segmented) -> list[Table]:
    text, fl = seg.text, seg.norm.fold
    tables, pos = [], 0
    while True:
        tab = text.find("\t", pos)
        if tab == -1:
            return tables
        start = text.rfind("\n", 0, tab) + 1
        end = start
        cells: list[list[tuple[int, int]]] = []
        while end < len(text):
            line_end = text.find("\n", end)
            line_end = len(text) if line_end == -1 else line_end
            if "\t" not in text[end:line_end]:
                break
            cells.append(_cell_spans(text, end, line_end))
            end = line_end + 1
        end = min(end, len(text))
        stop = end - 1 if end and text[end - 1:end] == "\n" else end
        if len(cells) >= 1:
            rows = [[text[a:b].strip() for a, b in row] for row in cells]
            tables.append(Table(rows=rows, page=seg.norm.page_at(start), section=seg.section_id_at(start),
                                start=start, end=stop, cells=[[[a, b] for a, b in row] for row in cells],
                                kind=_kind(seg, fl, start, cells)))
        pos = max(end, tab + 1)


def _cell_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, pos = [], start
    for piece in text[start:end].split("\t"):
        a, b = pos, pos + len(piece)
        while a < b and text[a] == " ":
            a += 1
        while b > a and text[b - 1] == " ":
            b -= 1
        spans.append((a, b))
        pos += len(piece) + 1
    return spans


def _kind(seg: Segmented, fl: str, start: int, cells) -> Optional[str]:
    if start < seg.body_start or start >= seg.closing_start and not _after_closing(seg, start):
        return "layout"
    if task_columns(fl, cells[0]) is not None:      # the header the assignment stage reads rows by
        return "tasks"
    head = " ".join(fl[a:b] for a, b in cells[0])
    if _INDICATOR_HEAD.search(head) and _year_columns(fl, cells):
        return "targets"
    return None


def _after_closing(seg: Segmented, start: int) -> bool:
    """In an appendix after the signature block, not in the block itself."""
    ends = [s.end for s in seg.sections if s.kind == "closing"]
    return bool(ends) and start >= max(ends)


def _year_columns(fl: str, cells) -> dict[int, tuple[str, bool]]:
    """Columns headed by a year, from the first two rows: {column: (year, past result?)}."""
    out: dict[int, tuple[str, bool]] = {}
    for row in cells[:2]:
        for i, (a, b) in enumerate(row):
            m = _YEAR.search(fl, a, b)
            if m and i not in out and not _DIGIT.search(fl[a:m.start()]):
                above = fl[slice(*cells[0][i])] if i < len(cells[0]) else ""
                out[i] = (m.group(1), bool(_PAST_HEAD.search(fl[a:b]) or _PAST_HEAD.search(above)))
    return out


# ----------------------------------------------------------------- targets of target tables
def table_targets(seg: Segmented, tables: list[Table]) -> list[Target]:
    out: list[Target] = []
    fl = seg.norm.fold
    for table in tables:
        if table.kind != "targets":
            continue
        cells = [[tuple(c) for c in row] for row in table.cells]
        years = _year_columns(fl, cells)
        head = cells[0]
        indicator_col = next(i for i, (a, b) in enumerate(head) if _INDICATOR_HEAD.search(fl, a, b))
        unit_col = next((i for i, (a, b) in enumerate(head) if _UNIT_HEAD.match(fl[a:b])), None)
        for row in cells[1:]:
            if indicator_col >= len(row) or not _LETTER.search(seg.text[slice(*row[indicator_col])]):
                continue
            out += _row_targets(seg, fl, row, indicator_col, unit_col, years)
    return out


def _row_targets(seg, fl, row, indicator_col, unit_col, years) -> list[Target]:
    text = seg.text
    indicator = text[slice(*row[indicator_col])].strip()
    unit = text[slice(*row[unit_col])].strip() or None if unit_col is not None and unit_col < len(row) else None
    past = [(y, _value(fl, text, *row[i])) for i, (y, was) in sorted(years.items()) if was and i < len(row)]
    past = [(y, v) for y, v in past if v]
    out = []
    for i, (year, was) in sorted(years.items()):
        if was or i >= len(row):
            continue
        value = _value(fl, text, *row[i])
        if value is None:
            continue
        a, b = row[i]
        low, high, comparator, pct = value
        cell_unit = "%" if pct and not unit else unit
        scale, base = _scale(cell_unit)
        single = low if high is None else None
        out.append(Target(
            text=text[a:b], indicator=indicator, value=as_number(single),
            min=as_number(low) if high is not None else None, max=as_number(high),
            unit=cell_unit, comparator=comparator, year=year, period=None,
            baseline={"value": as_number(past[-1][1][0]), "year": past[-1][0]} if past else None,
            section=seg.section_id_at(a), start=a, end=b, page=seg.norm.page_at(a),
            value_normalized=_times(single, scale), min_normalized=_times(low, scale) if high is not None else None,
            max_normalized=_times(high, scale), unit_base=base))
    return out


def _value(fl: str, text: str, a: int, b: int):
    """(low, high or None, comparator, printed %) of a value cell, or None."""
    m = _VALUE.match(fl[a:b])
    if not m:
        return None
    low = parse_number(text[a + m.start("a"):a + m.end("a")])
    high = parse_number(text[a + m.start("b"):a + m.end("b")]) if m.group("b") else None
    if low is None:
        return None
    comparator = "eq" if high is not None else _COMPARATOR.get((m.group("cmp") or "").strip(), "eq")
    return low, high, comparator, bool(m.group("pct"))


def _scale(unit: Optional[str]) -> tuple[float, Optional[str]]:
    """'tỷ đồng' → (1e9, 'đồng'); a unit without a scale word is its own base."""
    if not unit:
        return 1.0, None
    for word, factor in sorted(lexicon.load("units.json")["scales"].items(), key=lambda kv: -len(kv[0])):
        if unit.startswith(word + " "):
            return factor, unit[len(word) + 1:]
    return 1.0, unit


def _times(value: Optional[float], scale: float):
    return None if value is None else as_number(value * scale)
